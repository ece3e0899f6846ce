#include "broken_models.h"

#include <flatbuffers/flatbuffers.h>
#include <flatbuffers/flexbuffers.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "model/tflite_subset_generated.h"

namespace posenet::testing {
namespace {

// Overwrites 4 bytes at `at` with little-endian `v` (byte by byte: GCC's object-size analysis
// misreads memcpy into a vector at a computed offset under ASan).
void PutU32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (size_t i = 0; i < 4 && at + i < b.size(); ++i)
    b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

namespace fb = flatbuffers;

constexpr int8_t kFloat32 = 0, kInt32 = 2, kUInt8 = 3;

// Deterministic filler bytes for weights.
std::vector<uint8_t> Pattern(size_t n, uint32_t seed) {
  std::vector<uint8_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<uint8_t>((i * 37 + seed * 101 + 11) % 251);
  return v;
}

// Little-endian int32 values as bytes (bias data).
std::vector<uint8_t> Int32Bytes(size_t n, int32_t base) {
  std::vector<uint8_t> v(n * 4);
  for (size_t i = 0; i < n; ++i) {
    const int32_t x = base + static_cast<int32_t>(i) * 7 - 20;
    std::memcpy(&v[i * 4], &x, 4);
  }
  return v;
}

TensorSpec Activation(std::string name, std::vector<int32_t> shape, float scale, int64_t zp) {
  TensorSpec t;
  t.name = std::move(name);
  t.type = kUInt8;
  t.shape = std::move(shape);
  t.scale = {scale};
  t.zero_point = {zp};
  return t;
}

TensorSpec Weights(std::string name, std::vector<int32_t> shape, float scale, int64_t zp,
                   uint32_t seed) {
  TensorSpec t = Activation(std::move(name), std::move(shape), scale, zp);
  size_t n = 1;
  for (int32_t d : t.shape) n *= static_cast<size_t>(d);
  t.data = Pattern(n, seed);
  return t;
}

TensorSpec Bias(std::string name, int32_t n, float scale) {
  TensorSpec t;
  t.name = std::move(name);
  t.type = kInt32;
  t.shape = {n};
  t.data = Int32Bytes(static_cast<size_t>(n), n);
  t.scale = {scale};
  t.zero_point = {0};
  return t;
}

TensorSpec FloatTensor(std::string name, std::vector<int32_t> shape) {
  TensorSpec t;
  t.name = std::move(name);
  t.type = kFloat32;
  t.shape = std::move(shape);
  return t;
}

OpSpec Conv(std::vector<int32_t> in, int32_t out, int32_t stride, int8_t activation) {
  OpSpec op;
  op.builtin = 3;
  op.inputs = std::move(in);
  op.outputs = {out};
  op.options_type = kConv2DOptions;
  op.stride_w = op.stride_h = stride;
  op.activation = activation;
  return op;
}

fb::Offset<void> WriteOptions(fb::FlatBufferBuilder& b, const OpSpec& op) {
  switch (op.options_type) {
    case kConv2DOptions: {
      tfl::Conv2DOptionsBuilder o(b);
      o.add_padding(op.padding), o.add_fused_activation_function(op.activation);
      o.add_stride_w(op.stride_w), o.add_stride_h(op.stride_h);
      o.add_dilation_w_factor(op.dilation_w), o.add_dilation_h_factor(op.dilation_h);
      return o.Finish().Union();
    }
    case kDepthwiseConv2DOptions: {
      tfl::DepthwiseConv2DOptionsBuilder o(b);
      o.add_padding(op.padding), o.add_fused_activation_function(op.activation);
      o.add_stride_w(op.stride_w), o.add_stride_h(op.stride_h);
      o.add_dilation_w_factor(op.dilation_w), o.add_dilation_h_factor(op.dilation_h);
      o.add_depth_multiplier(op.depth_multiplier);
      return o.Finish().Union();
    }
    case kPool2DOptions: {
      tfl::Pool2DOptionsBuilder o(b);
      o.add_padding(op.padding), o.add_fused_activation_function(op.activation);
      o.add_stride_w(op.stride_w), o.add_stride_h(op.stride_h);
      o.add_filter_width(op.filter_w), o.add_filter_height(op.filter_h);
      return o.Finish().Union();
    }
    case kConcatenationOptions: {
      tfl::ConcatenationOptionsBuilder o(b);
      o.add_axis(op.axis), o.add_fused_activation_function(op.activation);
      return o.Finish().Union();
    }
    case kAddOptions: {
      tfl::AddOptionsBuilder o(b);
      o.add_fused_activation_function(op.activation);
      return o.Finish().Union();
    }
    case kMulOptions: {
      tfl::MulOptionsBuilder o(b);
      o.add_fused_activation_function(op.activation);
      return o.Finish().Union();
    }
    case kReshapeOptions: {
      auto shape = b.CreateVector(op.new_shape);
      tfl::ReshapeOptionsBuilder o(b);
      o.add_new_shape(shape);
      return o.Finish().Union();
    }
    case kPadOptions:
      return tfl::PadOptionsBuilder(b).Finish().Union();
    default:
      return 0;
  }
}

fb::Offset<tfl::QuantizationParameters> WriteQuantization(fb::FlatBufferBuilder& b,
                                                          const TensorSpec& t) {
  if (t.scale.empty() && t.zero_point.empty() && !t.custom_quantization) return 0;
  auto scale = b.CreateVector(t.scale);
  auto zero_point = b.CreateVector(t.zero_point);
  fb::Offset<tfl::CustomQuantization> custom = 0;
  if (t.custom_quantization) {
    auto bytes = b.CreateVector(std::vector<uint8_t>{1, 2, 3, 4});
    tfl::CustomQuantizationBuilder c(b);
    c.add_custom(bytes);
    custom = c.Finish();
  }
  tfl::QuantizationParametersBuilder q(b);
  q.add_scale(scale);
  q.add_zero_point(zero_point);
  q.add_quantized_dimension(t.quantized_dimension);
  if (t.custom_quantization) {
    q.add_details_type(tfl::QuantizationDetails::CustomQuantization);
    q.add_details(custom.Union());
  }
  return q.Finish();
}

}  // namespace

std::vector<uint8_t> DecoderOptionsFlexbuffer(int32_t max_detections, float score_threshold,
                                              float nms_radius, int32_t stride) {
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Int("max_detections", max_detections);
    fbb.Float("score_threshold", score_threshold);
    fbb.Float("nms_radius", nms_radius);
    fbb.Int("stride", stride);
  });
  fbb.Finish();
  return fbb.GetBuffer();
}

