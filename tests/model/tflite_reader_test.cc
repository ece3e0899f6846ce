// The reader on models built by the tests (broken_models.h): every field of the tiny model
// comes back as written, and valid variations (legacy operator codes, per-channel
// quantization, external buffers, every supported op with its options) are accepted.
#include "model/tflite_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <variant>

#include "../support/shared_data.h"
#include "broken_models.h"

namespace posenet {
namespace {

using testing::ModelSpec;
using testing::OpSpec;
using testing::TensorSpec;

Result<ModelFile> ReadBytes(std::vector<uint8_t> bytes, const std::string& name = "<memory>") {
  return ReadTfliteModel(std::make_shared<const std::vector<uint8_t>>(std::move(bytes)), name);
}

ModelFile MustRead(const ModelSpec& spec) {
  auto m = ReadBytes(testing::SerializeModel(spec));
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() ? std::move(m).value() : ModelFile{};
}

TEST(TfliteReader, TinyModelTensors) {
  const ModelSpec spec = testing::TinyModelSpec();
  const ModelFile m = MustRead(spec);
  EXPECT_EQ(m.path, "<memory>");
  EXPECT_EQ(m.description, "tiny test model");
  ASSERT_EQ(m.tensors.size(), spec.tensors.size());
  for (size_t i = 0; i < spec.tensors.size(); ++i) {
    const TensorSpec& want = spec.tensors[i];
    const TensorDef& got = m.tensors[i];
    SCOPED_TRACE(want.name);
    EXPECT_EQ(got.name, want.name);
    EXPECT_EQ(got.shape, want.shape);
    EXPECT_EQ(got.type, want.type == 0   ? DataType::kFloat32
                        : want.type == 2 ? DataType::kInt32
                                         : DataType::kUInt8);
    ASSERT_EQ(got.data.size(), want.data.size());
    EXPECT_TRUE(std::equal(got.data.begin(), got.data.end(), want.data.begin()));
    EXPECT_EQ(got.quantization.scale, want.scale);
    EXPECT_EQ(got.quantization.zero_point, want.zero_point);
    // Constant data is a view into the file, aligned for its element type.
    if (got.is_constant()) {
      EXPECT_GE(got.data.data(), m.bytes->data());
      EXPECT_EQ(reinterpret_cast<uintptr_t>(got.data.data()) % SizeOf(got.type), 0u);
    }
  }
  EXPECT_EQ(m.inputs, spec.inputs);
  EXPECT_EQ(m.outputs, spec.outputs);
}

TEST(TfliteReader, TinyModelOperators) {
  const ModelSpec spec = testing::TinyModelSpec();
  const ModelFile m = MustRead(spec);
  ASSERT_EQ(m.operators.size(), 7u);
  const OpCode codes[] = {OpCode::kConv2D,        OpCode::kDepthwiseConv2D, OpCode::kConcatenation,
                          OpCode::kConv2D,        OpCode::kConv2D,          OpCode::kConv2D,
                          OpCode::kPosenetDecoder};
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(m.operators[i].code, codes[i]) << i;
    EXPECT_EQ(m.operators[i].inputs, spec.ops[i].inputs) << i;
    EXPECT_EQ(m.operators[i].outputs, spec.ops[i].outputs) << i;
  }
  const auto& conv = std::get<Conv2DOptions>(m.operators[0].options);
  EXPECT_EQ(conv.padding, Padding::kSame);
  EXPECT_EQ(conv.stride_h, 2);
  EXPECT_EQ(conv.stride_w, 2);
  EXPECT_EQ(conv.dilation_h, 1);
  EXPECT_EQ(conv.activation, Activation::kRelu6);
  const auto& dw = std::get<DepthwiseConv2DOptions>(m.operators[1].options);
  EXPECT_EQ(dw.stride_h, 1);
  EXPECT_EQ(dw.depth_multiplier, 1);
  EXPECT_EQ(dw.activation, Activation::kRelu6);
  EXPECT_EQ(std::get<ConcatenationOptions>(m.operators[2].options).axis, 3);
  EXPECT_EQ(std::get<Conv2DOptions>(m.operators[3].options).activation, Activation::kNone);
  const auto& d = std::get<PosenetDecoderOptions>(m.operators[6].options);
  EXPECT_EQ(d.max_detections, testing::kTinyMaxDetections);
  EXPECT_EQ(d.score_threshold, testing::kTinyScoreThreshold);
  EXPECT_EQ(d.nms_radius, testing::kTinyNmsRadius);
  EXPECT_EQ(d.stride, testing::kTinyStride);
}

// Files written before the int builtin_code field existed carry only the byte field.
TEST(TfliteReader, LegacyOperatorCodes) {
  ModelSpec spec = testing::TinyModelSpec();
  spec.legacy_opcodes = true;
  const ModelFile m = MustRead(spec);
  ASSERT_EQ(m.operators.size(), 7u);
  EXPECT_EQ(m.operators[1].code, OpCode::kDepthwiseConv2D);
  EXPECT_EQ(m.operators[6].code, OpCode::kPosenetDecoder);
}

// QUANTIZE (114) does not fit the byte field: the byte holds 127 and builtin_code the value.
TEST(TfliteReader, BuiltinCodeAbove127) {
  ModelSpec spec = testing::TinyModelSpec();
  OpSpec q;
  q.builtin = 114;
  q.inputs = {0};
  q.outputs = {21};
  TensorSpec t;
  t.name = "requantized";
  t.type = 9;  // INT8
  t.shape = {1, 9, 9, 3};
  t.scale = {0.5f};
  t.zero_point = {-128};
  spec.tensors.push_back(t);
  spec.ops.insert(spec.ops.begin(), q);
  const ModelFile m = MustRead(spec);
  ASSERT_EQ(m.operators.size(), 8u);
  EXPECT_EQ(m.operators[0].code, OpCode::kQuantize);
  EXPECT_EQ(m.tensors[21].type, DataType::kInt8);
  EXPECT_EQ(m.tensors[21].quantization.zero_point, (std::vector<int64_t>{-128}));
}

TEST(TfliteReader, PerChannelQuantization) {
  ModelSpec spec = testing::TinyModelSpec();
  spec.tensors[1].type = 9;  // INT8 weights, one scale per output channel (dimension 0)
  spec.tensors[1].scale = {0.1f, 0.2f, 0.3f, 0.4f};
  spec.tensors[1].zero_point = {0, 0, 0, 0};
  spec.tensors[4].type = 9;  // depthwise: per channel along dimension 3
  spec.tensors[4].scale = {0.5f, 0.25f, 0.125f, 1.0f};
  spec.tensors[4].zero_point = {0, 1, -1, 127};
  spec.tensors[4].quantized_dimension = 3;
  const ModelFile m = MustRead(spec);
  EXPECT_TRUE(m.tensors[1].quantization.per_channel());
  EXPECT_EQ(m.tensors[1].quantization.quantized_dimension, 0);
  EXPECT_EQ(m.tensors[1].quantization.scale, spec.tensors[1].scale);
  EXPECT_EQ(m.tensors[4].quantization.quantized_dimension, 3);
  EXPECT_EQ(m.tensors[4].quantization.zero_point, spec.tensors[4].zero_point);
}

// Buffers of files over 2 GB keep their data after the flatbuffer, addressed by offset/size.
TEST(TfliteReader, ExternalBufferData) {
  ModelSpec spec = testing::TinyModelSpec();
  const std::vector<uint8_t> weights = spec.tensors[1].data;
  spec.tensors[1].data.clear();
  spec.tensors[1].external_offset = 2;  // placeholder: the layout does not depend on the value
  spec.tensors[1].external_size = weights.size();
  const size_t size = testing::SerializeModel(spec).size();
  const size_t offset = (size + 15) / 16 * 16;
  spec.tensors[1].external_offset = offset;
  std::vector<uint8_t> bytes = testing::SerializeModel(spec);
  ASSERT_EQ(bytes.size(), size);
  bytes.resize(offset);
  bytes.insert(bytes.end(), weights.begin(), weights.end());
  auto m = ReadBytes(bytes);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->tensors[1].data.size(), weights.size());
  EXPECT_EQ(m->tensors[1].data.data(), m->bytes->data() + offset);
  EXPECT_TRUE(std::equal(weights.begin(), weights.end(), m->tensors[1].data.begin()));
}

