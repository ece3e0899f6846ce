// posenet video / camera end to end on the shared clips, kept quick with the 353x481 model and
// --max-frames: every output's layout, the truncated-file error with its valid partial
// results, absent inputs, several inputs, smoothing and the --help defaults.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "io/audio_mux.h"
#include "json_file.h"
#include "live_stream.h"
#include "run_program.h"
#include "shared_data.h"
#include "tracking/pose_tracker.h"

namespace posenet {
namespace {

using testing::LiveStream;
using testing::ReadJson;
using testing::ReadLines;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;
namespace fs = std::filesystem;

std::string Model() {
  return SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite");
}

struct Probe {
  int frames = -1;
  std::string rate;
  bool audio = false;
};

// Frames actually decoded and the frame rate of the first video stream, by ffprobe.
Probe ProbeVideo(const std::string& path) {
  Probe p;
  const std::string ffprobe = FindProgram("ffprobe");
  if (ffprobe.empty()) return p;
  auto r = RunProgram(ffprobe,
                      {"-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                       "stream=nb_read_frames,r_frame_rate", "-of", "json", path});
  if (r.exit_code != 0) return p;
  const auto j = nlohmann::json::parse(r.out);
  if (j["streams"].empty()) return p;
  p.frames = std::stoi(j["streams"][0]["nb_read_frames"].get<std::string>());
  p.rate = j["streams"][0]["r_frame_rate"];
  r = RunProgram(ffprobe, {"-v", "error", "-select_streams", "a", "-show_entries",
                           "stream=codec_type", "-of", "csv=p=0", path});
  p.audio = r.out.find("audio") != std::string::npos;
  return p;
}

bool HaveFfmpeg() { return !FindProgram("ffmpeg").empty() && !FindProgram("ffprobe").empty(); }

TEST(VideoCli, DanceSubsetWritesEveryOutput) {
  if (!HaveFfmpeg()) GTEST_SKIP() << "ffmpeg/ffprobe not installed";
  const std::string dir = TempDir();
  const auto r =
      RunProgram(POSENET_TOOL, {"video", SharedPath("data/videos/dance.mp4"), "--model", Model(),
                                "--max-frames", "12", "--jsonl", dir + "/out.jsonl", "--csv",
                                dir + "/out.csv", "--openpose-json", dir + "/openpose", "--draw",
                                dir + "/out.mp4", "--stats-json", dir + "/stats.json", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");

  const auto lines = ReadLines(dir + "/out.jsonl");
  ASSERT_EQ(lines.size(), 12u);
  int frames_with_people = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j["frame"], i);
    EXPECT_DOUBLE_EQ(j["timestamp_ms"].get<double>(), 40.0 * static_cast<double>(i));
    EXPECT_EQ(j["image"]["width"], 514);
    EXPECT_EQ(j["image"]["height"], 496);
    EXPECT_EQ(j["model"]["input_width"], 481);
    for (const auto& pose : j["poses"]) {
      EXPECT_GE(pose["id"].get<int>(), 0);  // tracked
      EXPECT_EQ(pose["keypoints"].size(), 17u);
    }
    frames_with_people += !j["poses"].empty();
  }
  EXPECT_GT(frames_with_people, 6);  // one dancer in every frame

  // CSV: header plus 17 rows per pose of the JSONL, ids matching.
  size_t poses = 0;
  for (const auto& line : lines) poses += nlohmann::json::parse(line)["poses"].size();
  const auto csv = ReadLines(dir + "/out.csv");
  ASSERT_EQ(csv.size(), 1 + 17 * poses);
  EXPECT_EQ(csv[0], "frame,timestamp_ms,person_id,pose_score,keypoint_id,keypoint,x,y,score");

  // OpenPose: one file per frame, people matching the JSONL.
  for (int i = 0; i < 12; ++i) {
    char name[64];
    std::snprintf(name, sizeof(name), "/openpose/dance_%012d_keypoints.json", i);
    const auto op = ReadJson(dir + name);
    const auto frame = nlohmann::json::parse(lines[i]);
    ASSERT_EQ(op["people"].size(), frame["poses"].size()) << name;
    for (size_t p = 0; p < op["people"].size(); ++p) {
      EXPECT_EQ(op["people"][p]["person_id"][0], frame["poses"][p]["id"]);
      EXPECT_EQ(op["people"][p]["pose_keypoints_2d"][0], frame["poses"][p]["keypoints"][0]["x"]);
    }
  }
  EXPECT_FALSE(fs::exists(dir + "/openpose/dance_000000000012_keypoints.json"));

  // The drawn video: same rate, one frame per frame processed, the input's audio.
  const Probe probe = ProbeVideo(dir + "/out.mp4");
  EXPECT_EQ(probe.frames, 12);
  EXPECT_EQ(probe.rate, "25/1");
  EXPECT_TRUE(probe.audio);

  const auto stats = ReadJson(dir + "/stats.json");
  EXPECT_EQ(stats["frames"], 12);
  EXPECT_EQ(stats["frames_dropped"], 0);
  EXPECT_GE(stats["ids_seen"].get<int>(), 1);
  EXPECT_GT(stats["inference_ms_median"].get<double>(), 0);
  EXPECT_GT(stats["frames_per_second"].get<double>(), 0);
}

TEST(VideoCli, TruncatedVideoKeepsValidPartialResults) {
  if (!HaveFfmpeg()) GTEST_SKIP() << "ffmpeg/ffprobe not installed";
  const std::string dir = TempDir();
  // The index first (faststart), then cut: the file still opens and declares 244 frames.
  const auto remux = RunProgram(
      FindProgram("ffmpeg"), {"-nostdin", "-v", "error", "-i", SharedPath("data/videos/dance.mp4"),
                              "-c", "copy", "-movflags", "+faststart", dir + "/whole.mp4"});
  ASSERT_EQ(remux.exit_code, 0) << remux.err;
  const std::string cut = dir + "/dance.mp4";
  fs::copy_file(dir + "/whole.mp4", cut);
  fs::resize_file(cut, 250000);

  const auto r = RunProgram(POSENET_TOOL, {"video", cut, "--model", Model(), "--jsonl",
                                           dir + "/out.jsonl", "--draw", dir + "/out.mp4"});
  EXPECT_NE(r.exit_code, 0);
  ASSERT_EQ(testing::LineCount(r.err), 1) << r.err;
  const auto lines = ReadLines(dir + "/out.jsonl");
  ASSERT_GT(lines.size(), 0u);
  ASSERT_LT(lines.size(), 244u);
  EXPECT_EQ(r.err, "posenet: " + cut + ": video ended after " + std::to_string(lines.size()) +
                       " of 244 frames (truncated or corrupt)\n");
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i]);  // every line parses
    EXPECT_EQ(j["frame"], i);
  }
  // The drawn video was finalized: it plays and holds every frame read.
  EXPECT_EQ(ProbeVideo(dir + "/out.mp4").frames, static_cast<int>(lines.size()));
}

TEST(VideoCli, AbsentInputsAreOneLineErrors) {
  const std::string dir = TempDir();
  std::ofstream(dir + "/text.mp4") << "not a video\n";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"video", dir + "/none.mp4"}, dir + "/none.mp4: cannot open video: no such file"},
      {{"video", dir + "/text.mp4"},
       dir + "/text.mp4: cannot open video: not a video FFmpeg reads"},
      {{"camera", "97"}, "camera 97: cannot open camera: no /dev/video97"},
      {{"video", "--camera", "97"}, "camera 97: cannot open camera: no /dev/video97"},
      {{"video", "http://127.0.0.1:9/none.mp4"},
       "http://127.0.0.1:9/none.mp4: cannot open stream: unreachable or not a video FFmpeg "
       "reads"},
  };
  for (auto [args, message] : cases) {
    args.insert(args.end(), {"--model", Model(), "--jsonl", dir + "/out.jsonl"});
    const auto r = RunProgram(POSENET_TOOL, args);
    EXPECT_NE(r.exit_code, 0) << message;
    EXPECT_EQ(r.err, "posenet: " + message + "\n");
  }
}

