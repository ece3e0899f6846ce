// A minimal HTTP/1.1 server for tests: serves one file at http://127.0.0.1:<port>/<name> on its
// own thread until destroyed. GET only, one connection at a time, "Connection: close". With
// ranges on it answers "Range: bytes=a-b" with 206 as real file servers do (FFmpeg seeks
// that way, e.g. to an MP4 index at the end); with ranges off it always sends the whole file,
// as Python's http.server does.
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace posenet::testing {

class HttpFileServer {
 public:
  HttpFileServer(std::string path, bool ranges);
  ~HttpFileServer();
  HttpFileServer(const HttpFileServer&) = delete;
  HttpFileServer& operator=(const HttpFileServer&) = delete;

  // Empty when the server could not listen.
  std::string url() const { return url_; }

 private:
  void Serve();
  void Answer(int client);

  std::string path_, url_;
  bool ranges_;
  int listener_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace posenet::testing
