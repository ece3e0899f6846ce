// The 256-bit levels of the quantized drivers (depthwise_rows.h, dense_vnni_driver.h): 8 int32
// lanes per ymm, tails as lane or byte counts (AVX2 has no byte masks: partial vectors are moved
// as whole dwords by vpmaskmovd, or through a small local buffer). Avx2Level multiplies int16 pairs
// with vpmaddwd; Vnni256Level adds the 256-bit vpdpbusd, in its VEX encoding (AVX-VNNI, -mavxvnni)
// or, in files compiled for AVX-512, its EVEX one (AVX-512 VNNI + VL): same instruction, same
// results. Include only from
// *_avx2.cc, *_avxvnni.cc and the avxvnni EVEX file (the unnamed namespace gives each its own
// copy, compiled with its flags).
#pragma once

#include <immintrin.h>

#include <cstdint>
#include <cstring>

namespace posenet {
namespace {

struct Avx2Level {
  using Vec = __m256i;
  using Tail = int32_t;      // live int32 lanes of a vector
  using ByteTail = int32_t;  // live bytes of a vector
  using NegMask = __m256i;   // -1 in lanes to negate, else 0
  static constexpr int kLanes = 8;
  static constexpr int kBytes = 32;
  static constexpr bool kByteDot = false;
  static constexpr int kRegisters = 16;  // also in the EVEX build, as on the CPUs it stands for

  static Tail TailOf(int64_t n) { return n >= 8 ? 8 : static_cast<Tail>(n); }
  static ByteTail ByteTailOf(int64_t n) { return n >= 32 ? 32 : static_cast<ByteTail>(n); }

