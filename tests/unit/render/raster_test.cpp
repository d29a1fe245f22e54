// Drawing into a PNG page's pixels (engine/render/detail/raster): each shortcut must draw what
// Cairo draws, to within antialiasing, and the outlines must be stroked once per content.
#include "engine/render/detail/raster.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "engine/render/detail/canvas.hpp"
#include "engine/render/detail/paint.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::detail;

namespace {

constexpr double kPxPerMm = 300 / 25.4;

// A white RGB24 page of w x h pixels, in millimetres like a Canvas.
struct Page {
  cairo_surface_t* s;
  cairo_t* cr;
  Page(int w, int h)
      : s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)), cr(cairo_create(s)) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, kPxPerMm, kPxPerMm);
    cairo_surface_flush(s);
  }
  ~Page() {
    cairo_destroy(cr);
    cairo_surface_destroy(s);
  }
  std::uint32_t at(int x, int y) const {
    return reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(s) +
                                                  y * cairo_image_surface_get_stride(s))[x] &
           0xffffff;
  }
};

// The largest difference of any channel of any pixel, and the mean over all channels.
std::pair<int, double> difference(const Page& a, const Page& b) {
  int worst = 0;
  double sum = 0;
  const int w = cairo_image_surface_get_width(a.s), h = cairo_image_surface_get_height(a.s);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int shift : {0, 8, 16}) {
        const int d = std::abs(int(a.at(x, y) >> shift & 255) - int(b.at(x, y) >> shift & 255));
        worst = std::max(worst, d);
        sum += d;
      }
  return {worst, sum / (3.0 * w * h)};
}

const std::array<double, 4> kWholePage{0, 0, 1000, 1000};

// A default page framing 2000 x 1000 map units (two squares side by side), at a quarter of
// 300 dpi, and its map box.
struct TwoSquaresPage {
  PageLayout layout;
  MapFrame frame{extent(), layout};
  PixelGrid grid{int(layout.width * kPxPerMm / 4), int(layout.height* kPxPerMm / 4), kPxPerMm / 4};
  std::array<double, 4> box{layout.map_x, layout.map_y, layout.map_x + layout.map_w,
                            layout.map_y + layout.map_h};
  static Envelope extent() {
    Envelope e;
    e.add(0, 0);
    e.add(2000, 1000);
    return e;
  }
};

}  // namespace

TEST(Raster, BlendPaintsTheColourWhereCoveredAndNothingElse) {
  Page page(4, 1);
  Coverage cov{1, 0, 3, 1, {255, 128, 0}};
  cairo_surface_flush(page.s);
  blend(page.s, cov, 0, 0, Rgb::hex(0x204080), 1.0, {0, 0, 4, 1});
  EXPECT_EQ(page.at(0, 0), 0xffffffu);                          // left of the coverage
  EXPECT_EQ(page.at(1, 0), 0x204080u);                          // fully covered: the colour exactly
  EXPECT_NEAR(int(page.at(2, 0) >> 16), (0x20 + 0xff) / 2, 1);  // half covered: halfway
  EXPECT_EQ(page.at(3, 0), 0xffffffu);                          // not covered
  // Moved one pixel right and clipped before the last pixel: full at 2, nothing at 3.
  blend(page.s, cov, 1, 0, Rgb::hex(0x000000), 1.0, {0, 0, 3, 1});
  EXPECT_EQ(page.at(2, 0), 0u);
  EXPECT_EQ(page.at(3, 0), 0xffffffu);
}

