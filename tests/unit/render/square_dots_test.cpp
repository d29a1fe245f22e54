// A chart's dots as one image (the report's funnel plot of a national layer): each square where
// its point is, filled in its group's colour, outlined, the later groups on top, nothing else.
#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "engine/render/funnel_plot.hpp"

using namespace reachmap;

namespace {

struct Image {
  cairo_surface_t* s;
  explicit Image(const std::string& png) {
    struct Reader {
      const std::string& bytes;
      std::size_t at = 0;
    } reader{png};
    s = cairo_image_surface_create_from_png_stream(
        [](void* r, unsigned char* data, unsigned int length) {
          auto& rd = *static_cast<Reader*>(r);
          if (rd.at + length > rd.bytes.size()) return CAIRO_STATUS_READ_ERROR;
          std::memcpy(data, rd.bytes.data() + rd.at, length);
          rd.at += length;
          return CAIRO_STATUS_SUCCESS;
        },
        &reader);
  }
  ~Image() { cairo_surface_destroy(s); }
  int width() const { return cairo_image_surface_get_width(s); }
  int height() const { return cairo_image_surface_get_height(s); }
  std::uint32_t at(int x, int y) const {  // ARGB32
    const unsigned char* row =
        cairo_image_surface_get_data(s) + std::ptrdiff_t(y) * cairo_image_surface_get_stride(s);
    return reinterpret_cast<const std::uint32_t*>(row)[x];
  }
};

}  // namespace

TEST(SquareDots, EachGroupsSquaresWhereTheirPointsAreLaterGroupsOnTop) {
  // Units of 3 pixels: a 100 x 50 chart is 300 x 150 pixels; squares of 4 units (12 pixels)
  // with outlines of 2 (6 pixels, half inside): red at 24-36 and 144-156, blue at 153-165.
  const std::vector<DotGroup> groups = {{Rgb::hex(0xff0000), {{10, 10}, {50, 25}}},
                                        {Rgb::hex(0x0000ff), {{53, 25}}}};
  const Image image(square_dots_png(groups, 4, Rgb::hex(0x000000), 2, 100, 50, 3));
  ASSERT_EQ(cairo_surface_status(image.s), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(image.width(), 300);
  EXPECT_EQ(image.height(), 150);
  EXPECT_EQ(image.at(30, 30), 0xffff0000u) << "the first red square, filled";
  EXPECT_EQ(image.at(148, 75), 0xffff0000u) << "the second red square, left of the blue";
  EXPECT_EQ(image.at(158, 75), 0xff0000ffu) << "the blue square over the red one's outline";
  EXPECT_EQ(image.at(30, 23), 0xff000000u) << "an outline along the top of the first square";
  EXPECT_EQ(image.at(200, 100) >> 24, 0u) << "nothing drawn: transparent";
  EXPECT_EQ(image.at(30, 60) >> 24, 0u);
}