  static Vec Zero() { return _mm256_setzero_si256(); }
  static Vec Set1(int32_t x) { return _mm256_set1_epi32(x); }
  static Vec Set1Epi16(int16_t x) { return _mm256_set1_epi16(x); }
  static Vec Set1Epi8(int8_t x) { return _mm256_set1_epi8(x); }
  static Vec Load(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
  static Vec LoadAligned(const void* p) {
    return _mm256_load_si256(static_cast<const __m256i*>(p));
  }
  static void Store(void* p, Vec v) { _mm256_storeu_si256(static_cast<__m256i*>(p), v); }
  static Vec Add(Vec a, Vec b) { return _mm256_add_epi32(a, b); }
  static Vec Xor(Vec a, Vec b) { return _mm256_xor_si256(a, b); }

  // Up to 8 input bytes widened to int32 lanes (zero- or sign-extended); lanes past n are 0.
  template <bool kSigned, bool kPartial>
  static Vec LoadWidened(const uint8_t* p, Tail n) {
    __m128i bytes;
    if (kPartial) {
      alignas(16) uint8_t staged[16] = {};
      std::memcpy(staged, p, static_cast<size_t>(n));
      bytes = _mm_load_si128(reinterpret_cast<const __m128i*>(staged));
    } else {
      bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
    }
    return kSigned ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
  }
  static Vec MulAdd16(Vec acc, Vec x, Vec w) {
    return _mm256_add_epi32(acc, _mm256_madd_epi16(x, w));
  }
  // Up to 32 bytes; bytes past n are 0. Whole dwords by a masked load (no access past them).
  template <bool kPartial>
  static Vec LoadBytes(const uint8_t* p, ByteTail n) {
    if (!kPartial) return Load(p);
    if (n % 4 == 0) {
      const Vec live = _mm256_cmpgt_epi32(Set1(n / 4), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
      return _mm256_maskload_epi32(reinterpret_cast<const int*>(p), live);
    }
    alignas(32) uint8_t staged[32] = {};
    std::memcpy(staged, p, static_cast<size_t>(n));
    return LoadAligned(staged);
  }
  static Vec UnpackLo8(Vec a, Vec b) { return _mm256_unpacklo_epi8(a, b); }
  static Vec UnpackHi8(Vec a, Vec b) { return _mm256_unpackhi_epi8(a, b); }
  static Vec UnpackLo16(Vec a, Vec b) { return _mm256_unpacklo_epi16(a, b); }
  static Vec UnpackHi16(Vec a, Vec b) { return _mm256_unpackhi_epi16(a, b); }
  static NegMask LoadNegate(const int32_t* p) { return Load(p); }
  // (acc ^ -1) - (-1) = -acc; (acc ^ 0) - 0 = acc.
  static Vec Negate(Vec acc, NegMask k) { return _mm256_sub_epi32(_mm256_xor_si256(acc, k), k); }

  // Requantization primitives (requant_forms.h). Masks are vectors of -1 and 0.
  using Mask = __m256i;
  static constexpr bool kShift64 = false;  // no 64-bit arithmetic shifts
  struct Relu {
    __m256i half, shift;  // 2^(e-1) and e
  };
  static Relu MakeRelu(int32_t e) { return Relu{Set1(int32_t{1} << (e - 1)), Set1(e)}; }
  static Vec Sub(Vec a, Vec b) { return _mm256_sub_epi32(a, b); }
  static Vec And(Vec a, Vec b) { return _mm256_and_si256(a, b); }
  static Vec Set1Epi64(int64_t x) { return _mm256_set1_epi64x(x); }
  static Vec Add64(Vec a, Vec b) { return _mm256_add_epi64(a, b); }
  static Vec MulEven(Vec a, Vec b) { return _mm256_mul_epi32(a, b); }  // signed, 64-bit products
  static Vec OddLanes(Vec v) { return _mm256_srli_epi64(v, 32); }
  // Bits 31..62 of each 64-bit lane in its 32-bit lanes: the even lanes' from `even`, the odd
  // lanes' from `odd`.
  static Vec JoinProducts(Vec even, Vec odd) {
    return _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  }
  static Vec SignOf(Vec v) { return _mm256_srai_epi32(v, 31); }  // -1 where negative, else 0
  static Vec HalveUnsigned(Vec v) { return _mm256_srli_epi32(v, 1); }
  static Vec ShiftLeftVar(Vec v, Vec bits) { return _mm256_sllv_epi32(v, bits); }
  static Vec ShiftRightArithVar(Vec v, Vec bits) { return _mm256_srav_epi32(v, bits); }
  static Mask CmpEq(Vec a, Vec b) { return _mm256_cmpeq_epi32(a, b); }
  static Mask CmpGt(Vec a, Vec b) { return _mm256_cmpgt_epi32(a, b); }
  static Mask MaskAnd(Mask a, Mask b) { return _mm256_and_si256(a, b); }
  static Vec Select(Mask m, Vec yes, Vec no) { return _mm256_blendv_epi8(no, yes, m); }
  static Vec AddOneWhere(Vec v, Mask m) { return _mm256_sub_epi32(v, m); }  // m is -1 there
  static Vec Clamp(Vec q, Vec offset, Vec lo, Vec hi) {
    return _mm256_min_epi32(_mm256_max_epi32(_mm256_add_epi32(q, offset), lo), hi);
  }

  template <bool kSigned, bool kPartial>
  static void StoreLanes(uint8_t* out, Vec q, Tail n) {
    // Within the output type's range: the saturating packs keep every value.
    const __m128i words =
        _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
    const __m128i bytes = kSigned ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
    if (kPartial) {
      alignas(16) uint8_t staged[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(staged), bytes);
      std::memcpy(out, staged, static_cast<size_t>(n));
    } else {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(out), bytes);
    }
  }
  // As Avx512Level::Narrow, per 128-bit lane.
  static Vec Narrow(Vec q0, Vec q1, Vec q2, Vec q3, Vec offset16, Vec lo8, Vec hi8,
                    bool is_signed) {
    const Vec low = _mm256_adds_epi16(_mm256_packs_epi32(q0, q1), offset16);
    const Vec high = _mm256_adds_epi16(_mm256_packs_epi32(q2, q3), offset16);
    return is_signed ? _mm256_min_epi8(_mm256_max_epi8(_mm256_packs_epi16(low, high), lo8), hi8)
                     : _mm256_min_epu8(_mm256_max_epu8(_mm256_packus_epi16(low, high), lo8), hi8);
  }
  template <bool kPartial>
  static void StoreBytes(uint8_t* out, Vec bytes, ByteTail n) {
    if (kPartial) {
      StoreFirstBytes(out, bytes, n);
    } else {
      Store(out, bytes);
    }
  }
  static Vec PermuteDwords(Vec v, Vec index) { return _mm256_permutevar8x32_epi32(v, index); }
  // The first n <= 32 bytes of `bytes` to out: whole 16- and 8-byte pieces, then a copy.
  static void StoreFirstBytes(uint8_t* out, Vec bytes, int32_t n) {
    if (n >= 32) return Store(out, bytes);
    __m128i part = _mm256_castsi256_si128(bytes);
    if (n >= 16) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), part);
      part = _mm256_extracti128_si256(bytes, 1);
      out += 16, n -= 16;
    }
    if (n == 8) return _mm_storel_epi64(reinterpret_cast<__m128i*>(out), part);
    alignas(16) uint8_t staged[16];
    _mm_store_si128(reinterpret_cast<__m128i*>(staged), part);
    std::memcpy(out, staged, static_cast<size_t>(n));
  }

