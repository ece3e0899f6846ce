// A deliberately plain HTTP and WebSocket client over loopback sockets, for tests that must send
// what real clients never would (truncated bodies, garbage, a trickle of bytes) and read what
// comes back byte for byte.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace posenet::testing {

struct RawReply {
  std::string raw;      // everything read
  int status = 0;       // 0: no status line came
  std::string body;     // after the headers (Content-Length bytes when given)
  bool closed = false;  // the server closed the connection
  double seconds = 0;   // until the reply was complete or the connection closed
};

// Connects to 127.0.0.1:port; -1 on failure.
int ConnectLoopback(int port);

// Sends `request` (in pieces of `piece` bytes `pause_ms` apart when piece > 0), then reads until
// one whole reply (by Content-Length), the server closes, or `timeout_s` passes.
RawReply Exchange(int port, const std::string& request, double timeout_s, size_t piece = 0,
                  int pause_ms = 0);

// "POST path HTTP/1.1" with Content-Length and `body`.
std::string PostRequest(const std::string& path, const std::string& body,
                        const std::string& extra_headers = "");

// A WebSocket connection (RFC 6455 client side, unmasked reads only).
class RawWebSocket {
 public:
  // Connects and completes the handshake for `path`; ok() tells whether it worked.
  RawWebSocket(int port, const std::string& path);
  ~RawWebSocket();
  RawWebSocket(const RawWebSocket&) = delete;
  RawWebSocket& operator=(const RawWebSocket&) = delete;
  bool ok() const { return fd_ >= 0; }
  // The next message's payload; false when the connection closed (a close frame or EOF) or
  // `timeout_s` passed. `binary` tells its type.
  bool Read(std::string& payload, bool& binary, double timeout_s);

 private:
  bool ReadExact(uint8_t* out, size_t n, double timeout_s);
  int fd_ = -1;
  std::string pending_;  // bytes read past the handshake
};

}  // namespace posenet::testing
