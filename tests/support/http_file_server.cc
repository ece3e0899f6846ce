#include "http_file_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

namespace posenet::testing {
namespace {

void SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away (FFmpeg closes connections it seeks from)
    data += n;
    size -= static_cast<size_t>(n);
  }
}

}  // namespace

HttpFileServer::HttpFileServer(std::string path, bool ranges)
    : path_(std::move(path)), ranges_(ranges) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // any free port
  socklen_t len = sizeof(addr);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listener_, 8) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(listener_);
    listener_ = -1;
    return;
  }
  url_ = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/" +
         std::filesystem::path(path_).filename().string();
  thread_ = std::thread([this] { Serve(); });
}

HttpFileServer::~HttpFileServer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listener_ >= 0) ::close(listener_);
}

void HttpFileServer::Serve() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    Answer(client);
    ::close(client);
  }
}

void HttpFileServer::Answer(int client) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return;
    const ssize_t n = ::recv(client, buf, sizeof(buf), 0);
    if (n <= 0) return;
    request.append(buf, static_cast<size_t>(n));
  }
  std::ifstream in(path_, std::ios::binary);
  const std::vector<char> body((std::istreambuf_iterator<char>(in)), {});
  const size_t size = body.size();
  size_t first = 0, last = size - 1;
  bool partial = false;
  const size_t at = request.find("Range: bytes=");
  if (ranges_ && at != std::string::npos) {
    unsigned long long a = 0, b = 0;
    const int got = std::sscanf(request.c_str() + at, "Range: bytes=%llu-%llu", &a, &b);
    if (got >= 1 && a < size) {
      first = a;
      if (got == 2 && b < size) last = b;
      partial = true;
    }
  }
  const std::string header =
      std::string(partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n") +
      "Content-Type: video/mp4\r\nContent-Length: " + std::to_string(last - first + 1) + "\r\n" +
      (ranges_ ? "Accept-Ranges: bytes\r\n" : "") +
      (partial ? "Content-Range: bytes " + std::to_string(first) + "-" + std::to_string(last) +
                     "/" + std::to_string(size) + "\r\n"
               : "") +
      "Connection: close\r\n\r\n";
  SendAll(client, header.data(), header.size());
  if (request.rfind("HEAD ", 0) != 0) SendAll(client, body.data() + first, last - first + 1);
}

}  // namespace posenet::testing
