// write_rgb_png: a page's pixels as a PNG that libpng reads back pixel for pixel (its chunks'
// CRCs and the zlib stream checked on the way), marked with the page's resolution.
#include "engine/render/detail/png_writer.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {

// Pixels no filter or match makes trivial: a gradient, noise from a fixed sequence, and a block
// of one colour (long matches), `w` wide and `h` high (several of the writer's blocks of rows).
std::vector<std::uint32_t> test_page(int w, int h) {
  std::vector<std::uint32_t> px(std::size_t(w) * std::size_t(h));
  std::uint32_t state = 12345;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      state = state * 1664525u + 1013904223u;
      std::uint32_t& p = px[std::size_t(y) * std::size_t(w) + std::size_t(x)];
      if (x < w / 3)
        p = std::uint32_t(x * 255 / w) << 16 | std::uint32_t(y * 255 / h) << 8 | 0x40;
      else if (x < 2 * w / 3)
        p = state >> 8;
      else
        p = 0x2c7fb8;
      p |= 0xff000000u;  // opaque; the writer ignores the top byte
    }
  return px;
}

}  // namespace

TEST(PngWriter, LibpngReadsBackEveryPixel) {
  testsupport::TempDir dir("pngw");
  const int w = 1003, h = 517;  // odd sizes; 517 rows are three of the writer's blocks
  const std::vector<std::uint32_t> px = test_page(w, h);
  const std::string path = dir / "page.png";
  ASSERT_TRUE(detail::write_rgb_png(reinterpret_cast<const unsigned char*>(px.data()), w, h, w * 4,
                                    300, path));
  cairo_surface_t* back = cairo_image_surface_create_from_png(path.c_str());
  ASSERT_EQ(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
  ASSERT_EQ(cairo_image_surface_get_width(back), w);
  ASSERT_EQ(cairo_image_surface_get_height(back), h);
  const unsigned char* data = cairo_image_surface_get_data(back);
  const int stride = cairo_image_surface_get_stride(back);
  std::size_t wrong = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::uint32_t got = reinterpret_cast<const std::uint32_t*>(data + y * stride)[x];
      wrong +=
          (got & 0xffffff) != (px[std::size_t(y) * std::size_t(w) + std::size_t(x)] & 0xffffff);
    }
  cairo_surface_destroy(back);
  EXPECT_EQ(wrong, 0u);

  // 300 dpi is 11,811 dots per metre, in the pHYs chunk.
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = bytes.find("pHYs");
  ASSERT_NE(at, std::string::npos);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + at + 4);
  EXPECT_EQ(std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3],
            11811u);
  EXPECT_EQ(p[8], 1) << "unit: the metre";

  // The same pixels, the same bytes.
  const std::string again = dir / "again.png";
  ASSERT_TRUE(detail::write_rgb_png(reinterpret_cast<const unsigned char*>(px.data()), w, h, w * 4,
                                    300, again));
  std::ifstream in2(again, std::ios::binary);
  EXPECT_EQ(bytes,
            std::string((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>()));
}

TEST(PngWriter, AFolderThatIsNotThereIsAFailure) {
  const std::uint32_t px[4] = {0, 0, 0, 0};
  EXPECT_FALSE(detail::write_rgb_png(reinterpret_cast<const unsigned char*>(px), 2, 2, 8, 300,
                                     "/nonexistent-folder/page.png"));
}
