// The squat counter's bottom angles on pose_squats.mp4 with the 721x1281 model, against the
// hand marks (slow: the large model on 65 frames takes about 15 s in a release build).
#include <gtest/gtest.h>

#include "analysis_squats.h"
#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::CheckDepths;
using testing::CheckSquats;
using testing::ReadJson;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

std::string Tool() { return POSENET_TOOL; }

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
