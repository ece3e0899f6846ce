#include "base/printable.h"

#include <cstdint>
#include <cstdio>

namespace posenet {
namespace {

void AppendHex(std::string& out, unsigned char c) {
  char buf[5];
  std::snprintf(buf, sizeof(buf), "\\x%02x", c);
  out += buf;
}

// Length of the well-formed UTF-8 sequence of a printable code point at `s[i]` (beyond ASCII),
// or 0: overlong forms, surrogates, code points past U+10FFFF and the C1 controls
// (U+0080-U+009F) are not printable.
size_t PrintableUtf8Length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = byte(0);
  size_t n = 0;
  uint32_t cp = 0;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2, cp = c & 0x1fu;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3, cp = c & 0x0fu;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4, cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(k) & 0xc0u) != 0x80u) return 0;
    cp = cp << 6 | (byte(k) & 0x3fu);
  }
  const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < smallest[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  if (cp <= 0x9f) return 0;  // C1 controls
  return n;
}

}  // namespace

std::string EscapeNonPrintable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      out += "\\\\";
      ++i;
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      ++i;
    } else if (const size_t n = c >= 0x80 ? PrintableUtf8Length(s, i) : 0; n > 0) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      AppendHex(out, c);
      ++i;
    }
  }
  return out;
}

}  // namespace posenet
