// Outputs never destroy what they should not, and a full disk or a SIGKILL leaves no broken file:
// --json onto a device node, a FIFO, the input picture or the model is refused and leaves them
// unchanged; a symbolic link planted at a temporary name is not followed; every writer on a full
// disk says "no space left on device", exits 1 and leaves no partial record; a --draw video
// killed mid-run plays up to its last frame.
//
// The full disk is a small tmpfs mounted over the output folder in a private mount namespace
// (`unshare -m`, needs root) when the machine allows it; otherwise tests/support/enospc_preload.cc
// is preloaded into the tool (and the ffmpeg it starts) and fails writes into that folder past a
// byte budget. POSENET_FULL_DISK=preload forces the second way.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "io/child_process.h"
#include "json_file.h"
#include "run_program.h"
#include "shared_data.h"
#include "text_file.h"

extern char** environ;

namespace posenet::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string Model() {
  return SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite");
}

TEST(OutputSafety, JsonOntoADeviceFifoInputOrModelIsRefusedAndLeavesThemAlone) {
  const std::string dir = TempDir();
  const std::string picture = dir + "/picture.jpg", model = dir + "/model.tflite";
  fs::copy_file(SharedPath("data/images/pose.jpg"), picture);
  fs::copy_file(Model(), model);
  const std::string picture_bytes = ReadText(picture), model_bytes = ReadText(model);
  // A device node of our own when we may make one (root): a failure of the test must not cost
  // the machine its /dev/null. Otherwise /dev/null, which only root could replace.
  std::string device = dir + "/null";
  if (::mknod(device.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) device = "/dev/null";
  const std::string fifo = dir + "/fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const struct {
    std::string target, reason;
  } cases[] = {{device, "it is a device"},
               {fifo, "it is a FIFO"},
               {picture, "it is an input of this run"},
               {model, "it is an input of this run"}};
  for (const auto& c : cases) {
    const auto r =
        RunProgram(POSENET_TOOL, {"detect", picture, "--model", model, "--json", c.target});
    EXPECT_EQ(r.exit_code, 1) << c.target << ": " << r.err;
    EXPECT_EQ(LineCount(r.err), 1) << r.err;
    EXPECT_EQ(r.err,
              "posenet: " + c.target + ": cannot write JSON: " + c.reason +
                  (c.reason.find("input") != std::string::npos ? " (" + c.target + ")" : "") +
                  "\n");
  }
  struct stat st {};
  ASSERT_EQ(::lstat(device.c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << device << " is no longer a device";
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
  EXPECT_EQ(ReadText(picture), picture_bytes);
  EXPECT_EQ(ReadText(model), model_bytes);
  // `video v.mp4 --draw v.mp4` would overwrite the video while reading it.
  const std::string video = dir + "/v.mp4";
  fs::copy_file(SharedPath("data/videos/dance.mp4"), video);
  const std::string video_bytes = ReadText(video);
  const auto r = RunProgram(POSENET_TOOL, {"video", video, "--model", model, "--draw", video,
                                           "--max-frames", "2", "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write video: it is an input of this run"), std::string::npos)
      << r.err;
  EXPECT_EQ(ReadText(video), video_bytes);
  // The analysis outputs too: refused before the first frame (video --analyze), and before the
  // results are read (analyze), onto the video or the results.
  const std::string jsonl = dir + "/v.jsonl";
  std::ofstream(jsonl) << "{}\n";
  const std::string jsonl_bytes = ReadText(jsonl);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"video", video, "--model", model, "--analyze", "--report", video,
                                 "--max-frames", "2", "--quiet"},
        std::vector<std::string>{"video", video, "--model", model, "--analyze", "--summary-json",
                                 fifo, "--max-frames", "2", "--quiet"},
        std::vector<std::string>{"analyze", jsonl, "--json", jsonl},
        std::vector<std::string>{"analyze", jsonl, "--video", video, "--report", video}}) {
    const auto a = RunProgram(POSENET_TOOL, args);
    EXPECT_EQ(a.exit_code, 1) << args[0] << " " << args.back() << ": " << a.err;
    EXPECT_EQ(LineCount(a.err), 1) << a.err;
    EXPECT_NE(a.err.find("cannot write"), std::string::npos) << a.err;
  }
  EXPECT_EQ(ReadText(video), video_bytes);
  EXPECT_EQ(ReadText(jsonl), jsonl_bytes);
  ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(OutputSafety, SymlinksPlantedAtTemporaryNamesAreNotFollowed) {
  const std::string dir = TempDir();
  const std::string victim = dir + "/victim.txt";
  std::ofstream(victim) << "precious\n";
  // The fixed name the old writer used, and a guess in the new scheme's pattern.
  for (const char* planted : {"/out.json.tmp-posenet", "/.out.json.aaaaaaaaaaaaaaaa.tmp"}) {
    fs::create_symlink(victim, dir + planted);
  }
  const auto r = RunProgram(POSENET_TOOL, {"detect", SharedPath("data/images/pose.jpg"), "--model",
                                           Model(), "--json", dir + "/out.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadText(victim), "precious\n");
  EXPECT_TRUE(ReadJson(dir + "/out.json")["poses"].is_array());
  EXPECT_TRUE(fs::is_symlink(dir + "/out.json.tmp-posenet"));
}

// --- Full disk --------------------------------------------------------------------------------

bool PreloadForced() {
  const char* how = std::getenv("POSENET_FULL_DISK");
  return how != nullptr && std::string(how) == "preload";
}

// Whether this machine lets us mount a tmpfs in a private mount namespace.
bool CanMountTmpfs() {
  static const bool can = [] {
    if (PreloadForced() || FindProgram("unshare").empty()) return false;
    const std::string dir = (fs::temp_directory_path() / "posenet-tmpfs-probe").string();
    fs::create_directories(dir);
    const auto r =
        RunProgram(FindProgram("unshare"),
                   {"-m", "/bin/sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\"", dir});
    return r.exit_code == 0;
  }();
  return can;
}

// Runs the tool with `args` writing into `dir` on a disk with about `free_bytes` left, then
// copies what is left in `dir` to `kept` (the tmpfs goes away with its namespace).
ProgramResult RunOnFullDisk(const std::string& dir, int64_t free_bytes,
                            const std::vector<std::string>& args, const std::string& kept) {
  fs::create_directories(kept);
  for (const auto& e : fs::directory_iterator(dir)) fs::remove_all(e.path());
  if (CanMountTmpfs()) {
    // 1 MiB of tmpfs, all but `free_bytes` of it taken by a filler file first; what the tool
    // leaves is copied out before the namespace (and its mount) ends.
    std::vector<std::string> full = {"-m",
                                     "/bin/sh",
                                     "-c",
                                     "dir=$0; kept=$2; mount -t tmpfs -o size=1m tmpfs \"$dir\" || "
                                     "exit 99; head -c $((1048576 - $1)) /dev/zero > "
                                     "\"$dir/.filler\" 2>/dev/null; shift 2; \"$@\"; rc=$?; rm -f "
                                     "\"$dir/.filler\"; cp -a \"$dir\"/. \"$kept\"/; exit $rc",
                                     dir,
                                     std::to_string(free_bytes),
                                     kept};
    full.push_back(POSENET_TOOL);
    full.insert(full.end(), args.begin(), args.end());
    return RunProgram(FindProgram("unshare"), full);
  }
  // No mount: the preloaded library fails writes into `dir` once it holds `free_bytes`.
  setenv("LD_PRELOAD", POSENET_ENOSPC_PRELOAD, 1);
  setenv("POSENET_ENOSPC_DIR", dir.c_str(), 1);
  setenv("POSENET_ENOSPC_BYTES", std::to_string(free_bytes).c_str(), 1);
  setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 1);  // ASan wants to be preloaded first
  ProgramResult r = RunProgram(POSENET_TOOL, args);
  unsetenv("LD_PRELOAD");
  unsetenv("POSENET_ENOSPC_DIR");
  unsetenv("POSENET_ENOSPC_BYTES");
  unsetenv("ASAN_OPTIONS");
  for (const auto& e : fs::directory_iterator(dir)) {
    fs::copy(e.path(), kept + "/" + e.path().filename().string(), fs::copy_options::recursive);
  }
  return r;
}

void ExpectNoSpaceError(const ProgramResult& r, const std::string& what) {
  EXPECT_EQ(r.exit_code, 1) << what << ": " << r.err;
  EXPECT_EQ(LineCount(r.err), 1) << what << ": " << r.err;
  EXPECT_NE(r.err.find("no space left on device"), std::string::npos) << what << ": " << r.err;
}

TEST(FullDisk, PictureWritersLeaveNothing) {
  std::printf("full disk: %s\n", CanMountTmpfs() ? "tmpfs" : "preloaded library");
  const std::string dir = TempDir() + "/out", kept = TempDir() + "/kept";
  fs::create_directories(dir);
  const std::string picture = SharedPath("data/images/pose.jpg");
  const struct {
    std::string what;
    std::vector<std::string> args;
  } cases[] = {
      {"--json", {"detect", picture, "--model", Model(), "--json", dir + "/p.json"}},
      {"--coco-json", {"detect", picture, "--model", Model(), "--coco-json", dir + "/c.json"}},
      {"--draw", {"detect", picture, "--model", Model(), "--draw", dir + "/p.png"}}};
  for (const auto& c : cases) {
    fs::remove_all(kept);
    const ProgramResult r = RunOnFullDisk(dir, 0, c.args, kept);
    ExpectNoSpaceError(r, c.what);
    EXPECT_TRUE(Listing(kept).empty()) << c.what << " left " << Listing(kept).size() << " files";
  }
}

TEST(FullDisk, VideoWritersKeepWholeRecordsAndAPlayableVideo) {
  if (FindProgram("ffprobe").empty()) GTEST_SKIP() << "ffprobe needed";
  const std::string dir = TempDir() + "/out", kept = TempDir() + "/kept";
  fs::create_directories(dir);
  const std::string video = SharedPath("data/videos/dance.mp4");
  const struct {
    std::string what, file;
    int64_t free_bytes;
  } cases[] = {{"--jsonl", "v.jsonl", 40000},
               {"--csv", "v.csv", 40000},
               {"--draw", "v.mp4", 300000},  // one fragment (a second, ~180 KB) fits
               {"--stats-json", "s.json", 0}};
  for (const auto& c : cases) {
    fs::remove_all(kept);
    std::vector<std::string> args = {"video",   video,          "--model",
                                     Model(),   "--max-frames", "60",
                                     "--quiet", c.what,         dir + "/" + c.file};
    const ProgramResult r = RunOnFullDisk(dir, c.free_bytes, args, kept);
    ExpectNoSpaceError(r, c.what);
    const std::string path = kept + "/" + c.file;
    for (const std::string& name : Listing(kept)) {
      EXPECT_EQ(name, c.file) << c.what << " left a temporary file";
    }
    if (c.what == "--jsonl") {
      const std::string text = ReadText(path);
      ASSERT_FALSE(text.empty()) << "no whole line fitted";
      EXPECT_EQ(text.back(), '\n') << "the JSONL ends in a partial line";
      for (const std::string& line : ReadLines(path)) {
        EXPECT_TRUE(nlohmann::json::accept(line)) << line.substr(0, 80);
      }
    } else if (c.what == "--csv") {
      const std::vector<std::string> lines = ReadLines(path);
      ASSERT_GT(lines.size(), 1u);
      EXPECT_EQ(ReadText(path).back(), '\n');
      for (const std::string& line : lines) {
        EXPECT_EQ(std::count(line.begin(), line.end(), ','), 8) << line;
      }
    } else if (c.what == "--draw") {
      // Cut back to its last complete fragment: ffprobe reads every frame left without error.
      ASSERT_TRUE(fs::exists(path)) << "no fragment fitted";
      const auto probe =
          RunProgram(FindProgram("ffprobe"), {"-v", "error", "-count_frames", "-show_entries",
                                              "stream=nb_read_frames", "-of", "csv=p=0", path});
      EXPECT_EQ(probe.exit_code, 0);
      EXPECT_TRUE(probe.err.empty()) << probe.err;
      EXPECT_GT(std::atoi(probe.out.c_str()), 0) << probe.out;
    } else {
      EXPECT_FALSE(fs::exists(path));
    }
  }
}

TEST(FullDisk, ReportsOnStdoutToAFullDeviceFail) {
  // model-info > /dev/full exited 0.
  const std::string out = TempDir() + "/stdout";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/full", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const std::string model = Model();
  char* argv[] = {const_cast<char*>(POSENET_TOOL), const_cast<char*>("model-info"),
                  const_cast<char*>(model.c_str()), nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, POSENET_TOOL, &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_EQ(ReadText(out), "posenet: cannot write standard output: no space left on device\n");
}

// --- SIGKILL ----------------------------------------------------------------------------------

TEST(KilledRun, DrawnVideoPlaysUpToItsLastFrame) {
  if (FindProgram("ffprobe").empty() || FindProgram("ffmpeg").empty()) {
    GTEST_SKIP() << "ffmpeg and ffprobe needed";
  }
  const std::string dir = TempDir();
  const std::string drawn = dir + "/drawn.mp4", jsonl = dir + "/frames.jsonl";
  const std::string model = Model(), video = SharedPath("data/videos/dance.mp4");
  std::vector<const char*> argv = {POSENET_TOOL,  "video",   video.c_str(), "--model",
                                   model.c_str(), "--draw",  drawn.c_str(), "--jsonl",
                                   jsonl.c_str(), "--quiet", nullptr};
  pid_t pid = 0;
  ASSERT_EQ(
      posix_spawn(&pid, POSENET_TOOL, nullptr, nullptr, const_cast<char**>(argv.data()), environ),
      0);
  // Kill it once some frames are out (SIGKILL: nothing of it runs after).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  // (The JSONL appears with its first line: count its lines without failing on its absence.)
  auto lines_of = [&] {
    const std::string text = ReadText(jsonl);
    return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  };
  while (lines_of() < 30 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  const size_t lines = lines_of();
  ASSERT_GE(lines, 30u);
  ASSERT_LT(lines, 244u) << "the run finished before it was killed";
  // ffmpeg (its own process group) finishes the frames it was given; wait until the file stops
  // growing, then every frame handed over must play.
  int64_t size = -1;
  for (int stable = 0; stable < 10;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int64_t now = fs::exists(drawn) ? static_cast<int64_t>(fs::file_size(drawn)) : -1;
    stable = now == size ? stable + 1 : 0;
    size = now;
  }
  const auto probe =
      RunProgram(FindProgram("ffprobe"), {"-v", "error", "-count_frames", "-show_entries",
                                          "stream=nb_read_frames", "-of", "csv=p=0", drawn});
  ASSERT_EQ(probe.exit_code, 0) << probe.err;
  EXPECT_TRUE(probe.err.empty()) << probe.err;
  // The JSONL sink writes a frame just before the video sink: at most one frame apart.
  const int frames = std::atoi(probe.out.c_str());
  EXPECT_GE(frames, static_cast<int>(lines) - 1);
  EXPECT_LE(frames, static_cast<int>(lines));
}

}  // namespace
}  // namespace posenet::testing
