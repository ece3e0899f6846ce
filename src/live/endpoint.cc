#include "live/endpoint.h"

#include <charconv>

namespace posenet {

Result<Endpoint> ParseEndpoint(const std::string& option, const std::string& text,
                               const std::string& default_host, bool allow_any_port) {
  auto fail = [&](const std::string& why) {
    return Status::Error(option + ": cannot use '" + text + "': " + why);
  };
  Endpoint e;
  const size_t colon = text.rfind(':');
  std::string port_text = text;
  if (colon == std::string::npos) {
    if (default_host.empty()) return fail("expected HOST:PORT");
    e.host = default_host;
  } else {
    e.host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
    // [::1]:9000 names an IPv6 address.
    if (e.host.size() >= 2 && e.host.front() == '[' && e.host.back() == ']') {
      e.host = e.host.substr(1, e.host.size() - 2);
    }
    if (e.host.empty()) return fail("no host before ':'");
  }
  const char* end = port_text.data() + port_text.size();
  auto [ptr, ec] = std::from_chars(port_text.data(), end, e.port);
  if (port_text.empty() || ec != std::errc() || ptr != end) return fail("the port is not a number");
  if (e.port < (allow_any_port ? 0 : 1) || e.port > 65535) {
    return fail(allow_any_port ? "ports are 0-65535" : "ports are 1-65535");
  }
  return e;
}

}  // namespace posenet
