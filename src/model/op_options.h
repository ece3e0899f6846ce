// Builtin op options: one parser per options table of the format, each turning the table into
// the plain options struct of model_file.h and rejecting values out of range (padding and
// fused activation enums, strides, dilations, filter sizes, depth multiplier, concatenation
// axis against the output rank, reshape's new_shape). Ops whose kernels read no options (PAD,
// DEQUANTIZE, QUANTIZE, LOGISTIC, RELU, RELU6) get std::monostate whatever the file holds;
// ADD, MUL and RESHAPE accept missing options (no activation, shape from input 1), as TFLite
// does; the windowed ops and CONCATENATION require theirs.
#pragma once

#include <string>

#include "base/status.h"
#include "model/load_error.h"
#include "model/model_file.h"
#include "model/tflite_subset_generated.h"

namespace posenet {

// `where` names the op ("op 3 'CONV_2D'"); `output_rank` is the rank of its first output.
Result<OpOptions> ReadBuiltinOptions(const LoadErrors& errors, OpCode code, const tfl::Operator& op,
                                     const std::string& where, size_t output_rank);

}  // namespace posenet