  // The dense kernel's byte moves (dense_vnni_driver.h), as Avx512Level's: whole vectors, then
  // the tail through a local buffer, so no access passes the n bytes.
  static void CopyBytes(uint8_t* dst, const uint8_t* src, int64_t n, Vec flip, Vec* sum) {
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
      const Vec v = _mm256_xor_si256(Load(src + i), flip);
      Store(dst + i, v);
      *sum = _mm256_add_epi64(*sum, _mm256_sad_epu8(v, Zero()));
    }
    if (i < n) {
      const auto tail = static_cast<int32_t>(n - i);
      const Vec v = _mm256_and_si256(_mm256_xor_si256(LoadBytes<true>(src + i, tail), flip),
                                     FirstBytesMask(tail));
      StoreFirstBytes(dst + i, v, tail);
      *sum = _mm256_add_epi64(*sum, _mm256_sad_epu8(v, Zero()));
    }
  }
  static void FillBytes(uint8_t* dst, int64_t n, Vec value) {
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) Store(dst + i, value);
    if (i < n) StoreFirstBytes(dst + i, value, static_cast<int32_t>(n - i));
  }
  static int64_t SumBytes(const uint8_t* row, int64_t n) {
    Vec sum = Zero();
    for (int64_t i = 0; i < n; i += 32) {
      sum = _mm256_add_epi64(sum,
                             _mm256_sad_epu8(LoadBytes<true>(row + i, ByteTailOf(n - i)), Zero()));
    }
    return ReduceAdd64(sum);
  }
  static int64_t ReduceAdd64(Vec v) {
    const __m128i s = _mm_add_epi64(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    return _mm_cvtsi128_si64(s) + _mm_extract_epi64(s, 1);
  }

 private:
  // 0xFF in the first n bytes.
  static Vec FirstBytesMask(int32_t n) {
    return _mm256_cmpgt_epi8(
        Set1Epi8(static_cast<int8_t>(n)),
        _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                         21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31));
  }
};

// AVX2 plus the 256-bit u8 x s8 dot product.
struct Vnni256Level : Avx2Level {
  static constexpr bool kByteDot = true;
  // Dense tiles (dense_vnni_driver.h): MR x NV accumulators, NV weights and one broadcast fit
  // 16 registers.
  static constexpr int kMaxVectors = 3;
  static constexpr int kTileRows[4] = {0, 12, 6, 4};
  static Vec DotBytes(Vec acc, Vec u, Vec s) {
#if defined(__AVXVNNI__)
    return _mm256_dpbusd_avx_epi32(acc, u, s);
#else
    return _mm256_dpbusd_epi32(acc, u, s);
#endif
  }
};

}  // namespace
}  // namespace posenet
