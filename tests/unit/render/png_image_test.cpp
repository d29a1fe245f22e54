// png_at_most: the report's inline map, made smaller.
#include "engine/render/png_image.hpp"

#include <gtest/gtest.h>

#include "engine/render/detail/png_stream.hpp"

using namespace reachmap;

namespace {

// A w x h PNG, red left of x = w/2 and white right of it, with a black one-pixel line at x = w/4.
std::string halves(int w, int h) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 0, 0, w / 2, h);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_rectangle(cr, w / 4, 0, 1, h);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string png = detail::encode_png(s);
  cairo_surface_destroy(s);
  return png;
}

std::uint32_t pixel(cairo_surface_t* s, int x, int y) {
  cairo_surface_flush(s);
  return reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(s) +
                                                y * cairo_image_surface_get_stride(s))[x] &
         0xffffff;
}

}  // namespace

TEST(PngImage, AWideImageIsShrunkInProportionAndKeepsItsColoursAndThinLines) {
  const std::string big = halves(400, 200);
  const std::string small = png_at_most(big, 100);
  EXPECT_LT(small.size(), big.size());
  cairo_surface_t* s = detail::decode_png(small);
  ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(s), 100);
  EXPECT_EQ(cairo_image_surface_get_height(s), 50);
  EXPECT_EQ(pixel(s, 10, 25), 0xff0000u);
  EXPECT_EQ(pixel(s, 90, 25), 0xffffffu);
  // The one-pixel line at x = 100 of 400 is a quarter of pixel 25's width: there, darker red
  // (a box filter), not dropped (every fourth pixel sampled would miss it or show it black).
  const std::uint32_t line = pixel(s, 25, 25);
  EXPECT_GT(line >> 16 & 255, 100u);
  EXPECT_LT(line >> 16 & 255, 250u);
  cairo_surface_destroy(s);
}

TEST(PngImage, ANarrowImageOrOneThatIsNotAPngIsLeftAsItIs) {
  const std::string png = halves(80, 40);
  EXPECT_EQ(png_at_most(png, 100), png);
  EXPECT_EQ(png_at_most(png, 80), png);
  EXPECT_EQ(png_at_most("not a png", 100), "not a png");
}
