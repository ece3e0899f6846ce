// Loads every real model of ../shared/data/models and checks what the reader returns against
// independent sources: the facts of ../shared/data/README.md (tensor names, shapes, types, the
// decoder's options), the tensor names and quantization recorded in reference/raw/*/meta.json,
// and MobileNetV1's architecture for op counts (one full convolution plus 13 depthwise-separable
// blocks = 14 CONV_2D and 13 DEPTHWISE_CONV_2D, plus one 1x1 CONV_2D per output head).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <variant>

#include "../support/reference_meta.h"
#include "../support/shared_data.h"
#include "model/tflite_reader.h"

namespace posenet {
namespace {

using testing::SharedPath;

ModelFile Load(const std::string& relative) {
  auto model = ReadTfliteFile(SharedPath(relative));
  EXPECT_TRUE(model.ok()) << model.status().message();
  return model.ok() ? std::move(model).value() : ModelFile{};
}

std::map<OpCode, int> OpCounts(const ModelFile& m) {
  std::map<OpCode, int> counts;
  for (const OperatorDef& op : m.operators) counts[op.code]++;
  return counts;
}

const TensorDef& Tensor(const ModelFile& m, int32_t index) {
  return m.tensors.at(static_cast<size_t>(index));
}

int32_t FindTensor(const ModelFile& m, const std::string& name) {
  for (size_t i = 0; i < m.tensors.size(); ++i) {
    if (m.tensors[i].name == name) return static_cast<int32_t>(i);
  }
  ADD_FAILURE() << "no tensor named " << name;
  return -1;
}

struct CoralSize {
  int h, w;
};
const CoralSize kCoralSizes[] = {{353, 481}, {481, 641}, {721, 1281}};

std::string CoralName(const CoralSize& s, const char* suffix) {
  return "data/models/posenet_mobilenet_v1_075_" + std::to_string(s.h) + "_" + std::to_string(s.w) +
         suffix + ".tflite";
}

// The uint8 input of every Coral model: sub_2 [1,H,W,3], scale 1/128, zero point 128.
void ExpectCoralInput(const ModelFile& m, const CoralSize& s) {
  ASSERT_EQ(m.inputs.size(), 1u);
  const TensorDef& in = Tensor(m, m.inputs[0]);
  EXPECT_EQ(in.name, "sub_2");
  EXPECT_EQ(in.type, DataType::kUInt8);
  EXPECT_EQ(in.shape, (Shape{1, s.h, s.w, 3}));
  EXPECT_FALSE(in.is_constant());
  ASSERT_EQ(in.quantization.scale.size(), 1u);
  EXPECT_NEAR(in.quantization.scale[0], 1.0 / 128, 1e-6);
  EXPECT_EQ(in.quantization.zero_point[0], 128);
}

// The three head tensors named in meta.json, with their shape, type, scale and zero point.
void ExpectHeadsMatchMeta(const ModelFile& m,
                          const std::map<std::string, testing::HeadMeta>& heads) {
  for (const char* head : {"heatmaps", "short_offsets", "mid_offsets"}) {
    SCOPED_TRACE(head);
    ASSERT_TRUE(heads.contains(head));
    const testing::HeadMeta& h = heads.at(head);
    const int32_t index = FindTensor(m, h.tensor);
    if (index < 0) continue;
    const TensorDef& t = Tensor(m, index);
    Shape shape = {1};
    shape.insert(shape.end(), h.shape.begin(), h.shape.end());
    EXPECT_EQ(t.shape, shape);
    EXPECT_EQ(t.type, DataType::kUInt8);
    ASSERT_EQ(t.quantization.scale.size(), 1u);
    EXPECT_EQ(t.quantization.scale[0], h.scale);
    EXPECT_EQ(t.quantization.zero_point[0], h.zero_point);
  }
}

testing::QuantReferenceMeta CoralMeta(const CoralSize& s) {
  return testing::ReadQuantReferenceMeta(SharedPath(
      "data/reference/raw/test_couple_" + std::to_string(s.h) + "x" + std::to_string(s.w)));
}

TEST(RealModels, CoralQuantModels) {
  for (const CoralSize& s : kCoralSizes) {
    const std::string relative = CoralName(s, "_quant");
    SCOPED_TRACE(relative);
    const ModelFile m = Load(relative);
    EXPECT_EQ(m.path, SharedPath(relative));
    ExpectCoralInput(m, s);

    // Output stride 16: h = (H - 1) / 16 + 1.
    const int h = (s.h - 1) / 16 + 1, w = (s.w - 1) / 16 + 1;
    ASSERT_EQ(m.outputs.size(), 3u);
    const char* names[] = {"float_heatmaps", "float_short_offsets", "float_mid_offsets"};
    const int channels[] = {17, 34, 64};
    for (int i = 0; i < 3; ++i) {
      const TensorDef& out = Tensor(m, FindTensor(m, names[i]));
      EXPECT_EQ(out.type, DataType::kUInt8) << names[i];
      EXPECT_EQ(out.shape, (Shape{1, h, w, channels[i]})) << names[i];
      EXPECT_EQ(out.quantization.scale.size(), 1u) << names[i];
    }
    // The output list holds exactly these three tensors.
    std::set<std::string> outputs;
    for (int32_t o : m.outputs) outputs.insert(Tensor(m, o).name);
    EXPECT_EQ(outputs, (std::set<std::string>{names[0], names[1], names[2]}));

    // 14 + 4 heads (heatmap, offset, forward and backward displacement) convolutions; the two
    // displacement heads are concatenated into float_mid_offsets.
    EXPECT_EQ(OpCounts(m), (std::map<OpCode, int>{{OpCode::kConv2D, 18},
                                                  {OpCode::kDepthwiseConv2D, 13},
                                                  {OpCode::kConcatenation, 1}}));

    const std::string key = "models/" + CoralName(s, "_quant").substr(12);
    const testing::QuantReferenceMeta meta = CoralMeta(s);
    ASSERT_TRUE(meta.models.contains(key)) << key;
    ExpectHeadsMatchMeta(m, meta.models.at(key));
  }
}

TEST(RealModels, CoralDecoderModels) {
  for (const CoralSize& s : kCoralSizes) {
    const std::string relative = CoralName(s, "_quant_decoder");
    SCOPED_TRACE(relative);
    const ModelFile m = Load(relative);
    ExpectCoralInput(m, s);

    // keypoints [1,10,17,2], keypoint scores [1,10,17], pose scores [1,10], pose count [].
    ASSERT_EQ(m.outputs.size(), 4u);
    const Shape shapes[] = {{1, 10, 17, 2}, {1, 10, 17}, {1, 10}, {}};
    for (size_t i = 0; i < 4; ++i) {
      const TensorDef& out = Tensor(m, m.outputs[i]);
      EXPECT_EQ(out.shape, shapes[i]) << i;
      EXPECT_EQ(out.type, DataType::kFloat32) << i;
      EXPECT_TRUE(out.quantization.empty()) << i;
    }

    EXPECT_EQ(OpCounts(m), (std::map<OpCode, int>{{OpCode::kConv2D, 18},
                                                  {OpCode::kDepthwiseConv2D, 13},
                                                  {OpCode::kConcatenation, 1},
                                                  {OpCode::kPosenetDecoder, 1}}));
    const OperatorDef& decoder = m.operators.back();
    ASSERT_EQ(decoder.code, OpCode::kPosenetDecoder);
    const auto* o = std::get_if<PosenetDecoderOptions>(&decoder.options);
    ASSERT_NE(o, nullptr);
    EXPECT_EQ(o->max_detections, 10);
    EXPECT_FLOAT_EQ(o->score_threshold, 0.2f);
    EXPECT_FLOAT_EQ(o->nms_radius, 10.0f);
    EXPECT_EQ(o->stride, 16);
    EXPECT_EQ(decoder.outputs, m.outputs);

    // The decoder consumes the three heads that meta.json names, in that order.
    const std::string key = "models/" + CoralName(s, "_quant_decoder").substr(12);
    const testing::QuantReferenceMeta meta = CoralMeta(s);
    ASSERT_TRUE(meta.models.contains(key)) << key;
    const auto& heads = meta.models.at(key);
    ASSERT_EQ(decoder.inputs.size(), 3u);
    ASSERT_EQ(heads.size(), 3u);
    EXPECT_EQ(Tensor(m, decoder.inputs[0]).name, heads.at("heatmaps").tensor);
    EXPECT_EQ(Tensor(m, decoder.inputs[1]).name, heads.at("short_offsets").tensor);
    EXPECT_EQ(Tensor(m, decoder.inputs[2]).name, heads.at("mid_offsets").tensor);
    ExpectHeadsMatchMeta(m, heads);
  }
}

TEST(RealModels, DequantizedFloatModels) {
  for (int size : {257, 481}) {
    const int width = size == 257 ? 257 : 641;
    const std::string relative = "data/models/synthetic/posenet_mobilenet_v1_075_dequant_float_" +
                                 std::to_string(size) + "_" + std::to_string(width) + ".tflite";
    SCOPED_TRACE(relative);
    const ModelFile m = Load(relative);
    ASSERT_EQ(m.inputs.size(), 1u);
    const TensorDef& in = Tensor(m, m.inputs[0]);
    EXPECT_EQ(in.name, "sub_2");
    EXPECT_EQ(in.type, DataType::kFloat32);
    EXPECT_EQ(in.shape, (Shape{1, size, width, 3}));
    const int h = (size - 1) / 16 + 1, w = (width - 1) / 16 + 1;
    ASSERT_EQ(m.outputs.size(), 3u);
    for (int32_t o : m.outputs) {
      const TensorDef& t = Tensor(m, o);
      EXPECT_EQ(t.type, DataType::kFloat32) << t.name;
      EXPECT_EQ(t.shape[1], h) << t.name;
      EXPECT_EQ(t.shape[2], w) << t.name;
    }
    EXPECT_EQ(Tensor(m, FindTensor(m, "float_heatmaps")).shape, (Shape{1, h, w, 17}));
    EXPECT_EQ(Tensor(m, FindTensor(m, "float_short_offsets")).shape, (Shape{1, h, w, 34}));
    EXPECT_EQ(Tensor(m, FindTensor(m, "float_mid_offsets")).shape, (Shape{1, h, w, 64}));
    // Every tensor is float32 and unquantized: the weights were dequantized.
    for (const TensorDef& t : m.tensors) {
      EXPECT_EQ(t.type, DataType::kFloat32) << t.name;
      EXPECT_TRUE(t.quantization.empty()) << t.name;
    }
    EXPECT_EQ(OpCounts(m), (std::map<OpCode, int>{{OpCode::kConv2D, 18},
                                                  {OpCode::kDepthwiseConv2D, 13},
                                                  {OpCode::kConcatenation, 1}}));
  }
}

TEST(RealModels, SyntheticFloatStarterModel) {
  const ModelFile m =
      Load("data/models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite");
  ASSERT_EQ(m.inputs.size(), 1u);
  const TensorDef& in = Tensor(m, m.inputs[0]);
  EXPECT_EQ(in.name, "sub_2");
  EXPECT_EQ(in.type, DataType::kFloat32);
  EXPECT_EQ(in.shape, (Shape{1, 257, 257, 3}));

  // Output stride 32: (257 - 1) / 32 + 1 = 9.
  const std::pair<const char*, int> heads[] = {{"MobilenetV1/heatmap_2/BiasAdd", 17},
                                               {"MobilenetV1/offset_2/BiasAdd", 34},
                                               {"MobilenetV1/displacement_fwd_2/BiasAdd", 32},
                                               {"MobilenetV1/displacement_bwd_2/BiasAdd", 32}};
  ASSERT_EQ(m.outputs.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    const TensorDef& t = Tensor(m, m.outputs[i]);
    EXPECT_EQ(t.name, heads[i].first);
    EXPECT_EQ(t.type, DataType::kFloat32);
    EXPECT_EQ(t.shape, (Shape{1, 9, 9, heads[i].second}));
  }
  // Four separate heads, no concatenation.
  EXPECT_EQ(OpCounts(m),
            (std::map<OpCode, int>{{OpCode::kConv2D, 18}, {OpCode::kDepthwiseConv2D, 13}}));
  // Fused RELU6 on every backbone layer; the 1x1 heads have no activation.
  int relu6 = 0, none = 0;
  for (const OperatorDef& op : m.operators) {
    Activation a = Activation::kNone;
    if (const auto* c = std::get_if<Conv2DOptions>(&op.options)) a = c->activation;
    if (const auto* d = std::get_if<DepthwiseConv2DOptions>(&op.options)) a = d->activation;
    (a == Activation::kRelu6 ? relu6 : none)++;
  }
  EXPECT_EQ(relu6, 27);
  EXPECT_EQ(none, 4);
}

// Every constant tensor of every real model holds exactly element count x type size bytes,
// inside the file.
TEST(RealModels, ConstantDataLiesInsideTheFile) {
  for (const char* relative :
       {"data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite",
        "data/models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite"}) {
    const ModelFile m = Load(relative);
    ASSERT_NE(m.bytes, nullptr);
    const uint8_t* begin = m.bytes->data();
    const uint8_t* end = begin + m.bytes->size();
    int constants = 0;
    for (const TensorDef& t : m.tensors) {
      if (!t.is_constant()) continue;
      ++constants;
      int64_t count = 1;
      for (int32_t d : t.shape) count *= d;
      EXPECT_EQ(static_cast<int64_t>(t.data.size()), count * static_cast<int64_t>(SizeOf(t.type)))
          << t.name;
      EXPECT_GE(t.data.data(), begin);
      EXPECT_LE(t.data.data() + t.data.size(), end);
    }
    // A weight and a bias per convolution: 31 layers.
    EXPECT_EQ(constants, 62) << relative;
  }
}

}  // namespace
}  // namespace posenet
