// Output stride and input resolution at run time on the real models: heatmap sizes follow
// (H-1)/stride+1 x (W-1)/stride+1, and `posenet detect --output-stride 8|32` finds the same
// people as the native stride 16, with confident keypoints close to its positions.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "json_file.h"
#include "posenet/posenet.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

const char* const kCoral = "data/models/posenet_mobilenet_v1_075_481_641_quant.tflite";
const char* const kSynthetic =
    "data/models/synthetic/synthetic_posenet_mobilenet_v1_100_257x257_float.tflite";

// Every output (heatmaps, offsets, displacements) of both models, at each stride and at two
// input sizes that are not the files' own (one of them not of the form k*stride+1).
TEST(OutputStrideModels, HeatmapSizesFollowTheStride) {
  for (const char* file : {kCoral, kSynthetic}) {
    auto model = Model::Load(SharedPath(file));
    ASSERT_TRUE(model.ok()) << model.message();
    for (int stride : {8, 16, 32}) {
      for (auto [h, w] : {std::pair{353, 257}, {240, 330}}) {
        Options o;
        o.output_stride = stride;
        o.input_height = h, o.input_width = w;
        auto session = Session::Create(*model, o);
        ASSERT_TRUE(session.ok()) << file << " stride " << stride << ": " << session.message();
        for (const TensorInfo& t : (*session)->output_info()) {
          ASSERT_EQ(t.shape.size(), 4u);
          EXPECT_EQ(t.shape[1], (h - 1) / stride + 1) << file << " " << t.name << " " << stride;
          EXPECT_EQ(t.shape[2], (w - 1) / stride + 1) << file << " " << t.name << " " << stride;
        }
      }
    }
  }
}

TEST(OutputStrideModels, UnreachableStrideIsAnError) {
  auto model = Model::Load(SharedPath(kSynthetic));  // native stride 32: 64 is out of reach
  ASSERT_TRUE(model.ok());
  Options o;
  o.output_stride = 64;
  auto session = Session::Create(*model, o);
  ASSERT_FALSE(session.ok());
  EXPECT_NE(session.message().find("output stride 64"), std::string::npos) << session.message();
}

nlohmann::json Detect(const std::vector<std::string>& extra) {
  const std::string json = TempDir() + "/stride.json";
  std::vector<std::string> args = {
      "detect",  SharedPath("data/images/test_couple.jpg"),
      "--json",  json,
      "--model", SharedPath("data/models/posenet_mobilenet_v1_075_481_641_quant_decoder.tflite")};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = RunProgram(POSENET_TOOL, args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return testing::ReadJson(json);
}

// Mean distance (picture pixels) over keypoints scored above 0.5 in both poses, and their count.
std::pair<double, int> Shift(const nlohmann::json& a, const nlohmann::json& b) {
  double sum = 0;
  int n = 0;
  for (int k = 0; k < 17; ++k) {
    const auto& ka = a["keypoints"][k];
    const auto& kb = b["keypoints"][k];
    if (ka["score"].get<float>() <= 0.5f || kb["score"].get<float>() <= 0.5f) continue;
    sum += std::hypot(ka["x"].get<double>() - kb["x"].get<double>(),
                      ka["y"].get<double>() - kb["y"].get<double>());
    ++n;
  }
  return {n ? sum / n : 1e9, n};
}

TEST(OutputStrideDetect, EightAndThirtyTwoFindBothPeopleNearTheNativeResult) {
  const nlohmann::json native = Detect({});
  ASSERT_EQ(native["model"]["output_stride"], 16);
  ASSERT_GE(native["poses"].size(), 2u);
  for (int stride : {8, 32}) {
    const nlohmann::json other = Detect({"--output-stride", std::to_string(stride)});
    EXPECT_EQ(other["model"]["output_stride"], stride);
    // Each of the two people of the native run is found again: the closest pose of the other
    // run shares confident keypoints with it, on average within 10 px.
    double total = 0;
    int count = 0;
    for (size_t p = 0; p < 2; ++p) {
      std::pair<double, int> best{1e9, 0};
      for (const auto& q : other["poses"]) best = std::min(best, Shift(native["poses"][p], q));
      ASSERT_GE(best.second, 5) << "stride " << stride << ": person " << p << " not found";
      total += best.first * best.second;
      count += best.second;
    }
    EXPECT_LT(total / count, 10.0) << "stride " << stride;
    std::printf("stride %d: mean shift %.2f px over %d keypoints\n", stride, total / count, count);
  }
}

// --input-resolution N: the longer side is N snapped to k*stride+1, the shorter keeps the
// file's 481:641 aspect, and the people are still found.
TEST(OutputStrideDetect, InputResolutionSnapsAndKeepsAspect) {
  const nlohmann::json doc = Detect({"--input-resolution", "330"});
  EXPECT_EQ(doc["model"]["input_width"], 321);   // floor(330 / 16) * 16 + 1
  EXPECT_EQ(doc["model"]["input_height"], 241);  // 481 * 330 / 641 = 247.6 -> 241
  int confident = 0;
  for (const auto& p : doc["poses"]) confident += p["score"].get<float>() >= 0.5f;
  EXPECT_EQ(confident, 2);
}

TEST(SizeForResolution, FollowsTfjsSnapping) {
  int h = 0, w = 0;
  SizeForResolution(257, 16, 257, 257, h, w);  // already k*16+1
  EXPECT_EQ(h, 257);
  EXPECT_EQ(w, 257);
  SizeForResolution(500, 16, 481, 641, h, w);  // 500 -> 31*16+1; 481*500/641 = 375.2 -> 369
  EXPECT_EQ(w, 497);
  EXPECT_EQ(h, 369);
  SizeForResolution(641, 32, 641, 481, h, w);  // portrait: the height is the longer side
  EXPECT_EQ(h, 641);
  EXPECT_EQ(w, 481);
  SizeForResolution(10, 16, 481, 641, h, w);  // tiny: at least one stride
  EXPECT_EQ(w, 17);
  EXPECT_EQ(h, 17);
}

}  // namespace
}  // namespace posenet
