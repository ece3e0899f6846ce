// Which SIMD level the optimized kernels may use. Detected once from CPUID (and XGETBV, so a
// level is only chosen when the OS saves its registers); POSENET_ISA=scalar|avx2|avx512 forces a
// level no higher than the CPU's, so tests can run every level on any x86-64 machine.
#pragma once

#include <string_view>
#include <vector>

namespace posenet {

// Ordered: a level implies every lower one.
enum class IsaLevel {
  kScalar = 0,  // portable C++ (the reference kernels or plain loops)
  kAvx2 = 1,    // AVX2 + FMA
  kAvx512 = 2,  // AVX-512 F/BW/DQ/VL + VNNI
};

std::string_view IsaName(IsaLevel level);  // "scalar", "avx2", "avx512"

// The best level this CPU supports.
IsaLevel DetectedIsa();

// DetectedIsa() capped by $POSENET_ISA when set (read once). An unknown value is ignored with a
// warning on stderr, since the environment is not an input we can reject.
IsaLevel ActiveIsa();

// Levels this machine can run, lowest first (for tests that sweep them).
std::vector<IsaLevel> SupportedIsas();

}  // namespace posenet
