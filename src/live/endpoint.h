// "HOST:PORT" and "[ADDR:]PORT" as the live options take them (--osc, --websocket, --listen).
#pragma once

#include <string>

#include "base/status.h"

namespace posenet {

struct Endpoint {
  std::string host;
  int port = 0;
  std::string text() const { return host + ":" + std::to_string(port); }
};

// `text` is HOST:PORT, or PORT alone when `default_host` is not empty. Ports 1-65535, or 0 when
// `allow_any_port` (the system picks one). Errors name the option: "--osc: cannot use ...".
Result<Endpoint> ParseEndpoint(const std::string& option, const std::string& text,
                               const std::string& default_host, bool allow_any_port);

}  // namespace posenet
