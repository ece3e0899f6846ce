// posenet batch on the shared clips (3 frames each, so the sanitizer build runs it quickly):
// shards cover the manifest once, outputs equal `posenet video --jsonl`, failures are reported
// while the rest finish (exit 2), reruns skip finished outputs. python/tests/test_batch.py runs
// whole clips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "run_program.h"
#include "shared_data.h"

namespace posenet {
namespace {

using testing::ReadLines;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;
namespace fs = std::filesystem;

std::string Model() {
  return SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite");
}

std::set<std::string> Files(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

TEST(BatchCli, ShardsCoverTheManifestOnceAndFailuresAreReported) {
  const std::string dir = TempDir();
  const std::string dance = SharedPath("data/videos/dance.mp4");
  const std::string squats = SharedPath("data/videos/pose_squats.mp4");
  std::ofstream(dir + "/garbage.mp4") << "not a video";
  std::ofstream(dir + "/list.txt") << "# videos\n"
                                   << dance << "\n\n"
                                   << dir << "/garbage.mp4\n"
                                   << squats << "\n"
                                   << dir << "/missing.mp4\n"
                                   << dance << "\n";  // the same name again: dance_2.jsonl
  const std::string out = dir + "/out";
  auto batch = [&](const std::string& shard) {
    return RunProgram(POSENET_TOOL, {"batch", dir + "/list.txt", "--out", out, "--shard", shard,
                                     "--model", Model(), "--max-frames", "3", "--quiet"});
  };
  // Shard 0/2: entries 0, 2, 4 (dance, squats, dance again); 1/2: the two that fail.
  auto r = batch("0/2");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Files(out),
            (std::set<std::string>{"dance.jsonl", "pose_squats.jsonl", "dance_2.jsonl"}));
  r = batch("1/2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("garbage.mp4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.mp4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("0 done, 0 skipped (already done), 2 failed"), std::string::npos) << r.err;
  EXPECT_EQ(Files(out).size(), 3u);  // nothing of the failed ones, no temporary file

  for (const auto& [video, name] : {std::pair{dance, "dance"}, std::pair{squats, "pose_squats"}}) {
    const std::string ref = dir + "/" + name + ".ref.jsonl";
    const auto v = RunProgram(POSENET_TOOL, {"video", video, "--model", Model(), "--max-frames",
                                             "3", "--jsonl", ref, "--quiet"});
    ASSERT_EQ(v.exit_code, 0) << v.err;
    EXPECT_EQ(ReadLines(out + "/" + name + ".jsonl"), ReadLines(ref));
  }
  // A rerun of the whole manifest skips the three finished videos.
  r = batch("0/1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("0 done, 3 skipped (already done), 2 failed"), std::string::npos) << r.err;
}

TEST(BatchCli, BadShardsAndManifestsAreOneLineErrors) {
  const std::string dir = TempDir();
  for (const auto& [args, message] :
       {std::pair<std::vector<std::string>, std::string>{
            {"--shard", "3/2"}, "cannot use --shard 3/2: I must be in 0..N-1"},
        {{"--shard", "x"}, "cannot use --shard x: expected I/N"},
        {{"--shard", "0/0"}, "cannot use --shard 0/0: N must be at least 1"},
        {{}, "none.txt: cannot read manifest"}}) {
    std::vector<std::string> command = {"batch", dir + "/none.txt", "--out", dir + "/out"};
    command.insert(command.end(), args.begin(), args.end());
    const auto r = RunProgram(POSENET_TOOL, command);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  }
}

}  // namespace
}  // namespace posenet
