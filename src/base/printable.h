// Text from files (model descriptions, tensor names, paths) shown on a terminal: escape sequences
// in it must never reach the terminal, and every message stays one line.
#pragma once

#include <string>
#include <string_view>

namespace posenet {

// `s` with printable ASCII and well-formed UTF-8 letters kept as they are; control characters
// (C0, DEL, C1 such as the 8-bit CSI), malformed UTF-8 and backslashes written as "\xNN" (a
// backslash as "\\").
std::string EscapeNonPrintable(std::string_view s);

}  // namespace posenet
