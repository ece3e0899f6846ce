// Hostile models through the tool: every file of ../shared/data/hostile/ (models that pass the
// reader and then crashed, exhausted memory or reached undefined behaviour further in) through
// `posenet model-info`, `detect` (multi-pose and --single) and `video`: a one-line error and exit
// code 1, or a valid result; no signal, no sanitizer report, nothing over the time limit, no
// output file left behind by a failure. Runs in the release and ASan+UBSan test builds. Also
// models whose input alone needs more memory than allowed: refused before any large allocation.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "broken_models.h"
#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet::testing {
namespace {

namespace fs = std::filesystem;

// The done-when limit is 10 s a run; sanitizer builds on a machine shared by parallel builds run
// several times slower, and the limit exists to catch hangs.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kTimeoutSeconds = 60;
#else
constexpr int kTimeoutSeconds = 10;
#endif

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

// Every keypoint of every pose in a JSON document (picture schema) finite and within `reach`.
void ExpectSanePoses(const nlohmann::json& poses, double reach, const std::string& what) {
  for (const auto& pose : poses) {
    for (const auto& k : pose["keypoints"]) {
      ASSERT_TRUE(k["x"].is_number() && k["y"].is_number()) << what << ": " << k.dump();
      EXPECT_LE(std::fabs(k["x"].get<double>()), reach) << what;
      EXPECT_LE(std::fabs(k["y"].get<double>()), reach) << what;
    }
  }
}

struct ToolRun {
  std::string name;
  std::vector<std::string> args;
  std::string output;  // the file the run writes when it succeeds
};

TEST(HostileModels, EachGivesOneLineAndExitOneOrAValidResult) {
  const fs::path folder = SharedPath("data/hostile");
  const std::string picture = SharedPath("data/images/pose.jpg");
  const std::string video = SharedPath("data/videos/dance.mp4");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".tflite") continue;
    ++files;
    const std::string model = entry.path().string();
    const std::string dir = TempDir();
    const std::vector<ToolRun> runs = {
        {"model-info", {"model-info", model, "--ops"}, ""},
        {"detect",
         {"detect", picture, "--model", model, "--json", dir + "/out.json"},
         dir + "/out.json"},
        {"detect --single",
         {"detect", picture, "--model", model, "--single", "--json", dir + "/out.json"},
         dir + "/out.json"},
        {"video",
         {"video", video, "--model", model, "--max-frames", "3", "--quiet", "--jsonl",
          dir + "/out.jsonl"},
         dir + "/out.jsonl"},
    };
    for (const ToolRun& run : runs) {
      const std::string what = entry.path().filename().string() + " " + run.name;
      const ProgramResult r = RunProgram(POSENET_TOOL, run.args, kTimeoutSeconds);
      EXPECT_FALSE(r.timed_out) << what << " ran over " << kTimeoutSeconds << " s";
      EXPECT_EQ(r.signal, 0) << what << " ended by signal " << r.signal;
      EXPECT_EQ(r.err.find("runtime error"), std::string::npos) << what << ": " << r.err;
      EXPECT_EQ(r.err.find("Sanitizer"), std::string::npos) << what << ": " << r.err;
      if (r.exit_code != 0) {
        EXPECT_EQ(r.exit_code, 1) << what;
        EXPECT_EQ(LineCount(r.err), 1) << what << ": " << r.err;
        EXPECT_EQ(r.err.rfind("posenet: ", 0), 0u) << what << ": " << r.err;
        EXPECT_NE(r.err.find(model), std::string::npos) << what << " names no file: " << r.err;
        EXPECT_TRUE(Listing(dir).empty()) << what << " left a file behind";
        continue;
      }
      // A valid result: positions finite and within a few times the picture (1000x667).
      if (run.output.empty()) {
        EXPECT_NE(r.out.find("arena bytes"), std::string::npos) << what;
        continue;
      }
      if (run.name == "video") {
        for (const std::string& line : ReadLines(run.output)) {
          ExpectSanePoses(nlohmann::json::parse(line)["poses"], 4 * 1000, what);
        }
      } else {
        ExpectSanePoses(ReadJson(run.output)["poses"], 4 * 1000, what);
      }
      fs::remove(run.output);
    }
  }
  EXPECT_GE(files, 5) << "../shared/data/hostile has fewer models than it should";
}

// A model declaring a 100000x100000 input, and one whose arena is over the limit: refused from
// the sizes alone, the process never getting near them.
TEST(HostileModels, HugeInputsAreRefusedBeforeAnyLargeAllocation) {
  const std::string dir = TempDir();
  const std::string picture = SharedPath("data/images/pose.jpg");
  struct Case {
    std::vector<int32_t> input;
    std::vector<std::string> extra;
    std::string reason;
  } cases[] = {
      // 30 GB of input: refused by the reader from the shape alone.
      {{1, 100000, 100000, 3}, {}, "tensor too large"},
      // Tensors the shape limits admit, 9 GB of them: over the default limit (at most 4 GiB).
      {{1, 8000, 8000, 3}, {}, "over the memory limit"},
      // A few hundred MB: over the limit given.
      {{1, 2000, 2000, 3}, {"--max-memory", "64M"}, "over the memory limit of 67108864 bytes"},
  };
  for (const Case& c : cases) {
    ModelSpec spec = TinyModelSpec();
    spec.tensors[static_cast<size_t>(spec.inputs[0])].shape = c.input;
    const std::string model = dir + "/huge.tflite";
    WriteBytes(model, SerializeModel(spec));
    for (const std::string command : {"model-info", "detect"}) {
      std::vector<std::string> args = {command};
      if (command == "detect") {
        args.insert(args.end(), {picture, "--model", model, "--json", dir + "/out.json"});
      } else {
        args.push_back(model);
      }
      args.insert(args.end(), c.extra.begin(), c.extra.end());
      const ProgramResult r = RunProgram(POSENET_TOOL, args, kTimeoutSeconds);
      const std::string what = command + " with input " + std::to_string(c.input[1]);
      EXPECT_EQ(r.exit_code, 1) << what << ": " << r.err;
      EXPECT_EQ(LineCount(r.err), 1) << what << ": " << r.err;
      EXPECT_NE(r.err.find(c.reason), std::string::npos) << what << ": " << r.err;
      EXPECT_LT(r.max_rss_kb, 200 * 1024) << what << " peaked at " << r.max_rss_kb << " KiB";
      EXPECT_FALSE(fs::exists(dir + "/out.json"));
    }
  }
}

}  // namespace
}  // namespace posenet::testing
