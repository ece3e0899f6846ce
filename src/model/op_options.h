// Op options: one parser per options column of the op table (model/ops.inc), each turning the
// file's options table into the plain options struct of model_file.h and rejecting values out
// of range (padding and fused activation enums, strides, dilations, filter sizes, depth
// multiplier, concatenation axis against the output rank, reshape's new_shape). Ops whose
// kernels read no options get std::monostate whatever the file holds; ADD, MUL and RESHAPE
// accept missing options (no activation, shape from input 1), as TFLite does; the windowed ops
// and CONCATENATION require theirs. Custom ops read their flexbuffer (custom_options.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "base/status.h"
#include "model/load_error.h"
#include "model/model_file.h"
#include "model/tflite_subset_generated.h"

namespace posenet {

// What an options parser reads: the operator, the op's name for messages ("op 3 'CONV_2D'"),
// the rank of its first output, and the whole file (custom options of files over 2 GB live
// after the flatbuffer).
struct OptionsSource {
  const LoadErrors& errors;
  const tfl::Operator& op;
  const std::string& where;
  size_t output_rank = 0;
  std::span<const uint8_t> file;
};

// The options of an op of kind `code`, by the parser its line of ops.inc names.
Result<OpOptions> ReadOptions(OpCode code, const OptionsSource& source);

}  // namespace posenet