TEST(Raster, DiscDrawsWhatCairosFillAndStrokeOfACircleDraw) {
  Page ours(240, 240), cairo(240, 240);
  const Rgb fill{0.90, 0.33, 0.05}, line{0.35, 0.12, 0.0};
  // Overlapping discs of several sizes at fractional positions, one half out of the page.
  const double discs[][3] = {{8.3, 9.1, 4.0}, {12.7, 11.2, 2.5}, {5.05, 14.6, 0.6}, {19.8, 3.3, 3}};
  for (const auto& d : discs) {
    disc(ours.s, kPxPerMm, kWholePage, d[0], d[1], d[2], fill, 0.72, line, 0.18);
    cairo_new_path(cairo.cr);
    cairo_arc(cairo.cr, d[0], d[1], d[2], 0, 2 * M_PI);
    cairo_set_source_rgba(cairo.cr, fill.r, fill.g, fill.b, 0.72);
    cairo_fill_preserve(cairo.cr);
    cairo_set_source_rgb(cairo.cr, line.r, line.g, line.b);
    cairo_set_line_width(cairo.cr, 0.18);
    cairo_stroke(cairo.cr);
  }
  cairo_surface_flush(cairo.s);
  const auto [worst, mean] = difference(ours, cairo);
  EXPECT_LT(worst, 100);  // an antialiased edge pixel, a little more or less covered
  EXPECT_LT(mean, 0.5);   // and on average nothing to see
  // Inside the big disc, away from every edge: the fill at its opacity over white.
  EXPECT_EQ(ours.at(int(7.0 * kPxPerMm), int(9.1 * kPxPerMm)),
            cairo.at(int(7.0 * kPxPerMm), int(9.1 * kPxPerMm)));
}

TEST(Raster, StampedSymbolsDrawWhatCairosFillsDraw) {
  Page ours(300, 200), cairo(300, 200);
  SymbolStamps stamps(kPxPerMm, kWholePage);
  const Rgb colour = Rgb::hex(0xd95f02);
  int k = 0;
  for (Shape shape : {Shape::kCircle, Shape::kSquare, Shape::kDiamond})
    for (double r : {0.55, 0.95, 1.7}) {
      const double x = 3 + 5.13 * k, y = 4 + 2.71 * (k % 4);
      ++k;
      stamps.stamp(ours.s, shape, x, y, r, colour, kSymbolOpacity);
      stamps.stamp(ours.s, shape, x + 0.31, y + 0.77, r, colour, kSymbolOpacity);  // overlapping
      point_symbol(cairo.cr, shape, x, y, r, colour, false);
      point_symbol(cairo.cr, shape, x + 0.31, y + 0.77, r, colour, false);
    }
  cairo_surface_flush(cairo.s);
  const auto [worst, mean] = difference(ours, cairo);
  EXPECT_LT(worst, 140);  // a quarter of a pixel off at an edge
  EXPECT_LT(mean, 0.6);
}

TEST(Raster, OutlinesAreStrokedOncePerContentAndMatchCairosStroke) {
  MapArea a, b;
  a.rings = std::vector<Ring>{{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}}};
  b.rings = std::vector<Ring>{{{1000, 0}, {2000, 0}, {2000, 1000}, {1000, 1000}, {1000, 0}}};
  const std::vector<MapArea> areas{a, b};
  const TwoSquaresPage squares;
  const MapFrame& frame = squares.frame;
  const PixelGrid& grid = squares.grid;
  const std::array<double, 4>& box = squares.box;
  const auto first = area_outlines(areas, frame, 0.3, grid, box);
  EXPECT_EQ(area_outlines(areas, frame, 0.3, grid, box), first);  // the same: reused
  EXPECT_NE(area_outlines(areas, frame, 0.2, grid, box), first);  // another width
  std::vector<MapArea> moved = areas;
  std::vector<Ring> rings = moved[1].rings;
  rings[0][2].x += 1;
  moved[1].rings = rings;
  EXPECT_NE(area_outlines(moved, frame, 0.3, grid, box), first);  // another vertex

  // What Cairo's strokes of the two squares give (0.8 of the width: see raster.cpp).
  cairo_surface_t* a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, grid.width, grid.height);
  cairo_t* cr = cairo_create(a8);
  cairo_scale(cr, grid.px_per_mm, grid.px_per_mm);
  cairo_set_line_width(cr, 0.3 * 0.8);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const auto& area : areas) {
    append_rings(cr, area.rings, frame);
    cairo_stroke(cr);
  }
  cairo_surface_flush(a8);
  int covered = 0;
  for (int y = 0; y < first->h; ++y)
    for (int x = 0; x < first->w; ++x) {
      const int want = cairo_image_surface_get_data(
          a8)[(first->y0 + y) * cairo_image_surface_get_stride(a8) + first->x0 + x];
      ASSERT_EQ(first->alpha[std::size_t(y * first->w + x)], want) << x << "," << y;
      covered += want > 0;
    }
  EXPECT_GT(covered, 100);
  cairo_destroy(cr);
  cairo_surface_destroy(a8);
}

