// The AVX-512 level of the quantized drivers (depthwise_rows.h, dense_vnni_driver.h): 16 int32
// lanes per zmm, tails as lane masks, vpdpwssd / vpdpbusd. Include only from *_avx512.cc (the
// unnamed namespace gives each including file its own copy, compiled with its flags).
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "kernels/optimized/quantized/requant_relu_avx512.h"

namespace posenet {
namespace {

struct Avx512Level {
  using Vec = __m512i;
  using Tail = __mmask16;      // live int32 lanes of a vector
  using ByteTail = __mmask64;  // live bytes of a vector
  using NegMask = __mmask16;   // lanes to negate
  using Relu = avx512::ReluRequant;
  static constexpr int kLanes = 16;  // int32 lanes (channels of the int32 paths)
  static constexpr int kBytes = 64;  // byte lanes
  static constexpr bool kByteDot = true;
  static constexpr int kRegisters = 32;
  // Dense tiles (dense_vnni_driver.h): rows for panels of 1..4 vectors, within 32 registers.
  static constexpr int kMaxVectors = 4;
  static constexpr int kTileRows[5] = {0, 12, 8, 8, 6};

  static Tail TailOf(int64_t n) { return n >= 16 ? Tail{0xFFFF} : Tail((1u << n) - 1); }
  static ByteTail ByteTailOf(int64_t n) { return n >= 64 ? ~ByteTail{0} : (ByteTail{1} << n) - 1; }

  static Vec Zero() { return _mm512_setzero_si512(); }
  static Vec Set1(int32_t x) { return _mm512_set1_epi32(x); }
  static Vec Set1Epi16(int16_t x) { return _mm512_set1_epi16(x); }
  static Vec Set1Epi8(int8_t x) { return _mm512_set1_epi8(x); }
  static Vec Load(const void* p) { return _mm512_loadu_si512(p); }
  static Vec LoadAligned(const void* p) { return _mm512_load_si512(p); }
  static void Store(void* p, Vec v) { _mm512_storeu_si512(p, v); }
  static Vec Add(Vec a, Vec b) { return _mm512_add_epi32(a, b); }
  static Vec Xor(Vec a, Vec b) { return _mm512_xor_si512(a, b); }

  // Up to 16 input bytes widened to int32 lanes (zero- or sign-extended); masked-off lanes 0.
  template <bool kSigned, bool kPartial>
  static Vec LoadWidened(const uint8_t* p, Tail k) {
    const __m128i bytes = kPartial ? _mm_maskz_loadu_epi8(k, p)
                                   : _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return kSigned ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
  }
  // acc + lo16(x) * lo16(w) + hi16(x) * hi16(w) per int32 lane.
  static Vec MulAdd16(Vec acc, Vec x, Vec w) { return _mm512_dpwssd_epi32(acc, x, w); }
  // Up to 64 bytes, masked-off bytes 0.
  template <bool kPartial>
  static Vec LoadBytes(const uint8_t* p, ByteTail k) {
    return kPartial ? _mm512_maskz_loadu_epi8(k, p) : _mm512_loadu_si512(p);
  }
  // acc + the four products of unsigned bytes u and signed bytes s per int32 lane.
  static Vec DotBytes(Vec acc, Vec u, Vec s) { return _mm512_dpbusd_epi32(acc, u, s); }
  static Vec UnpackLo8(Vec a, Vec b) { return _mm512_unpacklo_epi8(a, b); }
  static Vec UnpackHi8(Vec a, Vec b) { return _mm512_unpackhi_epi8(a, b); }
  static Vec UnpackLo16(Vec a, Vec b) { return _mm512_unpacklo_epi16(a, b); }
  static Vec UnpackHi16(Vec a, Vec b) { return _mm512_unpackhi_epi16(a, b); }
  static NegMask LoadNegate(const int32_t* p) { return _mm512_movepi32_mask(Load(p)); }
  static Vec Negate(Vec acc, NegMask k) {
    return _mm512_mask_sub_epi32(acc, k, _mm512_setzero_si512(), acc);
  }

