// posenet fetch-model against a local HTTP server that misbehaves on purpose: a pinned
// checksum that does not match, redirects to plain http, a stalled transfer, a huge declared
// size. The tool must refuse each with one line and keep nothing; a good download lands in a
// cache folder only its owner can read.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "broken_models.h"
#include "run_program.h"
#include "shared_data.h"

namespace posenet::testing {
namespace {

namespace fs = std::filesystem;

// Serves GET requests on 127.0.0.1 from its own thread, one connection at a time:
//   /model       200 with the tiny valid model
//   /to-model    302 to http://.../model (a redirect to plain http)
//   /huge        200 declaring 300 MB, then nothing
//   /stall       accepts and never answers
class HttpServer {
 public:
  explicit HttpServer(std::vector<uint8_t> model) : model_(std::move(model)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    ::listen(listener_, 8);
    socklen_t len = sizeof(addr);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~HttpServer() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
    for (int fd : stalled_) ::close(fd);
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void Serve() {
    while (!stop_) {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::string request;
      char buf[1024];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
        if (n <= 0) break;
        request.append(buf, static_cast<size_t>(n));
      }
      const std::string path = request.substr(4, request.find(' ', 4) - 4);
      if (path == "/stall") {
        stalled_.push_back(fd);  // never answered; closed when the server ends
        continue;
      }
      std::string head;
      std::string body;
      if (path == "/model") {
        body.assign(model_.begin(), model_.end());
        head = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
      } else if (path == "/to-model") {
        head = "HTTP/1.1 302 Found\r\nLocation: " + Url("/model") + "\r\nContent-Length: 0\r\n";
      } else if (path == "/huge") {
        head = "HTTP/1.1 200 OK\r\nContent-Length: 300000000\r\n";
      } else {
        head = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n";
      }
      const std::string reply = head + "Connection: close\r\n\r\n" + body;
      (void)::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      ::close(fd);
    }
  }

  std::vector<uint8_t> model_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::vector<int> stalled_;
  std::thread thread_;
};

// SHA-256 of the bytes, computed by the system's sha256sum (an implementation independent of
// the tool's).
std::string Sha256Sum(const std::string& path) {
  const ProgramResult r = RunProgram("/usr/bin/sha256sum", {path});
  return r.out.substr(0, 64);
}

class FetchModel : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    model_ = BuildTinyValidModel();
    const std::string copy = dir_ + "/reference.tflite";
    FILE* f = std::fopen(copy.c_str(), "wb");
    std::fwrite(model_.data(), 1, model_.size(), f);
    std::fclose(f);
    sha256_ = Sha256Sum(copy);
    fs::remove(copy);
    server_ = std::make_unique<HttpServer>(model_);
  }
  ProgramResult Fetch(std::vector<std::string> args) {
    args.insert(args.begin(), "fetch-model");
    return RunProgram(POSENET_TOOL, args);
  }
  std::string dir_, sha256_;
  std::vector<uint8_t> model_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(FetchModel, PinnedDownloadLandsInAPrivateCacheFolder) {
  ASSERT_EQ(sha256_.size(), 64u);
  const std::string cache = dir_ + "/cache";
  const char* old = std::getenv("XDG_CACHE_HOME");
  const std::string saved = old ? old : "";
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  const mode_t old_mask = ::umask(0);  // the old code made the folder 0777 then
  const ProgramResult r = Fetch({"--url", server_->Url("/model"), "--sha256", sha256_});
  ::umask(old_mask);
  if (old)
    ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
  else
    ::unsetenv("XDG_CACHE_HOME");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  struct stat st {};
  ASSERT_EQ(::stat((cache + "/posenet").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  const std::string saved_model = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(fs::path(saved_model).parent_path(), fs::path(cache + "/posenet"));
  EXPECT_EQ(ReadBytes(saved_model), model_);
}

TEST_F(FetchModel, EveryBadDownloadIsOneLineAndKeepsNothing) {
  const std::string out = dir_ + "/m.tflite";
  const std::string wrong(64, '0');
  const struct {
    std::vector<std::string> args;
    std::string reason;
  } cases[] = {
      {{"--url", server_->Url("/model"), "--sha256", wrong}, "SHA-256 mismatch: expected " + wrong},
      {{"--url", server_->Url("/to-model"), "--sha256", sha256_}, "cannot download"},
      {{"--url", server_->Url("/huge")}, "larger than 268435456 bytes"},
      {{"--url", server_->Url("/stall"), "--timeout", "2"}, "timed out"},
      {{"--url", server_->Url("/missing")}, "404"},
      {{"--url", "file:///etc/passwd"}, "cannot download file:///etc/passwd"},
      {{"--url", server_->Url("/model"), "--sha256", "xyz"}, "expected 64 hex digits"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.end(), {"--out", out});
    const ProgramResult r = Fetch(args);
    EXPECT_EQ(r.exit_code, 1) << c.args[1] << ": " << r.err;
    EXPECT_EQ(LineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(c.reason), std::string::npos) << c.args[1] << ": " << r.err;
    EXPECT_FALSE(fs::exists(out)) << c.args[1];
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 0);
}

}  // namespace
}  // namespace posenet::testing
