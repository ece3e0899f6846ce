// How much memory one session may take: its buffers (arena, scratch with the per-thread row
// buffers, aligned constants, packed weights) are added up before the large ones are allocated
// and refused beyond the limit, so a model declaring a huge input is an error, never a
// bad_alloc, an abort or a machine swapping.
#pragma once

#include <cstdint>

namespace posenet {

// Physical memory of this machine in bytes (0 when unknown).
int64_t PhysicalMemoryBytes();

// The default limit: a quarter of physical memory (1 GiB when that is unknown).
int64_t DefaultMemoryLimit();

}  // namespace posenet