// The owners and outlines take their rings thinned to a vertex every half pixel: a circle with
// a vertex every tenth of a pixel keeps at most one in five of them, and its outlines are what
// Cairo strokes of all of them to within a few levels.
TEST(Raster, ThinnedRingsKeepAVertexEveryHalfPixelAndTheOutlinesTheyHad) {
  const TwoSquaresPage squares;
  const MapFrame& frame = squares.frame;
  const PixelGrid& grid = squares.grid;
  const double units_per_px = 1 / (frame.to_page(1, 0).x - frame.to_page(0, 0).x) / grid.px_per_mm;
  const double radius = 400, circumference_px = 2 * M_PI * radius / units_per_px;
  Ring dense;  // a vertex every tenth of a pixel
  const int n = int(circumference_px * 10);
  for (int i = 0; i < n; ++i)
    dense.push_back(
        {1000 + radius * std::cos(2 * M_PI * i / n), 500 + radius * std::sin(2 * M_PI * i / n)});
  dense.push_back(dense.front());

  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_A8, 8, 8);
  cairo_t* cr = cairo_create(s);
  append_thinned(cr, {dense}, frame, kThinPixels / grid.px_per_mm);
  cairo_path_t* path = cairo_copy_path(cr);
  double points = 0;
  for (int i = 0; i < path->num_data; i += path->data[i].header.length)
    points += path->data[i].header.type == CAIRO_PATH_LINE_TO;
  cairo_path_destroy(path);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  // At most one a half pixel; at least one a pixel (Cairo merges segments that turn by less
  // than its fixed point resolves, so fewer than the thinning kept show in its path).
  EXPECT_LE(points, circumference_px / kThinPixels + 1);
  EXPECT_GE(points, circumference_px);

  // The outlines are Cairo's stroke of the thinned ring, and close to its stroke of every
  // vertex (0.8 of the width: see raster.cpp).
  MapArea circle;
  circle.rings = std::vector<Ring>{dense};
  const auto thinned = area_outlines({circle}, frame, 0.3, grid, squares.box);
  const auto stroked = [&](bool thin) {
    cairo_surface_t* a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, grid.width, grid.height);
    cairo_t* c = cairo_create(a8);
    cairo_scale(c, grid.px_per_mm, grid.px_per_mm);
    cairo_set_line_width(c, 0.3 * 0.8);
    cairo_set_line_join(c, CAIRO_LINE_JOIN_ROUND);
    if (thin)
      append_thinned(c, circle.rings, frame, kThinPixels / grid.px_per_mm);
    else
      append_rings(c, circle.rings, frame);
    cairo_stroke(c);
    cairo_destroy(c);
    cairo_surface_flush(a8);
    std::vector<int> alpha;
    for (int y = 0; y < thinned->h; ++y)
      for (int x = 0; x < thinned->w; ++x)
        alpha.push_back(cairo_image_surface_get_data(
            a8)[(thinned->y0 + y) * cairo_image_surface_get_stride(a8) + thinned->x0 + x]);
    cairo_surface_destroy(a8);
    return alpha;
  };
  const std::vector<int> exact = stroked(true), every = stroked(false);
  int worst = 0, covered = 0;
  double sum = 0;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    ASSERT_EQ(int(thinned->alpha[i]), exact[i]) << i;
    const int d = std::abs(exact[i] - every[i]);
    worst = std::max(worst, d);
    sum += d;
    covered += every[i] > 0;
  }
  EXPECT_GT(covered, 1000);
  EXPECT_LE(worst, 40);
  EXPECT_LT(sum / covered, 4);
}

// A PNG page's pixels come from the pages drawn before (canvas.cpp's pool: a fresh 35 MB
// block a national map is the kernel's to zero): the next page of the size takes the last one's
// block, and starts white whatever the last one drew.
TEST(Raster, APngPageTakesTheLastPagesPixelsAndStartsWhite) {
  testsupport::TempDir dir("canvas");
  const unsigned char* first = nullptr;
  {
    Canvas page(SurfaceKind::kPng, dir / "a.png", 50, 40, 100);
    first = cairo_image_surface_get_data(page.surface());
    cairo_set_source_rgb(page.cr(), 0, 0, 0);
    cairo_paint(page.cr());
    page.finish();
  }
  Canvas next(SurfaceKind::kPng, dir / "b.png", 50, 40, 100);
  cairo_surface_flush(next.surface());
  EXPECT_EQ(cairo_image_surface_get_data(next.surface()), first);
  const int w = cairo_image_surface_get_width(next.surface()),
            h = cairo_image_surface_get_height(next.surface()),
            stride = cairo_image_surface_get_stride(next.surface());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint32_t px;
      std::memcpy(&px, cairo_image_surface_get_data(next.surface()) + y * stride + 4 * x, 4);
      ASSERT_EQ(px & 0xffffff, 0xffffffu) << x << "," << y;
    }
}

