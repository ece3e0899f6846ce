// Names of TFLite builtin operator codes, for error messages about ops we do not run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace posenet {

inline constexpr int32_t kTfliteCustomBuiltin = 32;  // BuiltinOperator CUSTOM

// The format's name of builtin operator `code` ("SOFTMAX"), or "" when we do not know it.
std::string_view TfliteBuiltinName(int32_t code);

// "25 'SOFTMAX'", or "9999 (unknown)" for a code without a name.
std::string DescribeBuiltin(int32_t code);

}  // namespace posenet
