// Which SIMD level the optimized kernels may use. Each architecture has its own chain of levels,
// each implying the ones below it: x86-64 scalar < avx2 < avxvnni < avx512 (detected from CPUID,
// and XGETBV so a level is only chosen when the OS saves its registers); AArch64 scalar < neon <
// dotprod < i8mm (Linux: getauxval(AT_HWCAP / AT_HWCAP2)); WebAssembly scalar < wasm_simd128 (a
// build compiled with -msimd128 only loads where the engine has SIMD128, so it is known at
// compile time); any other target has scalar only.
// POSENET_ISA=<level> caps the level at run time, so tests can run every level the CPU has.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace posenet {

// Levels compare with < only within one architecture's chain (ArchIsas()).
enum class IsaLevel {
  kScalar = 0,  // portable C++ (the reference kernels or plain loops)
  // x86-64.
  kAvx2 = 1,     // AVX2 + FMA
  kAvxVnni = 2,  // AVX2 + FMA + 256-bit VNNI: AVX-VNNI, or AVX-512 VNNI + VL (see HasAvxVnni)
  kAvx512 = 3,   // AVX-512 F/BW/DQ/VL + VNNI
  // AArch64.
  kNeon = 16,     // Advanced SIMD (every AArch64 CPU), FMA
  kDotprod = 17,  // + SDOT/UDOT (Armv8.2 dot product, e.g. Cortex-A76, Neoverse N1)
  kI8mm = 18,     // + SMMLA/USMMLA/USDOT (Armv8.6 int8 matrix multiply, e.g. Neoverse V1)
  // WebAssembly.
  kWasmSimd128 = 32,  // 128-bit SIMD (fixed-width SIMD proposal; every current browser and Node)
};

// "scalar", "avx2", "avxvnni", "avx512", "neon", "dotprod", "i8mm", "wasm_simd128".
std::string_view IsaName(IsaLevel level);

// The levels of the architecture this program was built for, lowest (scalar) first.
const std::vector<IsaLevel>& ArchIsas();

// Their names, comma separated ("scalar, avx2, avxvnni, avx512"), for messages.
std::string ArchIsaNames();

// The level of ArchIsas() called `name`, if any.
std::optional<IsaLevel> IsaFromName(std::string_view name);

// The best level this CPU supports (one of ArchIsas()).
IsaLevel DetectedIsa();

// Whether the CPU has AVX-VNNI, the VEX encoding of the 256-bit dot products. The avxvnni
// level's kernels use it when present; otherwise (an AVX-512 CPU capped to avxvnni) they run the
// same instructions in their EVEX encoding, from AVX-512 VNNI + VL.
bool HasAvxVnni();

// DetectedIsa() capped by $POSENET_ISA when set (read once). A value that names no level of
// this architecture is ignored with a warning on stderr, since the environment is not an input
// we can reject.
IsaLevel ActiveIsa();

// Levels this machine can run, lowest first (for tests that sweep them).
std::vector<IsaLevel> SupportedIsas();

// Whether `level` is one of SupportedIsas() (false for another architecture's levels).
bool IsaSupported(IsaLevel level);

}  // namespace posenet