ModelSpec TinyModelSpec() {
  ModelSpec m;
  const float in_scale = 1.0f / 128, act = 0.0235f;
  m.tensors = {
      Activation("image", {1, 9, 9, 3}, in_scale, 128),          // 0
      Weights("conv/weights", {4, 3, 3, 3}, 0.02f, 127, 1),      // 1
      Bias("conv/bias", 4, in_scale * 0.02f),                    // 2
      Activation("conv/out", {1, 5, 5, 4}, act, 0),              // 3
      Weights("dw/weights", {1, 3, 3, 4}, 0.03f, 128, 2),        // 4
      Bias("dw/bias", 4, act * 0.03f),                           // 5
      Activation("dw/out", {1, 5, 5, 4}, act, 0),                // 6
      Activation("concat", {1, 5, 5, 8}, act, 0),                // 7
      Weights("heatmap/weights", {17, 1, 1, 8}, 0.01f, 120, 3),  // 8
      Bias("heatmap/bias", 17, act * 0.01f),                     // 9
      Activation("heatmaps", {1, 5, 5, 17}, 0.08f, 128),         // 10
      Weights("short/weights", {34, 1, 1, 8}, 0.01f, 130, 4),    // 11
      Bias("short/bias", 34, act * 0.01f),                       // 12
      Activation("short_offsets", {1, 5, 5, 34}, 0.4f, 128),     // 13
      Weights("mid/weights", {64, 1, 1, 8}, 0.01f, 125, 5),      // 14
      Bias("mid/bias", 64, act * 0.01f),                         // 15
      Activation("mid_offsets", {1, 5, 5, 64}, 1.4f, 117),       // 16
      FloatTensor("poses", {1, kTinyMaxDetections, 17, 2}),      // 17
      FloatTensor("poses:1", {1, kTinyMaxDetections, 17}),       // 18
      FloatTensor("poses:2", {1, kTinyMaxDetections}),           // 19
      FloatTensor("poses:3", {}),                                // 20
  };
  OpSpec dw;
  dw.builtin = 4;
  dw.inputs = {3, 4, 5};
  dw.outputs = {6};
  dw.options_type = kDepthwiseConv2DOptions;
  dw.activation = 3;  // RELU6
  OpSpec concat;
  concat.builtin = 2;
  concat.inputs = {3, 6};
  concat.outputs = {7};
  concat.options_type = kConcatenationOptions;
  concat.axis = 3;
  OpSpec decoder;
  decoder.builtin = 32;
  decoder.custom_code = "PosenetDecoderOp";
  decoder.inputs = {10, 13, 16};
  decoder.outputs = {17, 18, 19, 20};
  decoder.custom_options = DecoderOptionsFlexbuffer(kTinyMaxDetections, kTinyScoreThreshold,
                                                    kTinyNmsRadius, kTinyStride);
  m.ops = {Conv({0, 1, 2}, 3, 2, 3),
           dw,
           concat,
           Conv({7, 8, 9}, 10, 1, 0),
           Conv({7, 11, 12}, 13, 1, 0),
           Conv({7, 14, 15}, 16, 1, 0),
           decoder};
  m.inputs = {0};
  m.outputs = {17, 18, 19, 20};
  return m;
}

