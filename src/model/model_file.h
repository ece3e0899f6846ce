// A .tflite file parsed into plain structs. Kernels and the graph never see the flatbuffer:
// the reader (tflite_reader.h) verifies the file, validates its semantics, and fills these.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "base/activation.h"
#include "base/tensor_types.h"
#include "base/window.h"
#include "model/op_code.h"

namespace posenet {

struct Conv2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_h = 1, stride_w = 1;
  int32_t dilation_h = 1, dilation_w = 1;
  Activation activation = Activation::kNone;
};

// A depthwise convolution's window and activation are a convolution's.
struct DepthwiseConv2DOptions : Conv2DOptions {
  int32_t depth_multiplier = 1;
};

struct Pool2DOptions {
  Padding padding = Padding::kSame;
  int32_t stride_h = 1, stride_w = 1;
  int32_t filter_h = 1, filter_w = 1;
  Activation activation = Activation::kNone;
};

struct ConcatenationOptions {
  int32_t axis = 0;
  Activation activation = Activation::kNone;
};

struct ElementwiseOptions {  // ADD, MUL
  Activation activation = Activation::kNone;
};

struct ReshapeOptions {
  std::vector<int32_t> new_shape;  // may be empty: then the shape comes from input 1
};

// Coral's in-graph multi-pose decoder; options come from the op's flexbuffer map.
struct PosenetDecoderOptions {
  int32_t max_detections = 10;
  float score_threshold = 0.2f;
  float nms_radius = 10.0f;  // in input pixels
  int32_t stride = 16;
};

using OpOptions =
    std::variant<std::monostate, Conv2DOptions, DepthwiseConv2DOptions, Pool2DOptions,
                 ConcatenationOptions, ElementwiseOptions, ReshapeOptions, PosenetDecoderOptions>;

struct TensorDef {
  std::string name;
  DataType type = DataType::kFloat32;
  Shape shape;
  // Constant data (weights, biases), a view into ModelFile::bytes; empty for activations.
  std::span<const uint8_t> data;
  Quantization quantization;
  bool is_constant() const { return !data.empty(); }
};

struct OperatorDef {
  OpCode code = OpCode::kAdd;
  std::vector<int32_t> inputs;   // tensor indices; -1 marks an omitted optional input
  std::vector<int32_t> outputs;  // tensor indices
  OpOptions options;
};

// The first subgraph of a .tflite file. Owns the file bytes that TensorDef::data points into.
struct ModelFile {
  std::string path;  // for error messages; "<memory>" when loaded from a buffer
  std::shared_ptr<const std::vector<uint8_t>> bytes;
  std::string description;
  std::vector<TensorDef> tensors;
  std::vector<OperatorDef> operators;  // in execution order
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
};

}  // namespace posenet
