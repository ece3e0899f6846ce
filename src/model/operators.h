// Reading one operator of subgraph 0: its operator code (the effective builtin code is the
// larger of deprecated_builtin_code and builtin_code; CUSTOM ops are recognized by custom_code),
// its operand lists (indices in range, -1 only where the op allows an omitted input, operand
// counts per op, no constant outputs), then its options (op_options.h, custom_options.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "model/load_error.h"
#include "model/model_file.h"
#include "model/tflite_subset_generated.h"

namespace posenet {

// `tensors` are the already validated tensors of subgraph 0; `file` is the whole model file
// (custom options of files over 2 GB live after the flatbuffer).
Result<OperatorDef> ReadOperator(const LoadErrors& errors, const tfl::Model& model,
                                 const tfl::Operator* op, size_t index,
                                 const std::vector<TensorDef>& tensors,
                                 std::span<const uint8_t> file);

}  // namespace posenet
