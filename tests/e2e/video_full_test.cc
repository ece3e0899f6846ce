// Whole clips through posenet video (labelled slow): every frame in the JSONL and the drawn
// MP4 at the source's rate, and one pose with one id following the dancer through dance.mp4.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "io/audio_mux.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::ReadLines;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

// "nb_read_frames,r_frame_rate" of the first video stream.
std::string ProbeFramesAndRate(const std::string& path) {
  const auto r =
      RunProgram(FindProgram("ffprobe"),
                 {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                  "stream=nb_read_frames,r_frame_rate", "-of", "csv=p=0", path});
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

struct Clip {
  const char* file;
  size_t frames;
  const char* probe;  // ffprobe's "r_frame_rate,nb_read_frames"
};

class VideoFull : public ::testing::TestWithParam<Clip> {};

TEST_P(VideoFull, EveryFrameInTheJsonlAndTheDrawnVideo) {
  if (FindProgram("ffprobe").empty()) GTEST_SKIP() << "ffprobe not installed";
  const Clip clip = GetParam();
  const std::string dir = TempDir();
  const auto r =
      RunProgram(POSENET_TOOL,
                 {"video", SharedPath(std::string("data/videos/") + clip.file), "--model",
                  SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite"),
                  "--jsonl", dir + "/out.jsonl", "--draw", dir + "/out.mp4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = ReadLines(dir + "/out.jsonl");
  ASSERT_EQ(lines.size(), clip.frames);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(nlohmann::json::parse(lines[i])["frame"], i);
  }
  EXPECT_EQ(ProbeFramesAndRate(dir + "/out.mp4"), clip.probe);

  if (std::string(clip.file) == "dance.mp4") {
    // One dancer: exactly one pose in every frame, always id 0 (short-lived false detections
    // get no id and are not shown, duplicates are dropped).
    for (size_t i = 0; i < lines.size(); ++i) {
      const auto j = nlohmann::json::parse(lines[i]);
      ASSERT_EQ(j["poses"].size(), 1u) << "frame " << i;
      EXPECT_EQ(j["poses"][0]["id"], 0) << "frame " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Clips, VideoFull,
                         ::testing::Values(Clip{"dance.mp4", 244, "25/1,244"},
                                           Clip{"pose_squats.mp4", 65, "5/1,65"}),
                         [](const auto& param_info) {
                           return param_info.index == 0 ? "dance" : "squats";
                         });

}  // namespace
}  // namespace posenet
