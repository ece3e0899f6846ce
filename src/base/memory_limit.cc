#include "base/memory_limit.h"

#include <unistd.h>

#include <algorithm>

namespace posenet {

int64_t PhysicalMemoryBytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return 0;
  return static_cast<int64_t>(pages) * page;
}

int64_t DefaultMemoryLimit() {
  const int64_t physical = PhysicalMemoryBytes();
  return std::min(physical > 0 ? physical / 4 : int64_t{1} << 30, kMaxDefaultMemoryLimit);
}

}  // namespace posenet
