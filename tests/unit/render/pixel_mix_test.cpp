// Mixing a colour into pixels four at a time gives the same bytes as pixel by pixel
// (engine/render/detail/pixel_mix.hpp), at every share, coverage and opacity.
#include "engine/render/detail/pixel_mix.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "engine/core/rng.hpp"

using namespace reachmap;
using namespace reachmap::detail;

namespace {
std::vector<std::uint32_t> pixels(std::size_t n, std::uint64_t seed) {
  std::vector<std::uint32_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = std::uint32_t(hash_keys(seed, i));  // top byte too
  return out;
}
}  // namespace

TEST(PixelMix, EveryCoverageAtEveryOpacityAsPixelByPixel) {
  const Ink ink(200, 17, 96);
  std::vector<std::uint8_t> coverage(256 + 3);  // every value, then a tail of three
  for (std::size_t i = 0; i < coverage.size(); ++i) coverage[i] = std::uint8_t(i * 7 % 256);
  for (int opacity = 0; opacity <= 255; ++opacity) {
    auto fast = pixels(coverage.size(), std::uint64_t(opacity)), slow = fast;
    mix_coverage(fast.data(), coverage.data(), int(coverage.size()), ink, opacity);
    for (std::size_t i = 0; i < slow.size(); ++i)
      if (coverage[i]) ink.mix(slow[i], (coverage[i] * opacity + 127) / 255);
    ASSERT_EQ(fast, slow) << "opacity " << opacity;
  }
}

TEST(PixelMix, EveryShareAndLengthAsPixelByPixel) {
  const Ink ink(3, 250, 128);
  for (int k = 0; k <= 255; ++k)
    for (int n = 0; n <= 11; ++n) {
      auto fast = pixels(std::size_t(n), std::uint64_t(k * 16 + n)), slow = fast;
      mix_constant(fast.data(), n, ink, k);
      for (auto& px : slow) ink.mix(px, k);
      ASSERT_EQ(fast, slow) << "share " << k << ", " << n << " pixels";
    }
}

// A pixel the coverage leaves at 0 is not touched at all, its unused top byte included.
TEST(PixelMix, NoCoverageLeavesThePixelAsItIs) {
  const Ink ink(255, 255, 255);
  std::vector<std::uint32_t> px = {0xff123456u, 0xaa654321u, 0x01020304u, 0xffffffffu};
  const std::vector<std::uint8_t> none(4, 0);
  const auto before = px;
  mix_coverage(px.data(), none.data(), 4, ink, 255);
  EXPECT_EQ(px, before);
}
