// What the public API tells about a session (include/posenet/posenet.h), checked against facts
// of Coral's 353x481 uint8 model with its decoder op (MobileNet v1 0.75 at output stride 16).
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <string>

#include "base/cpu_features.h"
#include "posenet/posenet.h"
#include "shared_data.h"

namespace posenet {
namespace {

constexpr const char* kModel = "data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite";
// A float model: its early layers run as row-fused chains and its heads as merged convolutions.
constexpr const char* kFloatModel =
    "data/models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite";

std::unique_ptr<Session> Open(const Options& options, const char* path = kModel) {
  auto model = Model::Load(testing::SharedPath(path));
  EXPECT_TRUE(model.ok()) << model.message();
  if (!model.ok()) return nullptr;
  auto session = Session::Create(*model, options);
  EXPECT_TRUE(session.ok()) << session.message();
  return session.ok() ? std::move(session).value() : nullptr;
}

TEST(SessionApi, DescribesTheNetworkAsRun) {
  std::unique_ptr<Session> s = Open({});
  ASSERT_NE(s, nullptr);
  const NetworkInfo& n = s->network();
  std::map<std::string, int> counts;
  for (const OpInfo& op : n.ops) counts[op.name]++;
  EXPECT_EQ(counts, (std::map<std::string, int>{{"CONV_2D", 18},
                                                {"DEPTHWISE_CONV_2D", 13},
                                                {"CONCATENATION", 1},
                                                {"PosenetDecoderOp", 1}}));
  // The first layer: 3x3 stride-2 SAME convolution to 24 channels, 177x241 pixels.
  const OpInfo& first = n.ops.front();
  EXPECT_EQ(first.index, 0);
  EXPECT_EQ(first.stride_h, 2);
  EXPECT_EQ(first.stride_w, 2);
  EXPECT_EQ(first.dilation_h, 1);
  EXPECT_EQ(n.tensors[first.outputs[0]].shape, (std::vector<int32_t>{1, 177, 241, 24}));
  EXPECT_EQ(first.macs, int64_t{177} * 241 * 24 * 27);
  EXPECT_FALSE(first.implementation.empty());
  // Ops without a window report none.
  EXPECT_EQ(n.ops.back().stride_h, 0);
  EXPECT_EQ(n.ops.back().dilation_h, 0);
  int64_t macs = 0;
  for (const OpInfo& op : n.ops) macs += op.macs;
  EXPECT_EQ(n.macs, macs);
  EXPECT_EQ(n.macs, s->macs());
  EXPECT_EQ(n.output_stride, 16);
  EXPECT_EQ(n.arena_bytes, s->arena_bytes());
  EXPECT_GT(n.arena_bytes, int64_t{353} * 481 * 3);
  // Inputs, outputs and constants.
  ASSERT_EQ(n.inputs.size(), 1u);
  const TensorInfo& in = n.tensors[n.inputs[0]];
  EXPECT_EQ(in.shape, (std::vector<int32_t>{1, 353, 481, 3}));
  EXPECT_EQ(in.type, ElementType::kUInt8);
  EXPECT_FALSE(in.constant);
  EXPECT_TRUE(n.tensors[first.inputs[1]].constant);  // the filter
  EXPECT_EQ(n.outputs.size(), 4u);
}

TEST(SessionApi, TensorDataIsTheSessionsOwnMemory) {
  std::unique_ptr<Session> s = Open({});
  ASSERT_NE(s, nullptr);
  std::memset(s->input().data(), 128, s->input().size());
  s->Run();
  const NetworkInfo& n = s->network();
  const int count = n.outputs[3];  // the pose count, a float
  const std::span<const uint8_t> bytes = s->tensor_data(count);
  ASSERT_EQ(bytes.size(), sizeof(float));
  EXPECT_EQ(bytes.data(), s->output(n.tensors[count].name).data());
  EXPECT_EQ(s->tensor_data(n.inputs[0]).data(), s->input().data());
  EXPECT_TRUE(s->tensor_data(-1).empty());
  EXPECT_TRUE(s->tensor_data(static_cast<int>(n.tensors.size())).empty());
}

TEST(SessionApi, ProfilesEveryOpOrItsGroup) {
  Options options;
  options.profile = true;
  for (const char* path : {kModel, kFloatModel}) {
    SCOPED_TRACE(path);
    std::unique_ptr<Session> s = Open(options, path);
    ASSERT_NE(s, nullptr);
    s->Run();
    s->Run();
    const std::vector<OpTiming> rows = s->profile();
    ASSERT_EQ(rows.size(), s->network().ops.size());
    int grouped = 0;
    for (const OpTiming& t : rows) {
      const bool inside = t.fused_into >= 0 && t.fused_into != t.op;
      grouped += inside ? 1 : 0;
      EXPECT_EQ(t.runs, inside ? 0 : 2) << t.op;
      EXPECT_EQ(t.group.empty(), t.fused_into != t.op) << t.op;
    }
    // Only float models have groups, and only with SIMD kernels (row fusion and the merged
    // heads run the optimized float kernels; POSENET_ISA=scalar runs every op alone).
    EXPECT_EQ(grouped > 0, std::string(path) == kFloatModel && ActiveIsa() != IsaLevel::kScalar);
    s->ResetProfile();
    for (const OpTiming& t : s->profile()) EXPECT_EQ(t.runs, 0);
  }
  // Without Options::profile there is nothing to report.
  std::unique_ptr<Session> quiet = Open({});
  ASSERT_NE(quiet, nullptr);
  quiet->Run();
  EXPECT_TRUE(quiet->profile().empty());
}

TEST(SessionApi, NamesTypesAndShapes) {
  EXPECT_EQ(ElementTypeName(ElementType::kFloat32), "float32");
  EXPECT_EQ(ElementTypeName(ElementType::kUInt8), "uint8");
  EXPECT_EQ(ElementTypeName(ElementType::kInt64), "int64");
  EXPECT_EQ(ShapeText({1, 257, 257, 3}), "[1,257,257,3]");
  EXPECT_EQ(ShapeText({}), "[]");
}

}  // namespace
}  // namespace posenet
