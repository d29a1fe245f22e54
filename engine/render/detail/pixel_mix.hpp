// Mixing an opaque colour into RGB24 pixels (Cairo's 0x00RRGGBB in 32 bits) at a share of
// 0-255 a pixel: pixel by pixel, or four at a time with SSE2 (every x86-64 has it), the same
// bytes either way. The families map's 1.5 million symbols and the proportional circles mix
// hundreds of millions of pixels on a national map.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reachmap::detail {

// An opaque colour (0-255 a channel) mixed into a pixel at a share k of 0-255: red and blue in
// one multiply, green in another (the share out of 256, so 255 paints the colour exactly). A
// pixel mixed has its unused top byte 0.
struct Ink {
  std::uint32_t rb, g;
  Ink(int red, int green, int blue)
      : rb(std::uint32_t(red) << 16 | std::uint32_t(blue)), g(std::uint32_t(green) << 8) {}
  void mix(std::uint32_t& px, int k) const {
    const std::uint32_t a = std::uint32_t(k + (k >> 7)), na = 256 - a;
    const std::uint32_t out_rb = ((rb * a + (px & 0xff00ffu) * na) >> 8) & 0xff00ffu;
    const std::uint32_t out_g = ((g * a + (px & 0x00ff00u) * na) >> 8) & 0x00ff00u;
    px = out_rb | out_g;
  }
};

// A coverage of 0-255 at an opacity of 0-255 as a share: (coverage * opacity + 127) / 255.
inline int share_of(int coverage, int opacity) {
  return (coverage * opacity + 127) / 255;
}

#if defined(__SSE2__)
namespace simd {
// Four pixels mixed at shares k (16-bit lanes 0-3), as Ink::mix each; a pixel whose lane of
// `mixed` (32-bit lanes) is 0 keeps its top byte (its channels are unchanged at a share of 0).
inline __m128i mix4(__m128i px, __m128i k, __m128i ink, __m128i mixed) {
  const __m128i zero = _mm_setzero_si128();
  __m128i a = _mm_add_epi16(k, _mm_srli_epi16(k, 7));  // k + (k >> 7): 0-256
  a = _mm_unpacklo_epi16(a, a);                        // a0 a0 a1 a1 a2 a2 a3 a3
  const __m128i a01 = _mm_unpacklo_epi32(a, a), a23 = _mm_unpackhi_epi32(a, a);
  const __m128i full = _mm_set1_epi16(256);
  // Each channel (ink * a + pixel * (256 - a)) >> 8: at most 255 * 256, so 16 bits hold it.
  const auto channels = [&](__m128i p, __m128i share) {
    return _mm_srli_epi16(
        _mm_add_epi16(_mm_mullo_epi16(ink, share), _mm_mullo_epi16(p, _mm_sub_epi16(full, share))),
        8);
  };
  const __m128i out = _mm_packus_epi16(channels(_mm_unpacklo_epi8(px, zero), a01),
                                       channels(_mm_unpackhi_epi8(px, zero), a23));
  const __m128i top = _mm_set1_epi32(int(0xff000000u));
  const __m128i kept_top = _mm_andnot_si128(mixed, _mm_and_si128(px, top));
  return _mm_or_si128(_mm_andnot_si128(top, out), kept_top);
}

// The ink's channels as 16-bit lanes of two pixels (blue, green, red, 0 each).
inline __m128i ink_lanes(const Ink& ink) {
  const auto b = short(ink.rb & 0xff), g = short(ink.g >> 8), r = short(ink.rb >> 16);
  return _mm_setr_epi16(b, g, r, 0, b, g, r, 0);
}
}  // namespace simd
#endif

// px[0, n) mixed with `ink` through `coverage` at `opacity` (0-255): a pixel of coverage 0 stays
// as it is; any other mixed at share_of(coverage, opacity).
inline void mix_coverage(std::uint32_t* px, const std::uint8_t* coverage, int n, const Ink& ink,
                         int opacity) {
  int x = 0;
#if defined(__SSE2__)
  const __m128i lanes = simd::ink_lanes(ink), zero = _mm_setzero_si128();
  const __m128i op = _mm_set1_epi16(short(opacity)), half = _mm_set1_epi16(127);
  const __m128i by255 = _mm_set1_epi16(short(0x8081));  // v / 255 = (v * 0x8081) >> 23
  for (; x + 4 <= n; x += 4) {
    std::int32_t four;
    std::memcpy(&four, coverage + x, 4);
    if (four == 0) continue;
    const __m128i c = _mm_unpacklo_epi8(_mm_cvtsi32_si128(four), zero);
    const __m128i k =
        _mm_srli_epi16(_mm_mulhi_epu16(_mm_add_epi16(_mm_mullo_epi16(c, op), half), by255), 7);
    const __m128i mixed =
        _mm_xor_si128(_mm_cmpeq_epi32(_mm_unpacklo_epi16(c, zero), zero), _mm_set1_epi32(-1));
    auto* p = reinterpret_cast<__m128i*>(px + x);
    _mm_storeu_si128(p, simd::mix4(_mm_loadu_si128(p), k, lanes, mixed));
  }
#endif
  for (; x < n; ++x)
    if (coverage[x]) ink.mix(px[x], share_of(coverage[x], opacity));
}

// px[0, n) mixed with `ink` at share k, every one.
inline void mix_constant(std::uint32_t* px, int n, const Ink& ink, int k) {
  int x = 0;
#if defined(__SSE2__)
  const __m128i lanes = simd::ink_lanes(ink), share = _mm_set1_epi16(short(k));
  const __m128i all = _mm_set1_epi32(-1);
  for (; x + 4 <= n; x += 4) {
    auto* p = reinterpret_cast<__m128i*>(px + x);
    _mm_storeu_si128(p, simd::mix4(_mm_loadu_si128(p), share, lanes, all));
  }
#endif
  for (; x < n; ++x) ink.mix(px[x], k);
}

}  // namespace reachmap::detail
