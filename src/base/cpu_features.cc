#include "base/cpu_features.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#if defined(__x86_64__)
#include <cpuid.h>
#elif defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#endif

namespace posenet {
namespace {

#if defined(__x86_64__)
uint64_t ReadXcr0() {
  uint32_t eax = 0, edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (uint64_t{edx} << 32) | eax;
}

// CPUID.(7, 1):EAX bit 4, with the ymm state saved by the OS.
bool DetectAvxVnni() {
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27)) || (ReadXcr0() & 0x6) != 0x6) {
    return false;
  }
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || a < 1) return false;
  return __get_cpuid_count(7, 1, &a, &b, &c, &d) && (a & (1u << 4));
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
  if (ymm_saved && avx2 && fma) return DetectAvxVnni() ? IsaLevel::kAvxVnni : IsaLevel::kAvx2;
  return IsaLevel::kScalar;
}
#elif defined(__aarch64__) && defined(__linux__)
// Bits of AT_HWCAP / AT_HWCAP2 (Linux arch/arm64 uapi hwcap.h), for C libraries that predate them.
constexpr unsigned long kHwcapAsimd = 1ul << 1;
constexpr unsigned long kHwcapAsimdDotProduct = 1ul << 20;
constexpr unsigned long kHwcap2I8mm = 1ul << 13;

IsaLevel Detect() {
  const unsigned long hwcap = getauxval(AT_HWCAP), hwcap2 = getauxval(AT_HWCAP2);
  if (!(hwcap & kHwcapAsimd)) return IsaLevel::kScalar;
  if (!(hwcap & kHwcapAsimdDotProduct)) return IsaLevel::kNeon;
  // The i8mm kernels also use the dot product instructions, so i8mm needs both.
  return hwcap2 & kHwcap2I8mm ? IsaLevel::kI8mm : IsaLevel::kDotprod;
}
#elif defined(__aarch64__)
// Advanced SIMD is part of every AArch64 CPU; other features need an OS query we do not make.
IsaLevel Detect() { return IsaLevel::kNeon; }
#elif defined(__wasm_simd128__)
// A module using SIMD128 instructions only validates on engines that have them.
IsaLevel Detect() { return IsaLevel::kWasmSimd128; }
#else
IsaLevel Detect() { return IsaLevel::kScalar; }
#endif

IsaLevel FromEnvironment(IsaLevel detected) {
  const char* value = std::getenv("POSENET_ISA");
  if (value == nullptr || *value == '\0') return detected;
  const std::optional<IsaLevel> wanted = IsaFromName(value);
  if (!wanted) {
    std::fprintf(stderr, "posenet: ignoring POSENET_ISA=%s (expected %s)\n", value,
                 ArchIsaNames().c_str());
    return detected;
  }
  return *wanted < detected ? *wanted : detected;
}

}  // namespace

std::string_view IsaName(IsaLevel level) {
  switch (level) {
    case IsaLevel::kScalar:
      return "scalar";
    case IsaLevel::kAvx2:
      return "avx2";
    case IsaLevel::kAvxVnni:
      return "avxvnni";
    case IsaLevel::kAvx512:
      return "avx512";
    case IsaLevel::kNeon:
      return "neon";
    case IsaLevel::kDotprod:
      return "dotprod";
    case IsaLevel::kI8mm:
      return "i8mm";
    case IsaLevel::kWasmSimd128:
      return "wasm_simd128";
  }
  return "unknown";
}

const std::vector<IsaLevel>& ArchIsas() {
#if defined(__x86_64__)
  static const std::vector<IsaLevel> levels = {IsaLevel::kScalar, IsaLevel::kAvx2,
                                               IsaLevel::kAvxVnni, IsaLevel::kAvx512};
#elif defined(__aarch64__)
  static const std::vector<IsaLevel> levels = {IsaLevel::kScalar, IsaLevel::kNeon,
                                               IsaLevel::kDotprod, IsaLevel::kI8mm};
#elif defined(__wasm_simd128__)
  static const std::vector<IsaLevel> levels = {IsaLevel::kScalar, IsaLevel::kWasmSimd128};
#else
  static const std::vector<IsaLevel> levels = {IsaLevel::kScalar};
#endif
  return levels;
}

std::string ArchIsaNames() {
  std::string names;
  for (IsaLevel level : ArchIsas()) {
    names += (names.empty() ? "" : ", ") + std::string(IsaName(level));
  }
  return names;
}

std::optional<IsaLevel> IsaFromName(std::string_view name) {
  for (IsaLevel level : ArchIsas()) {
    if (IsaName(level) == name) return level;
  }
  return std::nullopt;
}

IsaLevel DetectedIsa() {
  static const IsaLevel level = Detect();
  return level;
}

bool HasAvxVnni() {
#if defined(__x86_64__)
  static const bool has = DetectAvxVnni();
  return has;
#else
  return false;
#endif
}

IsaLevel ActiveIsa() {
  static const IsaLevel level = FromEnvironment(DetectedIsa());
  return level;
}

std::vector<IsaLevel> SupportedIsas() {
  std::vector<IsaLevel> levels;
  for (IsaLevel level : ArchIsas()) {
    if (level <= DetectedIsa()) levels.push_back(level);
  }
  return levels;
}

bool IsaSupported(IsaLevel level) {
  const std::vector<IsaLevel> levels = SupportedIsas();
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}

}  // namespace posenet
