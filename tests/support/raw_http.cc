#include "raw_http.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

namespace posenet::testing {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

bool SendAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
    if (w <= 0) return false;
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

// Whether `raw` holds a whole reply; fills status and body when it does.
bool Complete(RawReply& r) {
  const size_t end = r.raw.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  if (r.raw.rfind("HTTP/1.", 0) == 0 && r.raw.size() > 12) r.status = std::atoi(r.raw.c_str() + 9);
  std::string headers = r.raw.substr(0, end);
  for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t cl = headers.find("content-length:");
  if (cl == std::string::npos) return false;  // read until closed
  const size_t length = std::strtoul(headers.c_str() + cl + 15, nullptr, 10);
  if (r.raw.size() < end + 4 + length) return false;
  r.body = r.raw.substr(end + 4, length);
  return true;
}

}  // namespace

int ConnectLoopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

RawReply Exchange(int port, const std::string& request, double timeout_s, size_t piece,
                  int pause_ms) {
  RawReply r;
  const Clock::time_point start = Clock::now();
  const int fd = ConnectLoopback(port);
  if (fd < 0) return r;
  bool sent = true;
  if (piece == 0) {
    sent = SendAll(fd, request.data(), request.size());
  } else {
    for (size_t at = 0; sent && at < request.size() && Since(start) < timeout_s; at += piece) {
      sent = SendAll(fd, request.data() + at, std::min(piece, request.size() - at));
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 0) > 0) break;  // the server answered or closed meanwhile
    }
  }
  (void)sent;  // a refused send shows as a closed connection below
  char buf[65536];
  while (!Complete(r)) {
    const double left = timeout_s - Since(start);
    if (left <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left * 1000) + 1) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) {
      r.closed = true;
      break;
    }
    r.raw.append(buf, static_cast<size_t>(n));
  }
  if (r.status == 0) Complete(r);
  r.seconds = Since(start);
  ::close(fd);
  return r;
}

std::string PostRequest(const std::string& path, const std::string& body,
                        const std::string& extra_headers) {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

RawWebSocket::RawWebSocket(int port, const std::string& path) {
  fd_ = ConnectLoopback(port);
  if (fd_ < 0) return;
  const std::string hello = "GET " + path +
                            " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n\r\n";
  if (!SendAll(fd_, hello.data(), hello.size())) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  char buf[4096];
  const Clock::time_point start = Clock::now();
  while (pending_.find("\r\n\r\n") == std::string::npos && Since(start) < 10) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) break;
    pending_.append(buf, static_cast<size_t>(n));
  }
  const size_t end = pending_.find("\r\n\r\n");
  if (end == std::string::npos || pending_.find(" 101 ") == std::string::npos) {
    ::close(fd_);
    fd_ = -1;
    return;
  }
  pending_.erase(0, end + 4);
}

RawWebSocket::~RawWebSocket() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawWebSocket::ReadExact(uint8_t* out, size_t n, double timeout_s) {
  const Clock::time_point start = Clock::now();
  while (pending_.size() < n) {
    const double left = timeout_s - Since(start);
    if (left <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left * 1000) + 1) <= 0) continue;
    char buf[65536];
    const ssize_t got = ::recv(fd_, buf, sizeof(buf), 0);
    if (got <= 0) return false;
    pending_.append(buf, static_cast<size_t>(got));
  }
  std::memcpy(out, pending_.data(), n);
  pending_.erase(0, n);
  return true;
}

bool RawWebSocket::Read(std::string& payload, bool& binary, double timeout_s) {
  payload.clear();
  while (fd_ >= 0) {
    uint8_t head[2];
    if (!ReadExact(head, 2, timeout_s)) return false;
    const int opcode = head[0] & 0x0f;
    uint64_t length = head[1] & 0x7f;
    if (length >= 126) {
      uint8_t ext[8];
      const size_t bytes = length == 126 ? 2 : 8;
      if (!ReadExact(ext, bytes, timeout_s)) return false;
      length = 0;
      for (size_t i = 0; i < bytes; ++i) length = (length << 8) | ext[i];
    }
    std::string data(length, '\0');
    if (length > 0 && !ReadExact(reinterpret_cast<uint8_t*>(data.data()), length, timeout_s)) {
      return false;
    }
    if (opcode == 8) return false;              // close
    if (opcode == 9 || opcode == 10) continue;  // ping, pong
    if (opcode != 0) binary = opcode == 2;
    payload += data;
    if (head[0] & 0x80) return true;  // FIN: the message is whole
  }
  return false;
}

}  // namespace posenet::testing