  // Requantization primitives (requant_forms.h). Masks are k registers.
  using Mask = __mmask16;
  static constexpr bool kShift64 = true;  // 64-bit arithmetic shifts: the ReLU form below
  static Vec Sub(Vec a, Vec b) { return _mm512_sub_epi32(a, b); }
  static Vec And(Vec a, Vec b) { return _mm512_and_si512(a, b); }
  static Vec Set1Epi64(int64_t x) { return _mm512_set1_epi64(x); }
  static Vec Add64(Vec a, Vec b) { return _mm512_add_epi64(a, b); }
  static Vec MulEven(Vec a, Vec b) { return _mm512_mul_epi32(a, b); }  // signed, 64-bit products
  // The odd lanes moved to the even ones. (maskz forms: GCC 12 reports the plain forms'
  // undefined source as uninitialized.)
  static Vec OddLanes(Vec v) { return _mm512_maskz_srli_epi64(0xFF, v, 32); }
  // Bits 31..62 of each 64-bit lane in its 32-bit lanes: the even lanes' from `even`, the odd
  // lanes' from `odd`.
  static Vec JoinProducts(Vec even, Vec odd) {
    return _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(even, 31), _mm512_slli_epi64(odd, 1));
  }
  static Vec SignOf(Vec v) { return _mm512_srai_epi32(v, 31); }  // -1 where negative, else 0
  static Vec HalveUnsigned(Vec v) { return _mm512_srli_epi32(v, 1); }
  static Vec ShiftLeftVar(Vec v, Vec bits) { return _mm512_maskz_sllv_epi32(0xFFFF, v, bits); }
  static Vec ShiftRightArithVar(Vec v, Vec bits) { return _mm512_srav_epi32(v, bits); }
  static Mask CmpEq(Vec a, Vec b) { return _mm512_cmpeq_epi32_mask(a, b); }
  static Mask CmpGt(Vec a, Vec b) { return _mm512_cmpgt_epi32_mask(a, b); }
  static Mask MaskAnd(Mask a, Mask b) { return a & b; }
  static Vec Select(Mask m, Vec yes, Vec no) { return _mm512_mask_mov_epi32(no, m, yes); }
  static Vec AddOneWhere(Vec v, Mask m) { return _mm512_mask_add_epi32(v, m, v, Set1(1)); }
  static Relu MakeRelu(int32_t e) { return avx512::MakeReluRequant(e); }
  static Vec RequantizeRelu(Vec acc, Vec m, Vec m_odd, const Relu& relu) {
    return avx512::RequantizeRelu(acc, m, m_odd, relu);
  }
  static Vec Clamp(Vec q, Vec offset, Vec lo, Vec hi) {
    return _mm512_min_epi32(_mm512_max_epi32(_mm512_add_epi32(q, offset), lo), hi);
  }

  // The lanes of `q` (within the 8-bit range) as bytes, the first lanes of `k` only.
  template <bool kSigned, bool kPartial>
  static void StoreLanes(uint8_t* out, Vec q, Tail k) {
    if (kPartial) {
      _mm512_mask_cvtepi32_storeu_epi8(out, k, q);
    } else {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm512_cvtepi32_epi8(q));
    }
  }
  // Four vectors of requantized values (before the output offset) to bytes: in each 128-bit lane
  // i, the four lanes 4i..4i+3 of q0, then of q1, q2, q3. Saturating at each step, then
  // clamping, gives clamp(q + offset) exactly: a value saturated at int16 lies beyond the 8-bit
  // range on the same side.
  static Vec Narrow(Vec q0, Vec q1, Vec q2, Vec q3, Vec offset16, Vec lo8, Vec hi8,
                    bool is_signed) {
    const Vec low = _mm512_adds_epi16(_mm512_packs_epi32(q0, q1), offset16);
    const Vec high = _mm512_adds_epi16(_mm512_packs_epi32(q2, q3), offset16);
    return is_signed ? _mm512_min_epi8(_mm512_max_epi8(_mm512_packs_epi16(low, high), lo8), hi8)
                     : _mm512_min_epu8(_mm512_max_epu8(_mm512_packus_epi16(low, high), lo8), hi8);
  }
  template <bool kPartial>
  static void StoreBytes(uint8_t* out, Vec bytes, ByteTail k) {
    if (kPartial) {
      _mm512_mask_storeu_epi8(out, k, bytes);
    } else {
      _mm512_storeu_si512(out, bytes);
    }
  }
  // Dwords of v in the order of `index` (dense_vnni_driver.h's narrowing).
  static Vec PermuteDwords(Vec v, Vec index) { return _mm512_permutexvar_epi32(index, v); }

  // The dense kernel's byte moves (dense_vnni_driver.h): dst[0, n) = src[0, n) ^ flip, adding
  // the copied bytes to the 64-bit lanes of *sum; masked accesses never touch bytes outside.
  static void CopyBytes(uint8_t* dst, const uint8_t* src, int64_t n, Vec flip, Vec* sum) {
    for (int64_t i = 0; i < n; i += 64) {
      const ByteTail m = ByteTailOf(n - i);
      const Vec v = _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, src + i), flip);
      _mm512_mask_storeu_epi8(dst + i, m, v);
      *sum = _mm512_add_epi64(*sum, _mm512_sad_epu8(_mm512_maskz_mov_epi8(m, v), Zero()));
    }
  }
  static void FillBytes(uint8_t* dst, int64_t n, Vec value) {
    for (int64_t i = 0; i < n; i += 64) _mm512_mask_storeu_epi8(dst + i, ByteTailOf(n - i), value);
  }
  static int64_t SumBytes(const uint8_t* row, int64_t n) {
    Vec sum = Zero();
    for (int64_t i = 0; i < n; i += 64) {
      sum = _mm512_add_epi64(
          sum, _mm512_sad_epu8(_mm512_maskz_loadu_epi8(ByteTailOf(n - i), row + i), Zero()));
    }
    return _mm512_reduce_add_epi64(sum);
  }
  static int64_t ReduceAdd64(Vec v) { return _mm512_reduce_add_epi64(v); }
  // The first n <= 64 bytes of `bytes` to out.
  static void StoreFirstBytes(uint8_t* out, Vec bytes, int32_t n) {
    _mm512_mask_storeu_epi8(out, ByteTailOf(n), bytes);
  }
};

}  // namespace
}  // namespace posenet
