// posenet's live outputs end to end on dance.mp4 with the 353x481 model: OSC bundles against
// the JSONL of the same run, WebSocket messages (npm's ws) equal to the JSONL lines, the web
// view in Debian's headless Chromium (playwright-core) with a screenshot, the live-stream
// latency figures in --stats-json, and posenet serve answering like posenet detect.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <lo/lo.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "io/audio_mux.h"
#include "json_file.h"
#include "live_stream.h"
#include "osc_args.h"
#include "raw_http.h"
#include "run_program.h"
#include "shared_data.h"

extern char** environ;

namespace posenet {
namespace {

using testing::ReadLines;
using testing::RunProgram;
using testing::SharedPath;
using testing::TempDir;

std::string Model() {
  return SharedPath("data/models/posenet_mobilenet_v1_075_353_481_quant_decoder.tflite");
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The tool running in the background, its stderr in a file; stopped with SIGTERM.
class Background {
 public:
  explicit Background(const std::vector<std::string>& args) {
    err_ = TempDir() + "/stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> all = {POSENET_TOOL};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, POSENET_TOOL, &actions, nullptr, argv.data(), environ) != 0) pid_ = 0;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Background() { Stop(); }
  // The port of "posenet: serving http://127.0.0.1:PORT/"; 0 if none within 30 s.
  int Port() {
    const std::regex served("serving http://127\\.0\\.0\\.1:([0-9]+)/");
    for (int i = 0; i < 300 && pid_ > 0; ++i) {
      std::smatch m;
      const std::string err = Slurp(err_);
      if (std::regex_search(err, m, served)) return std::stoi(m[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }
  // Waits for the exit (SIGTERM first when `terminate`); the exit code, -1 if signalled.
  int Stop(bool terminate = true) {
    if (pid_ <= 0) return code_;
    if (terminate) kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return code_;
  }
  std::string err() const { return Slurp(err_); }

 private:
  pid_t pid_ = 0;
  int code_ = -1;
  std::string err_;
};

// An OSC receiver on a free UDP port, recording bundles of (address, float arguments).
class OscReceiver {
 public:
  struct Message {
    std::string address;
    std::vector<float> args;
  };
  OscReceiver() {
    server_ = lo_server_new_with_proto(nullptr, LO_UDP, nullptr);
    lo_server_add_bundle_handlers(
        server_, [](lo_timetag, void* d) { return static_cast<OscReceiver*>(d)->Start(); },
        [](void*) { return 0; }, this);
    lo_server_add_method(
        server_, nullptr, nullptr,
        [](const char* path, const char* types, lo_arg** argv, int argc, lo_message, void* d) {
          Message m{path, {}};
          for (int i = 0; i < argc; ++i) {
            m.args.push_back(testing::OscNumber(argv[i], types[i]));
          }
          static_cast<OscReceiver*>(d)->bundles.back().push_back(m);
          return 0;
        },
        this);
    thread_ = std::thread([this] {
      while (!stop_) lo_server_recv_noblock(server_, 20);
    });
  }
  ~OscReceiver() {
    stop_ = true;
    thread_.join();
    lo_server_free(server_);
  }
  int port() const { return lo_server_get_port(server_); }
  std::vector<std::vector<Message>> bundles;

 private:
  int Start() {
    bundles.emplace_back();
    return 0;
  }
  lo_server server_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
};

TEST(LiveCli, OscBundleEachFrameEqualsTheJsonl) {
  const std::string dir = TempDir();
  std::vector<std::vector<OscReceiver::Message>> bundles;
  {
    OscReceiver osc;
    const auto r =
        RunProgram(POSENET_TOOL, {"video", SharedPath("data/videos/dance.mp4"), "--model", Model(),
                                  "--max-frames", "30", "--jsonl", dir + "/d.jsonl", "--osc",
                                  "127.0.0.1:" + std::to_string(osc.port()), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the last datagrams
    bundles = osc.bundles;
  }
  const auto lines = ReadLines(dir + "/d.jsonl");
  ASSERT_EQ(lines.size(), 30u);
  ASSERT_EQ(bundles.size(), lines.size());
  size_t people = 0;
  for (size_t f = 0; f < lines.size(); ++f) {
    const auto j = nlohmann::json::parse(lines[f]);
    const auto& b = bundles[f];
    ASSERT_GE(b.size(), 2u);
    ASSERT_EQ(b[0].address, "/frame");
    EXPECT_EQ(b[0].args[0], j["frame"].get<float>());
    EXPECT_EQ(b[0].args[1], j["timestamp_ms"].get<float>());
    EXPECT_EQ(b[0].args[2], static_cast<float>(j["poses"].size()));
    EXPECT_EQ(b[0].args[3], j["image"]["width"].get<float>());
    std::map<std::string, std::vector<float>> by_address;
    for (const auto& m : b) by_address[m.address] = m.args;
    ASSERT_EQ(b.size(), 2 + 18 * j["poses"].size());
    for (const auto& pose : j["poses"]) {
      const std::string base = "/pose/" + std::to_string(pose["id"].get<int>());
      ASSERT_TRUE(by_address.count(base)) << base;
      EXPECT_EQ(by_address[base][0], pose["score"].get<float>());
      EXPECT_EQ(by_address[base][3], pose["box"][2].get<float>());
      for (const auto& kp : pose["keypoints"]) {
        const auto& args = by_address[base + "/" + kp["name"].get<std::string>()];
        ASSERT_EQ(args.size(), 3u);
        EXPECT_EQ(args[0], kp["x"].get<float>());
        EXPECT_EQ(args[1], kp["y"].get<float>());
        EXPECT_EQ(args[2], kp["score"].get<float>());
      }
      ++people;
    }
  }
  EXPECT_GE(people, 30u);  // the dancer in every frame
}

std::string Node() { return FindProgram("node"); }

TEST(LiveCli, WebSocketMessagesAreTheJsonlLines) {
  ASSERT_FALSE(Node().empty()) << "node is not installed (scripts/install-deps.sh)";
  const std::string dir = TempDir();
  Background tool({"video", SharedPath("data/videos/dance.mp4"), "--model", Model(), "--max-frames",
                   "30", "--jsonl", dir + "/d.jsonl", "--websocket", "127.0.0.1:0",
                   "--websocket-wait", "1", "--stats-json", dir + "/stats.json", "--quiet"});
  const int port = tool.Port();
  ASSERT_GT(port, 0) << tool.err();
  const auto client =
      RunProgram(Node(), {std::string(POSENET_LIVE_JS) + "/ws_client.mjs",
                          "ws://127.0.0.1:" + std::to_string(port) + "/ws", dir + "/ws.jsonl"});
  ASSERT_EQ(client.exit_code, 0) << client.err;
  EXPECT_EQ(tool.Stop(false), 0) << tool.err();
  EXPECT_EQ(nlohmann::json::parse(client.out)["close_code"], 1000);  // a normal closure
  const auto sent = ReadLines(dir + "/d.jsonl"), got = ReadLines(dir + "/ws.jsonl");
  ASSERT_EQ(sent.size(), 30u);
  EXPECT_EQ(got, sent);
  const auto stats = testing::ReadJson(dir + "/stats.json");
  ASSERT_EQ(stats["outputs"].size(), 1u);
  EXPECT_EQ(stats["outputs"][0]["messages"], 30);
  EXPECT_EQ(stats["outputs"][0]["dropped"], 0);
  EXPECT_GT(stats["outputs"][0]["latency_ms_median"].get<double>(), 0);
}

TEST(LiveCli, WebViewDrawsSkeletonsInChromium) {
  ASSERT_FALSE(Node().empty()) << "node is not installed (scripts/install-deps.sh)";
  ASSERT_FALSE(FindProgram("chromium").empty()) << "chromium is not installed";
  Background tool({"video", SharedPath("data/videos/dance.mp4"), "--model", Model(), "--max-frames",
                   "200", "--websocket", "127.0.0.1:0", "--websocket-wait", "1", "--quiet"});
  const int port = tool.Port();
  ASSERT_GT(port, 0) << tool.err();
  const char* build = std::getenv("POSENET_BUILD_DIR");
  const std::string shot = std::string(build != nullptr ? build : ".") + "/live-view.png";
  const auto r = RunProgram(Node(), {std::string(POSENET_LIVE_JS) + "/view_check.mjs",
                                     "http://127.0.0.1:" + std::to_string(port) + "/", shot, "20"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["view"]["frames"].get<int>(), 20);
  EXPECT_GE(j["view"]["pictures"].get<int>(), 20);
  EXPECT_GE(j["view"]["skeletons"].get<int>(), 20);  // the dancer, every frame
  EXPECT_GT(j["view"]["segments"].get<int>(), 20 * 8);
  EXPECT_EQ(j["status"], "live");
  EXPECT_NE(j["readout"].get<std::string>().find(" frames · "), std::string::npos) << j;
  EXPECT_NE(j["readout"].get<std::string>().find(" fps · latency "), std::string::npos) << j;
  EXPECT_TRUE(j["errors"].empty()) << j["errors"];
  EXPECT_GT(std::filesystem::file_size(shot), 10000u);
}

TEST(LiveCli, LiveStreamStatsReportFrameToMessageLatency) {
  if (FindProgram("ffmpeg").empty()) GTEST_SKIP() << "ffmpeg not installed";
  const std::string dir = TempDir();
  std::mt19937 rng(static_cast<unsigned>(getpid()));
  testing::ProgramResult r;
  for (int attempt = 0; attempt < 5; ++attempt) {
    testing::LiveStream stream(20000 + static_cast<int>(rng() % 30000), 3);
    std::this_thread::sleep_for(std::chrono::milliseconds(300 * (attempt + 1)));
    OscReceiver osc;
    r = RunProgram(POSENET_TOOL, {"video", stream.url(), "--model", Model(), "--osc",
                                  "127.0.0.1:" + std::to_string(osc.port()), "--websocket",
                                  "127.0.0.1:0", "--stats-json", dir + "/stats.json", "--quiet"});
    if (r.err.find("cannot open stream") == std::string::npos) break;
  }
  const auto stats = testing::ReadJson(dir + "/stats.json");
  ASSERT_EQ(stats["outputs"].size(), 2u) << r.err;
  EXPECT_EQ(stats["outputs"][0]["output"].get<std::string>().rfind("osc 127.0.0.1:", 0), 0u);
  EXPECT_EQ(stats["outputs"][0]["messages"], stats["frames"]);
  EXPECT_EQ(stats["outputs"][1]["output"].get<std::string>().rfind("websocket :", 0), 0u);
  EXPECT_EQ(stats["outputs"][1]["messages"], 0);  // no client connected
  const double median = stats["outputs"][0]["latency_ms_median"];
  const double p99 = stats["outputs"][0]["latency_ms_p99"];
  EXPECT_GT(median, 0);
  EXPECT_GE(p99, median);
  // Figures, not assertions (timings drift on a shared machine): docs/live.md.
  std::printf("inference %.2f ms median; frame to OSC message %.2f ms median, %.2f ms p99\n",
              stats["inference_ms_median"].get<double>(), median, p99);
}

TEST(LiveCli, ServeAnswersLikeDetect) {
  const std::string dir = TempDir();
  const std::string picture = SharedPath("data/images/test_couple.jpg");
  const auto detect =
      RunProgram(POSENET_TOOL, {"detect", picture, "--model", Model(), "--json", "-"});
  ASSERT_EQ(detect.exit_code, 0) << detect.err;
  Background serve({"serve", "--listen", "127.0.0.1:0", "--model", Model(), "--token", "t0k"});
  const int port = serve.Port();
  ASSERT_GT(port, 0) << serve.err();
  const std::vector<uint8_t> bytes = testing::ReadBytes(picture);
  const auto r =
      testing::Exchange(port,
                        testing::PostRequest("/v1/poses", std::string(bytes.begin(), bytes.end()),
                                             "Authorization: Bearer t0k\r\n"),
                        60);
  ASSERT_EQ(r.status, 200) << r.raw;
  auto want = nlohmann::json::parse(detect.out);
  auto got = nlohmann::json::parse(r.body);
  EXPECT_EQ(got["poses"], want["poses"]);
  EXPECT_EQ(got["model"], want["model"]);
  EXPECT_EQ(testing::Exchange(port, testing::PostRequest("/v1/poses", "x"), 10).status, 401);
  const auto health = testing::Exchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 10);
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(serve.Stop(), 0) << serve.err();  // SIGTERM ends it cleanly
}

}  // namespace
}  // namespace posenet