TEST(VideoCli, SeveralInputsWriteOneFilePerInputIntoFolders) {
  const std::string dir = TempDir();
  const auto r = RunProgram(
      POSENET_TOOL,
      {"video", SharedPath("data/videos/dance.mp4"), SharedPath("data/videos/pose_squats.mp4"),
       "--model", Model(), "--max-frames", "3", "--jsonl", dir + "/jsonl", "--csv", dir + "/csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* stem : {"dance", "pose_squats"}) {
    const auto lines = ReadLines(dir + "/jsonl/" + stem + ".jsonl");
    ASSERT_EQ(lines.size(), 3u) << stem;
    EXPECT_NE(nlohmann::json::parse(lines[0])["image"]["path"].get<std::string>().find(stem),
              std::string::npos);
    EXPECT_TRUE(fs::exists(dir + "/csv/" + stem + ".csv"));
  }
  // pose_squats is 720x1280: its own size, not the first input's.
  EXPECT_EQ(nlohmann::json::parse(ReadLines(dir + "/jsonl/pose_squats.jsonl")[0])["image"]["width"],
            720);
}

TEST(VideoCli, SmoothingLowersJitterAndNoSmoothingKeepsRawKeypoints) {
  const std::string dir = TempDir();
  const std::vector<std::string> common = {
      "video", SharedPath("data/videos/dance.mp4"), "--model", Model(), "--max-frames", "30"};
  auto args = common;
  args.insert(args.end(), {"--stats-json", dir + "/smooth.json", "--jsonl", dir + "/s.jsonl"});
  ASSERT_EQ(RunProgram(POSENET_TOOL, args).exit_code, 0);
  args = common;
  args.insert(args.end(),
              {"--no-smoothing", "--stats-json", dir + "/raw.json", "--jsonl", dir + "/r.jsonl"});
  ASSERT_EQ(RunProgram(POSENET_TOOL, args).exit_code, 0);
  const auto smooth = ReadJson(dir + "/smooth.json"), raw = ReadJson(dir + "/raw.json");
  EXPECT_GT(smooth["jitter_samples"].get<int>(), 100);
  EXPECT_LT(smooth["jitter_px"].get<double>(), smooth["jitter_unsmoothed_px"].get<double>());
  EXPECT_DOUBLE_EQ(raw["jitter_px"].get<double>(), raw["jitter_unsmoothed_px"].get<double>());
  // The same detections either way: the unsmoothed figures agree between the two runs.
  EXPECT_DOUBLE_EQ(raw["jitter_unsmoothed_px"].get<double>(),
                   smooth["jitter_unsmoothed_px"].get<double>());
  // Smoothing moves keypoints but never the scores.
  const auto s = ReadLines(dir + "/s.jsonl"), r = ReadLines(dir + "/r.jsonl");
  ASSERT_EQ(s.size(), r.size());
  const auto s5 = nlohmann::json::parse(s[5]), r5 = nlohmann::json::parse(r[5]);
  ASSERT_EQ(s5["poses"].size(), r5["poses"].size());
  ASSERT_FALSE(s5["poses"].empty());
  EXPECT_EQ(s5["poses"][0]["keypoints"][0]["score"], r5["poses"][0]["keypoints"][0]["score"]);
}

TEST(VideoCli, LiveStreamDropsOldFramesAndReportsItsEnd) {
  if (!HaveFfmpeg()) GTEST_SKIP() << "ffmpeg/ffprobe not installed";
  const std::string dir = TempDir();
  std::mt19937 rng(static_cast<unsigned>(getpid()));
  testing::ProgramResult r;
  std::string url;
  // ffmpeg needs a moment to listen; a refused connection is retried on a new port.
  for (int attempt = 0; attempt < 5; ++attempt) {
    LiveStream stream(20000 + static_cast<int>(rng() % 30000), 3);
    url = stream.url();
    std::this_thread::sleep_for(std::chrono::milliseconds(300 * (attempt + 1)));
    r = RunProgram(POSENET_TOOL,
                   {"video", url, "--model", Model(), "--input-size", "721x1281", "--jsonl",
                    dir + "/live.jsonl", "--stats-json", dir + "/stats.json"});
    if (r.err.find("cannot open stream") == std::string::npos) break;
  }
  // The stream ends after its 3 seconds: for a live source that is an error.
  EXPECT_NE(r.exit_code, 0);
  ASSERT_EQ(testing::LineCount(r.err), 1) << r.err;
  EXPECT_EQ(r.err.rfind("posenet: " + url + ": stream stopped after ", 0), 0u) << r.err;
  const auto stats = ReadJson(dir + "/stats.json");
  const auto lines = ReadLines(dir + "/live.jsonl");
  ASSERT_GT(lines.size(), 0u);
  EXPECT_EQ(stats["frames"].get<size_t>(), lines.size());
  // Frames are dropped, never reordered: indices only grow.
  int64_t last = -1;
  for (const auto& line : lines) {
    const int64_t frame = nlohmann::json::parse(line)["frame"];
    EXPECT_GT(frame, last);
    last = frame;
  }
  // Frames are numbered as read, and the newest is never dropped: every frame read is either
  // written or counted as dropped.
  EXPECT_EQ(stats["frames"].get<int64_t>() + stats["frames_dropped"].get<int64_t>(), last + 1);
}

TEST(VideoCli, DrawWithoutFfmpegIsRefusedBeforeAnyWork) {
  const std::string dir = TempDir();
  const std::string dance = SharedPath("data/videos/dance.mp4");
  // No ffmpeg on PATH for the tool (it is started by its absolute path).
  const char* old_path = std::getenv("PATH");
  const std::string saved = old_path ? old_path : "";
  setenv("PATH", dir.c_str(), 1);
  const auto r =
      RunProgram(POSENET_TOOL, {"video", dance, "--model", Model(), "--max-frames", "4", "--draw",
                                dir + "/drawn.mp4", "--jsonl", dir + "/out.jsonl"});
  setenv("PATH", saved.c_str(), 1);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(testing::LineCount(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("the ffmpeg program is not installed"), std::string::npos) << r.err;
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(VideoCli, TwoInputsOfOneNameGetTheirOwnVideos) {
  if (!HaveFfmpeg()) GTEST_SKIP() << "ffprobe needed to check the result";
  const std::string dir = TempDir();
  const std::string dance = SharedPath("data/videos/dance.mp4");
  const auto r = RunProgram(POSENET_TOOL, {"video", dance, dance, "--model", Model(),
                                           "--max-frames", "4", "--draw", dir + "/drawn"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The same name twice: the second input's outputs get "_2".
  for (const char* name : {"/drawn/dance.mp4", "/drawn/dance_2.mp4"}) {
    const Probe probe = ProbeVideo(dir + name);
    EXPECT_EQ(probe.frames, 4) << name;
    EXPECT_TRUE(probe.audio) << name;
  }
}

TEST(VideoCli, HelpShowsTheTrackerDefaults) {
  const auto r = RunProgram(POSENET_TOOL, {"video", "--help"});
  ASSERT_EQ(r.exit_code, 0);
  const TrackerOptions d;
  std::ostringstream age, tracks, hits;
  age << "--max-age INT:INT in [0 - 1000000]=" << d.max_age_frames;
  tracks << "--max-tracks INT:INT in [1 - 10000]=" << d.max_tracks;
  hits << "--min-hits INT:INT in [1 - 1000]=" << d.min_hits;
  EXPECT_NE(r.out.find(age.str()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(tracks.str()), std::string::npos);
  EXPECT_NE(r.out.find(hits.str()), std::string::npos);
  for (const char* flag :
       {"--tracker", "--min-similarity", "--no-smoothing", "--smoothing-min-cutoff",
        "--smoothing-beta", "--latency", "--jsonl", "--csv", "--openpose-json", "--draw", "--stats",
        "--stats-json", "--quiet", "--max-frames", "--camera", "--unconfirmed"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace posenet
