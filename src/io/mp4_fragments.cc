#include "io/mp4_fragments.h"

#include <unistd.h>

#include <cstring>

namespace posenet {

Mp4Prefix PlayableMp4Prefix(int fd, int64_t size) {
  Mp4Prefix prefix;
  int64_t at = 0;
  while (at + 8 <= size) {
    unsigned char header[16];
    const int64_t want = at + 16 <= size ? 16 : 8;
    if (::pread(fd, header, static_cast<size_t>(want), at) != want) break;
    uint64_t box = 0;
    for (int i = 0; i < 4; ++i) box = box << 8 | header[i];
    if (box == 1) {  // 64-bit size after the type
      if (want < 16) break;
      box = 0;
      for (int i = 8; i < 16; ++i) box = box << 8 | header[i];
    }
    // 0 means "to the end of the file": never written by a fragmenting muxer, and not
    // knowably complete.
    if (box < 8 || box > static_cast<uint64_t>(size - at)) break;
    at += static_cast<int64_t>(box);
    if (std::memcmp(header + 4, "moof", 4) == 0) continue;  // complete only with its mdat
    prefix.playable_bytes = at;
    if (std::memcmp(header + 4, "mdat", 4) == 0) ++prefix.fragments;
  }
  return prefix;
}

}  // namespace posenet