std::vector<uint8_t> SerializeModel(const ModelSpec& spec) {
  fb::FlatBufferBuilder b;

  // Buffers: 0 is the empty sentinel; every tensor with data (or external data) gets its own.
  std::vector<fb::Offset<tfl::Buffer>> buffers;
  buffers.push_back(tfl::BufferBuilder(b).Finish());
  std::vector<uint32_t> tensor_buffer(spec.tensors.size(), 0);
  for (size_t i = 0; i < spec.tensors.size(); ++i) {
    const TensorSpec& t = spec.tensors[i];
    if (t.data.empty() && t.external_offset == 0) continue;
    fb::Offset<fb::Vector<uint8_t>> data = 0;
    if (!t.data.empty()) {
      b.ForceVectorAlignment(t.data.size(), 1, 16);  // the format's force_align: 16
      data = b.CreateVector(t.data);
    }
    tfl::BufferBuilder bb(b);
    if (!t.data.empty()) bb.add_data(data);
    if (t.external_offset != 0) {
      bb.add_offset(t.external_offset);
      bb.add_size(t.external_size);
    }
    tensor_buffer[i] = static_cast<uint32_t>(buffers.size());
    buffers.push_back(bb.Finish());
  }

  std::vector<fb::Offset<tfl::Tensor>> tensors;
  for (size_t i = 0; i < spec.tensors.size(); ++i) {
    const TensorSpec& t = spec.tensors[i];
    auto shape = b.CreateVector(t.shape);
    auto name = b.CreateString(t.name);
    auto quantization = WriteQuantization(b, t);
    fb::Offset<tfl::SparsityPresence> sparsity = 0;
    if (t.sparse) sparsity = tfl::SparsityPresenceBuilder(b).Finish();
    tfl::TensorBuilder tb(b);
    tb.add_shape(shape);
    tb.add_type(t.type);
    tb.add_buffer(t.buffer >= 0 ? static_cast<uint32_t>(t.buffer) : tensor_buffer[i]);
    tb.add_name(name);
    if (!quantization.IsNull()) tb.add_quantization(quantization);
    if (t.sparse) tb.add_sparsity(sparsity);
    tensors.push_back(tb.Finish());
  }

  // Operator codes, one per distinct (builtin, custom_code), in order of first use.
  std::map<std::pair<int32_t, std::string>, uint32_t> code_index;
  std::vector<fb::Offset<tfl::OperatorCode>> codes;
  std::vector<fb::Offset<tfl::Operator>> ops;
  for (const OpSpec& op : spec.ops) {
    const auto key = std::make_pair(op.builtin, op.custom_code);
    if (code_index.count(key) == 0) {
      auto custom = op.builtin == 32 ? b.CreateString(op.custom_code) : 0;
      tfl::OperatorCodeBuilder cb(b);
      // Codes above 127 do not fit the byte field: it holds the placeholder 127 then.
      cb.add_deprecated_builtin_code(static_cast<int8_t>(std::clamp(op.builtin, -128, 127)));
      if (!spec.legacy_opcodes) cb.add_builtin_code(op.builtin);
      if (op.builtin == 32) cb.add_custom_code(custom);
      code_index[key] = static_cast<uint32_t>(codes.size());
      codes.push_back(cb.Finish());
    }
    auto inputs = b.CreateVector(op.inputs);
    auto outputs = b.CreateVector(op.outputs);
    auto options = WriteOptions(b, op);
    auto custom_options = op.custom_options.empty() ? 0 : b.CreateVector(op.custom_options);
    tfl::OperatorBuilder ob(b);
    ob.add_opcode_index(op.opcode_index >= 0 ? static_cast<uint32_t>(op.opcode_index)
                                             : code_index[key]);
    ob.add_inputs(inputs);
    ob.add_outputs(outputs);
    if (!options.IsNull()) {
      ob.add_builtin_options_type(static_cast<tfl::BuiltinOptions>(op.options_type));
      ob.add_builtin_options(options);
    }
    if (!custom_options.IsNull()) ob.add_custom_options(custom_options);
    ob.add_custom_options_format(op.custom_options_format);
    ops.push_back(ob.Finish());
  }

  std::vector<fb::Offset<tfl::SubGraph>> subgraphs;
  if (spec.has_subgraph) {
    auto t = b.CreateVector(tensors);
    auto in = b.CreateVector(spec.inputs);
    auto out = b.CreateVector(spec.outputs);
    auto o = b.CreateVector(ops);
    auto name = b.CreateString("main");
    tfl::SubGraphBuilder sb(b);
    sb.add_tensors(t), sb.add_inputs(in), sb.add_outputs(out), sb.add_operators(o);
    sb.add_name(name);
    subgraphs.push_back(sb.Finish());
  }
  auto codes_v = b.CreateVector(codes);
  auto subgraphs_v = b.CreateVector(subgraphs);
  auto description = b.CreateString(spec.description);
  auto buffers_v = b.CreateVector(buffers);
  tfl::ModelBuilder mb(b);
  mb.add_version(spec.version);
  mb.add_operator_codes(codes_v);
  mb.add_subgraphs(subgraphs_v);
  mb.add_description(description);
  mb.add_buffers(buffers_v);
  tfl::FinishModelBuffer(b, mb.Finish());
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

std::vector<uint8_t> BuildTinyValidModel() { return SerializeModel(TinyModelSpec()); }

std::vector<BrokenModel> BuildBrokenModelCases() {
  std::vector<BrokenModel> cases;
  const std::vector<uint8_t> valid = BuildTinyValidModel();

  // Byte-level damage.
  auto truncated = [&](size_t n) { return std::vector<uint8_t>(valid.begin(), valid.begin() + n); };
  cases.push_back({"truncated_to_0_bytes", {}, "file too small"});
  cases.push_back({"truncated_to_4_bytes", truncated(4), "file too small"});
  cases.push_back({"truncated_to_16_bytes", truncated(16), "corrupt flatbuffer"});
  cases.push_back({"truncated_to_half", truncated(valid.size() / 2), "corrupt flatbuffer"});
  cases.push_back({"truncated_by_64_bytes", truncated(valid.size() - 64), "corrupt flatbuffer"});
  {
    std::vector<uint8_t> b = valid;
    std::memcpy(b.data() + 4, "JPEG", 4);
    cases.push_back({"wrong_file_identifier", b, "not a TFLite model"});
  }
  {
    std::vector<uint8_t> b = valid;
    const uint32_t root = 0xFFFFFF00u;
    std::memcpy(b.data(), &root, 4);
    cases.push_back({"corrupt_root_offset", b, "corrupt flatbuffer"});
  }
  {
    // The root table starts with a signed offset to its vtable; aim it far outside the file.
    std::vector<uint8_t> b = valid;
    uint32_t root = 0;
    std::memcpy(&root, b.data(), 4);
    const int32_t vtable = 0x7FFFFF00;
    PutU32(b, root, static_cast<uint32_t>(vtable));
    cases.push_back({"corrupt_vtable_offset", b, "corrupt flatbuffer"});
  }
  {
    // The length field of the subgraphs vector, made huge.
    std::vector<uint8_t> b = valid;
    const auto* subgraphs = tfl::GetModel(b.data())->subgraphs();
    const size_t at = static_cast<size_t>(reinterpret_cast<const uint8_t*>(subgraphs) - b.data());
    const uint32_t length = 0x10000000;
    PutU32(b, at, length);
    cases.push_back({"corrupt_vector_length", b, "corrupt flatbuffer"});
  }
  {
    // The offset of the first tensor table, pointed past the end of the file.
    std::vector<uint8_t> b = valid;
    const auto* tensors = tfl::GetModel(b.data())->subgraphs()->Get(0)->tensors();
    const size_t at = static_cast<size_t>(reinterpret_cast<const uint8_t*>(tensors) - b.data()) + 4;
    const uint32_t offset = static_cast<uint32_t>(b.size());
    PutU32(b, at, offset);
    cases.push_back({"corrupt_table_offset", b, "corrupt flatbuffer"});
  }

  // Semantic damage, one field each.
  auto add = [&](const std::string& name, const std::string& expected, auto&& change) {
    ModelSpec m = TinyModelSpec();
    change(m);
    cases.push_back({name, SerializeModel(m), expected});
  };
  add("schema_version_2", "unsupported schema version", [](ModelSpec& m) { m.version = 2; });
  add("no_subgraph", "no subgraph", [](ModelSpec& m) { m.has_subgraph = false; });
  add("no_model_inputs", "no model inputs", [](ModelSpec& m) { m.inputs.clear(); });
  add("model_input_out_of_range", "tensor index out of range (model input 0)",
      [](ModelSpec& m) { m.inputs = {21}; });
  add("model_output_negative", "tensor index out of range (model output 1)",
      [](ModelSpec& m) { m.outputs[1] = -1; });
  add("model_input_constant", "model input is a constant tensor",
      [](ModelSpec& m) { m.inputs = {1}; });
  add("op_input_out_of_range", "tensor index out of range (op 0 'CONV_2D' input 0)",
      [](ModelSpec& m) { m.ops[0].inputs[0] = 99; });
  add("op_output_out_of_range", "tensor index out of range (op 2 'CONCATENATION' output 0)",
      [](ModelSpec& m) { m.ops[2].outputs[0] = 1000000; });
  add("required_input_omitted", "tensor index out of range (op 0 'CONV_2D' input 1)",
      [](ModelSpec& m) { m.ops[0].inputs[1] = -1; });
  add("op_output_constant", "op output is a constant tensor",
      [](ModelSpec& m) { m.ops[1].outputs = {4}; });
  add("opcode_index_out_of_range", "operator code index out of range (op 3)",
      [](ModelSpec& m) { m.ops[3].opcode_index = 17; });
  add("buffer_index_out_of_range", "buffer index out of range (tensor 1 'conv/weights')",
      [](ModelSpec& m) { m.tensors[1].buffer = 4096; });
  add("buffer_too_small", "constant data size differs from the tensor size",
      [](ModelSpec& m) { m.tensors[1].data.resize(100); });
  add("buffer_too_large", "constant data size differs from the tensor size",
      [](ModelSpec& m) { m.tensors[2].data.resize(20); });
  add("external_buffer_outside_file", "buffer data lies outside the file", [](ModelSpec& m) {
    m.tensors[1].data.clear();
    m.tensors[1].external_offset = uint64_t{1} << 40;
    m.tensors[1].external_size = 108;
  });
  add("negative_dimension", "invalid tensor dimension (tensor 3 'conv/out')",
      [](ModelSpec& m) { m.tensors[3].shape[1] = -5; });
  add("zero_dimension", "invalid tensor dimension",
      [](ModelSpec& m) { m.tensors[7].shape[3] = 0; });
  add("huge_dimensions_overflow", "tensor too large", [](ModelSpec& m) {
    m.tensors[0].shape = {65536, 65536, 65536, 65536};
  });
  add("huge_constant_dimension", "tensor too large", [](ModelSpec& m) {
    m.tensors[1].shape = {std::numeric_limits<int32_t>::max(), 3, 3, 3};
  });
  add("rank_too_large", "tensor rank too large",
      [](ModelSpec& m) { m.tensors[6].shape = {1, 1, 1, 1, 1, 5, 5, 4, 1}; });
  add("unsupported_type_float16", "unsupported tensor type (tensor 3 'conv/out')",
      [](ModelSpec& m) { m.tensors[3].type = 1; });
  add("unsupported_type_string", "found STRING", [](ModelSpec& m) { m.tensors[17].type = 5; });
  add("unknown_type_value", "found type 100", [](ModelSpec& m) { m.tensors[17].type = 100; });
  add("sparse_tensor", "sparse tensors are not supported",
      [](ModelSpec& m) { m.tensors[1].sparse = true; });
  add("zero_scale", "invalid quantization scale", [](ModelSpec& m) { m.tensors[0].scale = {0}; });
  add("negative_scale", "invalid quantization scale",
      [](ModelSpec& m) { m.tensors[3].scale = {-0.5f}; });
  add("nan_scale", "found nan",
      [](ModelSpec& m) { m.tensors[10].scale = {std::numeric_limits<float>::quiet_NaN()}; });
  add("infinite_scale", "found inf",
      [](ModelSpec& m) { m.tensors[10].scale = {std::numeric_limits<float>::infinity()}; });
  add("zero_point_above_uint8", "quantization zero point out of range",
      [](ModelSpec& m) { m.tensors[0].zero_point = {256}; });
  add("zero_point_below_uint8", "expected 0..255 for uint8, found -1",
      [](ModelSpec& m) { m.tensors[1].zero_point = {-1}; });
  add("zero_point_count_mismatch", "zero_point count differs from scale count", [](ModelSpec& m) {
    m.tensors[1].zero_point = {127, 127};
  });
  add("per_channel_count_mismatch", "per-channel scale count differs", [](ModelSpec& m) {
    m.tensors[1].scale = {0.1f, 0.2f, 0.3f};
    m.tensors[1].zero_point = {1, 2, 3};
  });
  add("quantized_dimension_out_of_range", "quantized_dimension out of range", [](ModelSpec& m) {
    m.tensors[1].scale = {0.1f, 0.2f, 0.3f, 0.4f};
    m.tensors[1].zero_point = {1, 2, 3, 4};
    m.tensors[1].quantized_dimension = 7;
  });
  add("custom_quantization", "custom quantization is not supported",
      [](ModelSpec& m) { m.tensors[3].custom_quantization = true; });
  add("unknown_builtin", "found builtin code 9999 (unknown)",
      [](ModelSpec& m) { m.ops[2].builtin = 9999; });
  add("unsupported_builtin_softmax", "unsupported builtin op (op 2 'SOFTMAX')",
      [](ModelSpec& m) { m.ops[2].builtin = 25; });
  add("negative_builtin", "unsupported builtin op", [](ModelSpec& m) { m.ops[1].builtin = -3; });
  add("unknown_custom_op", "unsupported custom op (op 6 'FancyOp')",
      [](ModelSpec& m) { m.ops[6].custom_code = "FancyOp"; });
  add("custom_op_name_with_newline", "found 'Bad?Op'",
      [](ModelSpec& m) { m.ops[6].custom_code = "Bad\nOp"; });
  add("conv_with_one_input", "wrong number of op inputs (op 0 'CONV_2D'): expected 2 to 3",
      [](ModelSpec& m) { m.ops[0].inputs = {0}; });
  add("conv_with_four_inputs", "wrong number of op inputs", [](ModelSpec& m) {
    m.ops[3].inputs = {7, 8, 9, 9};
  });
  add("conv_with_two_outputs", "wrong number of op outputs", [](ModelSpec& m) {
    m.ops[0].outputs = {3, 6};
  });
  add("concatenation_without_inputs", "expected at least 1, found 0",
      [](ModelSpec& m) { m.ops[2].inputs.clear(); });
  add("decoder_with_two_inputs", "wrong number of op inputs (op 6 'PosenetDecoderOp')",
      [](ModelSpec& m) {
        m.ops[6].inputs = {10, 13};
      });
  add("decoder_without_options", "missing decoder options",
      [](ModelSpec& m) { m.ops[6].custom_options.clear(); });
  add("decoder_options_garbage", "corrupt decoder options",
      [](ModelSpec& m) { m.ops[6].custom_options = {0xff, 0x13, 0x37, 0x00, 0x99, 0x07}; });
  add("decoder_options_not_a_map", "invalid decoder options", [](ModelSpec& m) {
    flexbuffers::Builder f;
    f.Int(42);
    f.Finish();
    m.ops[6].custom_options = f.GetBuffer();
  });
  add("decoder_missing_stride", "missing decoder option 'stride'", [](ModelSpec& m) {
    flexbuffers::Builder f;
    f.Map([&] {
      f.Int("max_detections", 10);
      f.Float("score_threshold", 0.5f);
      f.Float("nms_radius", 20.0f);
    });
    f.Finish();
    m.ops[6].custom_options = f.GetBuffer();
  });
  add("decoder_zero_detections", "invalid decoder option 'max_detections'",
      [](ModelSpec& m) { m.ops[6].custom_options = DecoderOptionsFlexbuffer(0, 0.2f, 10, 16); });
  add("decoder_nan_threshold", "invalid decoder option 'score_threshold'", [](ModelSpec& m) {
    m.ops[6].custom_options =
        DecoderOptionsFlexbuffer(10, std::numeric_limits<float>::quiet_NaN(), 10, 16);
  });
  add("decoder_string_stride", "invalid decoder option 'stride'", [](ModelSpec& m) {
    flexbuffers::Builder f;
    f.Map([&] {
      f.Int("max_detections", 10);
      f.Float("score_threshold", 0.5f);
      f.Float("nms_radius", 20.0f);
      f.String("stride", "sixteen");
    });
    f.Finish();
    m.ops[6].custom_options = f.GetBuffer();
  });
  add("decoder_options_format", "unsupported custom options format",
      [](ModelSpec& m) { m.ops[6].custom_options_format = 1; });
  add("conv_stride_zero", "invalid stride_h (op 0 'CONV_2D'): expected stride_h >= 1, found 0",
      [](ModelSpec& m) { m.ops[0].stride_h = 0; });
  add("conv_negative_dilation", "invalid dilation_w_factor",
      [](ModelSpec& m) { m.ops[3].dilation_w = -2; });
  add("depthwise_multiplier_zero", "invalid depth_multiplier",
      [](ModelSpec& m) { m.ops[1].depth_multiplier = 0; });
  add("padding_out_of_range", "invalid padding", [](ModelSpec& m) { m.ops[1].padding = 2; });
  add("activation_out_of_range", "unsupported fused activation",
      [](ModelSpec& m) { m.ops[0].activation = 9; });
  add("activation_tanh", "found TANH (4)", [](ModelSpec& m) { m.ops[2].activation = 4; });
  add("conv_without_options", "missing or wrong builtin options (op 0 'CONV_2D')",
      [](ModelSpec& m) { m.ops[0].options_type = 0; });
  add("conv_with_pool_options", "expected Conv2DOptions (1), found Pool2DOptions (5)",
      [](ModelSpec& m) { m.ops[4].options_type = kPool2DOptions; });
  add("concatenation_axis_out_of_range", "concatenation axis out of range",
      [](ModelSpec& m) { m.ops[2].axis = 4; });
  add("pool_filter_zero", "invalid filter_width (op 1 'MAX_POOL_2D')", [](ModelSpec& m) {
    m.ops[1].builtin = 17;
    m.ops[1].inputs = {3};
    m.ops[1].options_type = kPool2DOptions;
    m.ops[1].filter_w = 0;
  });
  add("reshape_two_unknown_dimensions", "invalid reshape new_shape entry", [](ModelSpec& m) {
    m.ops[2].builtin = 22;
    m.ops[2].inputs = {3};
    m.ops[2].options_type = kReshapeOptions;
    m.ops[2].new_shape = {-1, 5, -1};
  });
  return cases;
}

std::vector<std::pair<std::string, std::vector<uint8_t>>> BuildBrokenModels() {
  std::vector<std::pair<std::string, std::vector<uint8_t>>> out;
  for (BrokenModel& c : BuildBrokenModelCases()) out.emplace_back(c.name, std::move(c.bytes));
  return out;
}

}  // namespace posenet::testing
