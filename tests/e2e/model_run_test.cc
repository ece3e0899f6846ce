// posenet model-run and bench, the tool commands of the core-only build: model-run writes the
// reference bytes of Coral's uint8 models (../shared/data/reference/raw) and an outputs.json that
// describes them; bench --json reports timings and a per-op profile that add up.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "json_tree.h"
#include "reference_meta.h"
#include "run_tool.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::JsonTree;
using testing::RunTool;
using testing::SharedPath;

// The tool's file name for a tensor: path characters become '_'.
std::string FileName(std::string name) {
  std::replace(name.begin(), name.end(), '/', '_');
  return name + ".bin";
}

TEST(ModelRun, WritesTheReferenceBytes) {
  const std::string ref = SharedPath("data/reference/raw/test_couple_353x481");
  const testing::QuantReferenceMeta meta = testing::ReadQuantReferenceMeta(ref);
  for (const char* variant : {"quant", "quant_decoder"}) {
    SCOPED_TRACE(variant);
    const std::string key =
        std::string("models/posenet_mobilenet_v1_075_353_481_") + variant + ".tflite";
    ASSERT_TRUE(meta.models.contains(key));
    const auto& heads = meta.models.at(key);
    std::string tensors;
    for (const auto& [role, head] : heads) tensors += (tensors.empty() ? "" : ",") + head.tensor;
    const std::string out = testing::TempDir();
    const std::string model = SharedPath("data/" + key);
    const auto r = RunTool({"model-run", model, "--input", ref + "/input.u8", "--out", out,
                            "--tensors", tensors, "--threads", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const auto& [role, head] : heads) {
      EXPECT_EQ(testing::ReadBytes(out + "/" + FileName(head.tensor)),
                testing::ReadBytes(ref + "/" + head.file))
          << role << " (" << head.tensor << ")";
    }
    // outputs.json: the model's outputs, then the tensors asked for, each with its file.
    const JsonTree json = testing::ReadJsonTree(out + "/outputs.json");
    EXPECT_EQ(json["model"].string, model);
    const std::vector<JsonTree>& listed = json["outputs"].items;
    ASSERT_EQ(listed.size(), (variant == std::string("quant") ? 3u : 4u) + heads.size());
    for (const auto& [role, head] : heads) {
      const std::string& tensor = head.tensor;  // (clang 14 cannot capture a structured binding)
      const auto it = std::find_if(listed.begin(), listed.end(),
                                   [&](const JsonTree& o) { return o["name"].string == tensor; });
      ASSERT_NE(it, listed.end()) << head.tensor;
      const JsonTree& o = *it;
      EXPECT_EQ(o["file"].string, FileName(head.tensor));
      EXPECT_EQ(o["type"].string, "uint8");
      EXPECT_EQ(o["shape"].Ints(),
                (std::vector<int32_t>{1, head.shape[0], head.shape[1], head.shape[2]}));
      EXPECT_EQ(static_cast<float>(o["scale"].number), head.scale);
      EXPECT_EQ(o["zero_point"].number, head.zero_point);
    }
  }
}

TEST(ModelRun, InputOfTheWrongSizeIsOneLineError) {
  const std::string model = SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant.tflite");
  // Any file of the wrong size, e.g. the model itself.
  const auto r = RunTool({"model-run", model, "--input", model, "--out", testing::TempDir()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(testing::LineCount(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(model + ": cannot use input: expected 509379 bytes"), std::string::npos)
      << r.err;
}

TEST(Bench, JsonReportAddsUp) {
  const std::string model = SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant.tflite");
  const auto r = RunTool({"bench", "--model", model, "--runs", "2", "--warmup", "0", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::optional<JsonTree> parsed = testing::ParseJsonTree(r.out);
  ASSERT_TRUE(parsed.has_value()) << r.out;
  const JsonTree& j = *parsed;
  EXPECT_EQ(j["model"].string, model);
  EXPECT_EQ(j["input"].Ints(), (std::vector<int32_t>{353, 481}));
  EXPECT_EQ(j["threads"].number, 1);
  EXPECT_EQ(j["runs"].number, 2);
  EXPECT_GT(j["median_ms"].number, 0);
  EXPECT_LE(j["min_ms"].number, j["median_ms"].number);
  EXPECT_LE(j["median_ms"].number, j["max_ms"].number);
  EXPECT_GT(j["arena_bytes"].number, 0);
  // 18 CONV_2D, 13 DEPTHWISE_CONV_2D and a CONCATENATION, each with its MACs and share.
  const std::vector<JsonTree>& ops = j["ops"].items;
  ASSERT_EQ(ops.size(), 32u);
  double share = 0, macs = 0;
  for (const JsonTree& op : ops) {
    EXPECT_FALSE(op["implementation"].string.empty()) << op["op"].string;
    share += op["share"].number;
    macs += op["macs"].number;
  }
  EXPECT_NEAR(share, 1.0, 1e-6);
  EXPECT_EQ(macs, j["macs"].number);
}

#ifdef POSENET_CORE_ONLY
// The commands left out of the core-only build say so in one line.
TEST(CoreTool, MissingCommandsExplainThemselves) {
  for (const char* name : {"detect", "video", "fetch-model"}) {
    const auto r = RunTool({name, "anything", "--json", "-"});
    EXPECT_EQ(r.exit_code, 1) << name;
    EXPECT_EQ(testing::LineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(std::string("cannot run ") + name + ": not in this build"),
              std::string::npos)
        << r.err;
  }
}
#endif

}  // namespace
}  // namespace posenet
