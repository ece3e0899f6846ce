// The squat counter's bottom angles on pose_squats.mp4 at 1281x721 and 721x1281 inputs, against
// the hand marks (slow: 65 frames at these sizes take 5-20 s in a release build, over a minute
// under ASan, which skips them).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "analysis_squats.h"
#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::CheckDepths;
using testing::CheckSquats;
using testing::FirstLineModel;
using testing::ReadJson;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

std::string Tool() { return POSENET_TOOL; }

// An analysis of a file runs the network on the frames' own aspect and size (1281x721 here, the
// default model's weights): every bottom within 10 degrees of the hand marks.
TEST(AnalysisCliSlowTest, SquatDepthsOfTheDefaultAnalysis) {
  const std::string dir = TempDir();
  auto r = RunProgram(
      Tool(), {"video", SharedPath("data/videos/pose_squats.mp4"), "--quiet", "--exercise", "squat",
               "--summary-json", dir + "/summary.json", "--jsonl", dir + "/squats.jsonl"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CheckDepths(CheckSquats(ReadJson(dir + "/summary.json")), 10);
  const nlohmann::json model = FirstLineModel(dir + "/squats.jsonl");
  EXPECT_EQ(model["input_height"], 1281);
  EXPECT_EQ(model["input_width"], 721);
}

// The 721x1281 model at its own (landscape) input size places the knees near the hand marks too:
// every bottom within 10 degrees.
TEST(AnalysisCliSlowTest, SquatDepthsWithTheLargeModel) {
  const std::string dir = TempDir();
  auto r = RunProgram(
      Tool(),
      {"video", SharedPath("data/videos/pose_squats.mp4"), "--quiet", "--model",
       SharedPath("data/models/posenet_mobilenet_v1_075_721_1281_quant_decoder.tflite"),
       "--input-aspect", "model", "--exercise", "squat", "--summary-json", dir + "/summary.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  CheckDepths(CheckSquats(ReadJson(dir + "/summary.json")), 10);
}

}  // namespace
}  // namespace posenet
