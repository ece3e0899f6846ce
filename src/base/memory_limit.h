// How much memory one session may take: its buffers (arena, scratch with the per-thread row
// buffers, aligned constants, packed weights) are added up before the large ones are allocated
// and refused beyond the limit, so a model declaring a huge input is an error, never a
// bad_alloc, an abort or a machine swapping.
#pragma once

#include <cstdint>

namespace posenet {

// Physical memory of this machine in bytes (0 when unknown).
int64_t PhysicalMemoryBytes();

// The default limit: a quarter of physical memory (1 GiB when that is unknown), at most
// kMaxDefaultMemoryLimit, so the same model is refused on every machine (a PoseNet at 721x1281
// takes under 200 MB; a file declaring an 8000x8000 input asks for 9 GB).
inline constexpr int64_t kMaxDefaultMemoryLimit = int64_t{4} << 30;
int64_t DefaultMemoryLimit();

}  // namespace posenet
