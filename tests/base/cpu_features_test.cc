// x86-64 SIMD level detection against the kernel's own reading of CPUID (/proc/cpuinfo). The
// level names and their order are tested with the thread pool (thread_pool_test.cc).
#include "base/cpu_features.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace posenet {
namespace {

// The first "flags" line of /proc/cpuinfo as a set, empty when there is none (not Linux x86).
std::set<std::string> CpuinfoFlags() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::set<std::string> flags;
    for (std::string w; words >> w;) flags.insert(w);
    return flags;
  }
  return {};
}

// The level follows the flags Linux reports: avx512 needs F, BW, DQ, VL and VNNI; avxvnni needs
// AVX-VNNI (avx_vnni) on top of AVX2 and FMA, or is reached by capping an avx512 CPU.
TEST(CpuFeaturesTest, DetectionAgreesWithProcCpuinfo) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "x86-64 levels only (under qemu-user /proc/cpuinfo describes the host)";
#endif
  const std::set<std::string> flags = CpuinfoFlags();
  if (flags.empty()) GTEST_SKIP() << "no /proc/cpuinfo flags (not Linux)";
  auto has = [&](std::initializer_list<const char*> names) {
    for (const char* n : names) {
      if (!flags.contains(n)) return false;
    }
    return true;
  };
  IsaLevel want = IsaLevel::kScalar;
  if (has({"avx2", "fma"})) want = IsaLevel::kAvx2;
  if (has({"avx2", "fma", "avx_vnni"})) want = IsaLevel::kAvxVnni;
  if (has({"avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512_vnni"})) {
    want = IsaLevel::kAvx512;
  }
  EXPECT_EQ(DetectedIsa(), want);
  EXPECT_EQ(HasAvxVnni(), flags.contains("avx_vnni"));
}

}  // namespace
}  // namespace posenet
