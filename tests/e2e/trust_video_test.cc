// posenet video on footage made for the test: times from the container (a variable-frame-rate
// clip made by ffmpeg), the drawn video keeping them, a file over HTTP read whole, several
// inputs past a bad one, COCO results and CSV on stdout.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "http_file_server.h"
#include "io/audio_mux.h"
#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::LineCount;
using testing::ReadJson;
using testing::ReadLines;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;
namespace fs = std::filesystem;

std::string Model() {
  return SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite");
}

bool HaveFfmpeg() { return !FindProgram("ffmpeg").empty() && !FindProgram("ffprobe").empty(); }

// The presentation time of frame n of the clip below: 50 frames at 25 fps, then 50 at 5 fps.
double VfrTimeMs(int n) { return n < 50 ? 40.0 * n : 2000.0 + 200.0 * (n - 50); }

double ProbeSeconds(const std::string& path) {
  const auto r = RunProgram(FindProgram("ffprobe"), {"-v", "error", "-show_entries",
                                                     "format=duration", "-of", "csv=p=0", path});
  return r.exit_code == 0 ? std::stod(r.out) : -1;
}

TEST(TrustVideo, VariableFrameRateKeepsItsTimesInTheJsonlAndTheDrawnVideo) {
  if (!HaveFfmpeg()) GTEST_SKIP() << "ffmpeg/ffprobe not installed";
  const std::string dir = TempDir(), clip = dir + "/vfr.mp4";
  // x264 with B-frames (reordered frames, as phones record) and exact millisecond times.
  auto made = RunProgram(
      FindProgram("ffmpeg"),
      {"-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25", "-frames:v",
       "100", "-vf", "settb=1/1000,setpts='if(lt(N,50),N*40,2000+(N-50)*200)'", "-fps_mode", "vfr",
       "-c:v", "libx264", "-video_track_timescale", "1000", clip});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto r = RunProgram(POSENET_TOOL, {"video", clip, "--model", Model(), "--jsonl",
                                           dir + "/out.jsonl", "--draw", dir + "/out.mp4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = ReadLines(dir + "/out.jsonl");
  ASSERT_EQ(lines.size(), 100u);
  for (int n = 0; n < 100; ++n) {
    EXPECT_NEAR(nlohmann::json::parse(lines[n])["timestamp_ms"].get<double>(), VfrTimeMs(n), 1.0)
        << "frame " << n;
  }
  // The drawn video lasts as long as the source, within one frame (1/25 s).
  EXPECT_NEAR(ProbeSeconds(dir + "/out.mp4"), ProbeSeconds(clip), 0.04);
}

TEST(TrustVideo, AFileOverHttpIsReadWholeByDefault) {
  // dance.mp4 keeps its index at the end: the server must allow seeking, as real ones do.
  testing::HttpFileServer server(SharedPath("data/videos/dance.mp4"), /*ranges=*/true);
  ASSERT_FALSE(server.url().empty());
  const std::string dir = TempDir();
  const auto r = RunProgram(POSENET_TOOL, {"video", server.url(), "--model", Model(),
                                           "--input-size", "129x177", "--jsonl", dir + "/out.jsonl",
                                           "--stats-json", dir + "/stats.json", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadLines(dir + "/out.jsonl").size(), 244u);
  EXPECT_EQ(ReadJson(dir + "/stats.json")["frames_dropped"], 0);
}

TEST(TrustVideo, AnIndexAtTheEndOverHttpWithoutSeekingSaysWhy) {
  testing::HttpFileServer server(SharedPath("data/videos/dance.mp4"), /*ranges=*/false);
  ASSERT_FALSE(server.url().empty());
  const auto r = RunProgram(POSENET_TOOL, {"video", server.url(), "--model", Model(),
                                           "--input-size", "129x177", "--quiet"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(LineCount(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("HTTP Range"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("+faststart"), std::string::npos) << r.err;
}

TEST(TrustVideo, SeveralInputsGoOnPastABadOneAndExitTwo) {
  const std::string dir = TempDir();
  const auto r =
      RunProgram(POSENET_TOOL, {"video", dir + "/missing.mp4", SharedPath("data/videos/dance.mp4"),
                                "--model", Model(), "--max-frames", "3", "--jsonl", dir + "/jsonl",
                                "--stats-json", dir + "/stats.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "posenet: " + dir + "/missing.mp4: cannot open video: no such file\n");
  EXPECT_EQ(ReadLines(dir + "/jsonl/dance.jsonl").size(), 3u);
  const auto stats = ReadJson(dir + "/stats.json");
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0]["input"], dir + "/missing.mp4");
  EXPECT_EQ(stats[0]["error"], dir + "/missing.mp4: cannot open video: no such file");
  EXPECT_EQ(stats[1]["frames"], 3);
}

TEST(TrustVideo, CocoResultsPerFrameAndCsvOnStdout) {
  const std::string dir = TempDir();
  const auto r =
      RunProgram(POSENET_TOOL, {"video", SharedPath("data/videos/dance.mp4"), "--model", Model(),
                                "--max-frames", "4", "--coco-json", dir + "/coco.json", "--csv",
                                "-", "--csv-layout", "wide", "--stats", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto coco = ReadJson(dir + "/coco.json");
  ASSERT_EQ(coco.size(), 4u);  // the dancer in each frame
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(coco[i]["image_id"], i);
    EXPECT_EQ(coco[i]["keypoints"].size(), 51u);
  }
  // Wide CSV on stdout: the header and one row per frame; the figures went to stderr.
  ASSERT_EQ(LineCount(r.out), 1 + 4) << r.out;
  EXPECT_EQ(r.out.rfind("frame,timestamp_ms,person_id,pose_score,nose_x,", 0), 0u);
  EXPECT_NE(r.err.find("frames/s end to end"), std::string::npos);
  EXPECT_FALSE(fs::exists("-"));
}

}  // namespace
}  // namespace posenet