TEST(Raster, CairoPixelIsWhatCairoPaintsAnOpaqueColourAs) {
  Page page(1, 1);
  for (const Rgb& c : {Rgb{1, 1, 1}, Rgb{0, 0, 0}, Rgb::hex(0xbdbdbd), Rgb::hex(0xf4f4f4),
                       Rgb{0.45 + 0.55 * 0.2, 0.45 + 0.55 * 0.7, 0.45}, Rgb{0.123, 0.5, 0.999},
                       Rgb{100.5 / 255, 50.5 / 255, 20.5 / 255}}) {  // halves round down
    cairo_set_source_rgb(page.cr, c.r, c.g, c.b);
    cairo_paint(page.cr);
    cairo_surface_flush(page.s);
    EXPECT_EQ(cairo_pixel(c), page.at(0, 0)) << c.to_hex();
  }
}

TEST(Raster, OwnersSayWhichAreaEachPixelIsInAndAreWorkedOutOncePerContent) {
  // Two squares side by side; the first with a hole that a third area fills.
  MapArea a, b, c;
  a.rings = std::vector<Ring>{{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}},
                              {{400, 400}, {600, 400}, {600, 600}, {400, 600}, {400, 400}}};
  b.rings = std::vector<Ring>{{{1000, 0}, {2000, 0}, {2000, 1000}, {1000, 1000}, {1000, 0}}};
  c.rings = std::vector<Ring>{{{400, 400}, {600, 400}, {600, 600}, {400, 600}, {400, 400}}};
  const std::vector<MapArea> areas{a, b, MapArea{}, c};  // the third has no rings
  const TwoSquaresPage squares;
  const MapFrame& frame = squares.frame;
  const PixelGrid& grid = squares.grid;
  const std::array<double, 4>& box = squares.box;
  const auto owners = area_owners(areas, frame, grid, box);
  EXPECT_EQ(area_owners(areas, frame, grid, box), owners);  // the same: reused
  const auto owner_at = [&](double x, double y) {
    const XY p = frame.to_page(x, y);
    const int px = int(std::floor(p.x * grid.px_per_mm)) - owners->x0,
              py = int(std::floor(p.y * grid.px_per_mm)) - owners->y0;
    return owners->id[std::size_t(py) * std::size_t(owners->w) + std::size_t(px)];
  };
  EXPECT_EQ(owner_at(200, 200), 1u);
  EXPECT_EQ(owner_at(800, 900), 1u);
  EXPECT_EQ(owner_at(500, 500), 4u);  // in the hole: the fourth area
  EXPECT_EQ(owner_at(1500, 500), 2u);
  EXPECT_EQ(owner_at(2100, 500), 0u);  // outside every area
  std::size_t counts[5] = {};
  for (std::uint32_t id : owners->id) ++counts[std::min<std::uint32_t>(id, 4)];
  EXPECT_EQ(counts[3], 0u);
  // The hole is a twenty-fifth of the first square, less its edge pixels.
  EXPECT_NEAR(double(counts[4]) / double(counts[1] + counts[4]), 0.04, 0.01);
  EXPECT_NEAR(double(counts[2]) / double(counts[1] + counts[4]), 1.0, 0.02);

  // Painting: each owned pixel takes its area's pixel, the rest stay white.
  Page page(grid.width, grid.height);
  const std::vector<std::uint32_t> pixels{0, 0x112233, 0x445566, 0x778899, 0xaabbcc};
  paint_owners(page.s, *owners, pixels);
  for (int y = 0; y < owners->h; ++y)
    for (int x = 0; x < owners->w; ++x) {
      const std::uint32_t id = owners->id[std::size_t(y * owners->w + x)];
      ASSERT_EQ(page.at(owners->x0 + x, owners->y0 + y), id ? pixels[id] : 0xffffffu)
          << x << "," << y;
    }
}
