#include "base/cpu_features.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define POSENET_X86 1
#endif

namespace posenet {
namespace {

#ifdef POSENET_X86
uint64_t ReadXcr0() {
  uint32_t eax = 0, edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (uint64_t{edx} << 32) | eax;
}

IsaLevel Detect() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return IsaLevel::kScalar;
  const bool osxsave = c & (1u << 27), fma = c & (1u << 12);
  if (!osxsave) return IsaLevel::kScalar;
  const uint64_t xcr0 = ReadXcr0();
  const bool ymm_saved = (xcr0 & 0x6) == 0x6;
  const bool zmm_saved = (xcr0 & 0xE6) == 0xE6;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return IsaLevel::kScalar;
  const bool avx2 = b & (1u << 5);
  const bool avx512f = b & (1u << 16), avx512dq = b & (1u << 17);
  const bool avx512bw = b & (1u << 30), avx512vl = b & (1u << 31);
  const bool avx512vnni = c & (1u << 11);
  if (zmm_saved && avx512f && avx512dq && avx512bw && avx512vl && avx512vnni && fma) {
    return IsaLevel::kAvx512;
  }
  if (ymm_saved && avx2 && fma) return IsaLevel::kAvx2;
  return IsaLevel::kScalar;
}
#else
IsaLevel Detect() { return IsaLevel::kScalar; }
#endif

IsaLevel FromEnvironment(IsaLevel detected) {
  const char* value = std::getenv("POSENET_ISA");
  if (value == nullptr || *value == '\0') return detected;
  const std::string v = value;
  IsaLevel wanted = detected;
  if (v == "scalar") {
    wanted = IsaLevel::kScalar;
  } else if (v == "avx2") {
    wanted = IsaLevel::kAvx2;
  } else if (v == "avx512") {
    wanted = IsaLevel::kAvx512;
  } else {
    std::fprintf(stderr, "posenet: ignoring POSENET_ISA=%s (expected scalar, avx2 or avx512)\n",
                 value);
  }
  return wanted < detected ? wanted : detected;
}

}  // namespace

std::string_view IsaName(IsaLevel level) {
  switch (level) {
    case IsaLevel::kScalar:
      return "scalar";
    case IsaLevel::kAvx2:
      return "avx2";
    case IsaLevel::kAvx512:
      return "avx512";
  }
  return "unknown";
}

IsaLevel DetectedIsa() {
  static const IsaLevel level = Detect();
  return level;
}

IsaLevel ActiveIsa() {
  static const IsaLevel level = FromEnvironment(DetectedIsa());
  return level;
}

std::vector<IsaLevel> SupportedIsas() {
  std::vector<IsaLevel> levels;
  for (int l = 0; l <= static_cast<int>(DetectedIsa()); ++l) levels.push_back(IsaLevel(l));
  return levels;
}

}  // namespace posenet
