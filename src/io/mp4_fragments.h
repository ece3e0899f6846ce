// The playable part of a fragmented MP4 that was cut short (a full disk, a killed encoder):
// the file is a sequence of top-level boxes (ftyp, moov, then moof + mdat per fragment), each
// starting with its size. Everything up to the last complete mdat plays; a trailing moof
// without its media, or a box cut mid-way, does not.
#pragma once

#include <cstdint>

namespace posenet {

struct Mp4Prefix {
  int64_t playable_bytes = 0;  // end of the last complete box that is not a lone moof
  int64_t fragments = 0;       // complete mdat boxes up to there
};

// Walks the top-level boxes of the first `size` bytes of the file open at `fd`.
Mp4Prefix PlayableMp4Prefix(int fd, int64_t size);

}  // namespace posenet
