// Hand-built .tflite files for tests: a tiny valid model shaped like Coral's PoseNet (uint8
// CONV_2D, DEPTHWISE_CONV_2D and CONCATENATION feeding three 1x1 heads and the custom
// PosenetDecoderOp), and broken variants of it, each breaking exactly one thing.
//
// Models are described by a plain ModelSpec and serialized with the flatbuffers builder and
// the reader's own schema subset (src/model/tflite_subset.fbs), so a test can change any field,
// including to values the format forbids. Byte-level damage (truncation, corrupted offsets) is
// applied to the serialized bytes.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace posenet::testing {

struct TensorSpec {
  std::string name;
  int8_t type = 0;  // TensorType: FLOAT32 0, INT32 2, UINT8 3, INT64 4, INT8 9, ...
  std::vector<int32_t> shape;
  std::vector<uint8_t> data;  // constant data; empty: an activation (buffer 0)
  std::vector<float> scale;   // quantization; empty: none
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
  int64_t buffer = -1;  // >= 0 overrides the buffer index written to the file
  uint64_t external_offset = 0, external_size = 0;  // offset > 1: data stored outside
  bool sparse = false;                              // writes a (empty) sparsity table
  bool custom_quantization = false;                 // writes a CustomQuantization details union
};

struct OpSpec {
  int32_t builtin = 0;      // BuiltinOperator; 32 (CUSTOM) uses custom_code
  std::string custom_code;  // for custom ops
  std::vector<int32_t> inputs, outputs;
  // Builtin options: the BuiltinOptions union type (0 = none) and the fields of that table.
  uint8_t options_type = 0;
  int8_t padding = 0, activation = 0;
  int32_t stride_w = 1, stride_h = 1, dilation_w = 1, dilation_h = 1, depth_multiplier = 1;
  int32_t filter_w = 1, filter_h = 1, axis = 0;
  std::vector<int32_t> new_shape;
  std::vector<uint8_t> custom_options;
  int8_t custom_options_format = 0;
  int64_t opcode_index = -1;  // >= 0 overrides the operator code index
};

struct ModelSpec {
  uint32_t version = 3;
  std::string description = "tiny test model";
  bool has_subgraph = true;
  bool legacy_opcodes = false;  // write only deprecated_builtin_code, as old converters did
  std::vector<TensorSpec> tensors;
  std::vector<OpSpec> ops;
  std::vector<int32_t> inputs, outputs;
};

// BuiltinOptions union type numbers of the format.
inline constexpr uint8_t kConv2DOptions = 1, kDepthwiseConv2DOptions = 2, kPool2DOptions = 5,
                         kConcatenationOptions = 10, kAddOptions = 11, kReshapeOptions = 17,
                         kMulOptions = 21, kPadOptions = 22;

// The decoder options of the tiny model (deliberately not Coral's 10 / 0.2 / 10 / 16).
inline constexpr int32_t kTinyMaxDetections = 5;
inline constexpr float kTinyScoreThreshold = 0.25f;
inline constexpr float kTinyNmsRadius = 12.5f;
inline constexpr int32_t kTinyStride = 2;

// The tiny model: input "image" uint8 [1,9,9,3] -> CONV_2D 3x3/2 -> DEPTHWISE 3x3/1 ->
// CONCATENATION -> three 1x1 CONV_2D heads [1,5,5,17|34|64] -> PosenetDecoderOp with the options
// above -> float outputs [1,5,17,2], [1,5,17], [1,5], []. 21 tensors, 7 ops.
ModelSpec TinyModelSpec();
std::vector<uint8_t> SerializeModel(const ModelSpec& spec);
std::vector<uint8_t> BuildTinyValidModel();

// A flexbuffer map with PosenetDecoderOp's four keys.
std::vector<uint8_t> DecoderOptionsFlexbuffer(int32_t max_detections, float score_threshold,
                                              float nms_radius, int32_t stride);

struct BrokenModel {
  std::string name;
  std::vector<uint8_t> bytes;
  std::string expected_error;  // a fragment the reader's message must contain
};
std::vector<BrokenModel> BuildBrokenModelCases();

// (name, bytes) of every broken model; each must fail to load with a one-line error.
std::vector<std::pair<std::string, std::vector<uint8_t>>> BuildBrokenModels();

}  // namespace posenet::testing