// One of every other supported op, with options that differ from the defaults.
TEST(TfliteReader, EveryOpAndItsOptions) {
  ModelSpec spec;
  auto tensor = [&](std::vector<int32_t> shape, int8_t type = 0) {
    TensorSpec t;
    t.name = "t" + std::to_string(spec.tensors.size());
    t.type = type;
    t.shape = std::move(shape);
    spec.tensors.push_back(t);
    return static_cast<int32_t>(spec.tensors.size() - 1);
  };
  auto op = [&](int32_t builtin, std::vector<int32_t> in, int32_t out) -> OpSpec& {
    OpSpec o;
    o.builtin = builtin;
    o.inputs = std::move(in);
    o.outputs = {out};
    spec.ops.push_back(o);
    return spec.ops.back();
  };
  const int32_t x = tensor({1, 8, 8, 4});
  const int32_t avg = tensor({1, 4, 4, 4});
  OpSpec& a = op(1, {x}, avg);
  a.options_type = testing::kPool2DOptions;
  a.padding = 1, a.stride_h = 2, a.stride_w = 2, a.filter_h = 2, a.filter_w = 3;
  const int32_t max = tensor({1, 4, 4, 4});
  OpSpec& mp = op(17, {avg}, max);
  mp.options_type = testing::kPool2DOptions;
  mp.filter_h = 3, mp.filter_w = 3, mp.activation = 1;
  const int32_t sum = tensor({1, 4, 4, 4});
  OpSpec& add = op(0, {avg, max}, sum);
  add.options_type = testing::kAddOptions;
  add.activation = 2;
  const int32_t prod = tensor({1, 4, 4, 4});
  op(18, {sum, max}, prod);  // MUL without options
  const int32_t flat = tensor({1, 64});
  OpSpec& r = op(22, {prod}, flat);
  r.options_type = testing::kReshapeOptions;
  r.new_shape = {1, -1};
  const int32_t paddings = tensor({2, 2}, 2);
  spec.tensors[static_cast<size_t>(paddings)].data = std::vector<uint8_t>(16, 0);
  const int32_t padded = tensor({1, 66});
  op(34, {flat, paddings}, padded).options_type = testing::kPadOptions;
  const int32_t s = tensor({1, 66});
  op(14, {padded}, s);
  const int32_t r1 = tensor({1, 66});
  op(19, {s}, r1);
  const int32_t r6 = tensor({1, 66});
  op(21, {r1}, r6);
  const int32_t q = tensor({1, 66}, 3);
  spec.tensors[static_cast<size_t>(q)].scale = {0.05f};
  spec.tensors[static_cast<size_t>(q)].zero_point = {3};
  op(114, {r6}, q);
  const int32_t dq = tensor({1, 66});
  op(6, {q}, dq);
  const int32_t cat = tensor({1, 132});
  OpSpec& c = op(2, {dq, dq}, cat);
  c.options_type = testing::kConcatenationOptions;
  c.axis = -1;
  spec.inputs = {x};
  spec.outputs = {cat};

  const ModelFile m = MustRead(spec);
  ASSERT_EQ(m.operators.size(), 12u);
  const OpCode codes[] = {OpCode::kAveragePool2D, OpCode::kMaxPool2D,  OpCode::kAdd,
                          OpCode::kMul,           OpCode::kReshape,    OpCode::kPad,
                          OpCode::kLogistic,      OpCode::kRelu,       OpCode::kRelu6,
                          OpCode::kQuantize,      OpCode::kDequantize, OpCode::kConcatenation};
  for (size_t i = 0; i < 12; ++i) EXPECT_EQ(m.operators[i].code, codes[i]) << i;
  const auto& avg_o = std::get<Pool2DOptions>(m.operators[0].options);
  EXPECT_EQ(avg_o.padding, Padding::kValid);
  EXPECT_EQ(avg_o.stride_h, 2);
  EXPECT_EQ(avg_o.filter_h, 2);
  EXPECT_EQ(avg_o.filter_w, 3);
  EXPECT_EQ(avg_o.activation, Activation::kNone);
  const auto& max_o = std::get<Pool2DOptions>(m.operators[1].options);
  EXPECT_EQ(max_o.padding, Padding::kSame);
  EXPECT_EQ(max_o.activation, Activation::kRelu);
  EXPECT_EQ(std::get<ElementwiseOptions>(m.operators[2].options).activation,
            Activation::kReluN1To1);
  EXPECT_EQ(std::get<ElementwiseOptions>(m.operators[3].options).activation, Activation::kNone);
  EXPECT_EQ(std::get<ReshapeOptions>(m.operators[4].options).new_shape,
            (std::vector<int32_t>{1, -1}));
  for (size_t i = 5; i < 11; ++i) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(m.operators[i].options)) << i;
  }
  EXPECT_EQ(std::get<ConcatenationOptions>(m.operators[11].options).axis, -1);
  EXPECT_TRUE(m.tensors[static_cast<size_t>(paddings)].is_constant());
  EXPECT_EQ(m.tensors[static_cast<size_t>(paddings)].type, DataType::kInt32);
}

// The convolution bias is optional: -1 marks it omitted.
TEST(TfliteReader, OmittedOptionalBias) {
  ModelSpec spec = testing::TinyModelSpec();
  spec.ops[0].inputs[2] = -1;
  const ModelFile m = MustRead(spec);
  EXPECT_EQ(m.operators[0].inputs, (std::vector<int32_t>{0, 1, -1}));
}

TEST(TfliteReader, FileErrorsNameTheFile) {
  const std::string missing = testing::TempDir() + "/missing.tflite";
  auto r = ReadTfliteFile(missing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message().rfind(missing + ": ", 0), 0u) << r.message();

  const std::string path = testing::TempDir() + "/tiny.tflite";
  const std::vector<uint8_t> bytes = testing::BuildTinyValidModel();
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  auto ok = ReadTfliteFile(path);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->path, path);
  EXPECT_EQ(ok->bytes->size(), bytes.size());
}

TEST(TfliteReader, NullBytes) {
  auto r = ReadTfliteModel(nullptr, "x.tflite");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "x.tflite: cannot load model: no model data");
}

}  // namespace
}  // namespace posenet
