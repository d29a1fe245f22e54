// Drawing straight into a PNG page's pixels where Cairo's cost per call dominates a national
// map: a layer's area outlines, stroked once and reused by every map of that layer (public and
// staff), and the families map's symbols, stamped from sprites instead of filled one by one.
// Vector pages (SVG, PDF) keep Cairo's paths: there a path costs nothing to record.
#pragma once

#include <cairo.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "engine/render/map_model.hpp"

namespace reachmap::detail {

// How much of each pixel a shape covers (0-255), on a w x h grid placed at (x0, y0) on the page.
struct Coverage {
  int x0 = 0, y0 = 0, w = 0, h = 0;
  std::vector<std::uint8_t> alpha;  // row-major, w x h
};

// A box of pixels: [x0, x1) x [y0, y1).
struct PixelBox {
  int x0, y0, x1, y1;
};

// Paints `colour` at `opacity` through `cov`, moved by (dx, dy) pixels, onto an RGB24 image
// surface: what Cairo's OVER of that colour through that mask gives, to within a unit of 255.
// Only pixels inside `clip` (and the surface) change. Call cairo_surface_flush before and
// cairo_surface_mark_dirty after.
void blend(cairo_surface_t* page, const Coverage& cov, int dx, int dy, const Rgb& colour,
           double opacity, const PixelBox& clip);

// Where the page's pixels are: its size and its transform from millimetres (Canvas's).
struct PixelGrid {
  int width = 0, height = 0;
  double px_per_mm = 1;
};

// The outlines of every area with rings, stroked `width_mm` wide with round joins and clipped
// to the map's box (mm), as Cairo would stroke them area by area. Computed once per content
// (rings, frame, width, grid, box) and kept for the maps that follow: the first map of a layer
// pays, the others reuse it. Safe to call from several threads.
std::shared_ptr<const Coverage> area_outlines(const std::vector<MapArea>& areas,
                                              const MapFrame& frame, double width_mm,
                                              const PixelGrid& grid,
                                              const std::array<double, 4>& box_mm);

// Which area each pixel of the map's box belongs to: 0 none, else the area's index + 1 (the area
// its centre falls in, as Cairo fills without antialiasing). Computed once per content (rings,
// frame, grid, box) and kept, as the outlines are: every later map of the layer colours its
// areas by a look-up per pixel instead of filling 34,753 paths (a third of a second a national
// map). The outlines drawn over them give the boundaries their smooth edge. Safe to call from
// several threads.
struct Owners {
  int x0 = 0, y0 = 0, w = 0, h = 0;
  std::vector<std::uint32_t> id;  // row-major, w x h
};
std::shared_ptr<const Owners> area_owners(const std::vector<MapArea>& areas, const MapFrame& frame,
                                          const PixelGrid& grid,
                                          const std::array<double, 4>& box_mm);

// append_rings (paint.hpp) without the vertices closer than `step_mm` to the last one kept
// (each ring's last is kept): the pixels' owners and the outlines take their rings so at half a
// pixel. A national layer has many vertices to a pixel at 300 dpi; they cost the filler and
// the stroker a third of their time, and no boundary moves by more than half a pixel.
inline constexpr double kThinPixels = 0.5;
void append_thinned(cairo_t* cr, const std::vector<Ring>& rings, const MapFrame& frame,
                    double step_mm);

// How many owners and outlines have been worked out in this process (not taken from the
// cache): for tests that a page took what was made for it.
std::size_t raster_contents_made();

// The RGB24 pixel Cairo paints an opaque colour as (its channels to 16 bits, then 8).
std::uint32_t cairo_pixel(const Rgb& c);

// Paints every pixel of `owners` with an owner in pixels[id] (0x00RRGGBB), onto an RGB24 image
// surface; pixels of no area are left as they are. Call cairo_surface_flush before and
// cairo_surface_mark_dirty after.
void paint_owners(cairo_surface_t* page, const Owners& owners,
                  const std::vector<std::uint32_t>& pixels);

// A disc of radius r (mm) centred at (x, y) (mm), filled with `fill` at `fill_opacity` and
// edged `line_mm` wide in `line`, clipped to `clip_mm`: a proportional symbol, as Cairo's fill
// and stroke of an arc would draw it (coverage from each pixel centre's distance to the edge).
void disc(cairo_surface_t* page, double px_per_mm, const std::array<double, 4>& clip_mm, double x,
          double y, double r, const Rgb& fill, double fill_opacity, const Rgb& line,
          double line_mm);

// Filled symbols (no outline) stamped from sprites rendered by Cairo at a quarter-pixel of
// offset: a national families map has millions, and a sprite is a copy where a Cairo fill is a
// path, a polygon and a scan conversion. One per page; not shared between threads.
class SymbolStamps {
 public:
  // Symbols are clipped to `clip_mm` (x0, y0, x1, y1 on the page), the map's frame.
  SymbolStamps(double px_per_mm, const std::array<double, 4>& clip_mm);
  // A symbol of radius r (mm) centred at (x, y) (mm), in `colour` at `opacity`.
  void stamp(cairo_surface_t* page, Shape shape, double x, double y, double r, const Rgb& colour,
             double opacity);

 private:
  const Coverage& sprite(Shape shape, double r, int phase_x, int phase_y);
  double px_per_mm_;
  PixelBox clip_;
  std::map<std::tuple<int, double, int, int>, Coverage> sprites_;
};

}  // namespace reachmap::detail
