#include "engine/render/png_image.hpp"

#include <cmath>

#include "engine/render/detail/png_stream.hpp"

namespace reachmap {

std::string png_at_most(const std::string& png, int max_width) {
  cairo_surface_t* full = detail::decode_png(png);
  const int w = cairo_image_surface_get_width(full), h = cairo_image_surface_get_height(full);
  if (cairo_surface_status(full) != CAIRO_STATUS_SUCCESS || w <= max_width || max_width <= 0) {
    cairo_surface_destroy(full);
    return png;
  }
  const double scale = double(max_width) / w;
  const int sh = std::max(1, int(std::lround(h * scale)));
  cairo_surface_t* small =
      cairo_image_surface_create(cairo_image_surface_get_format(full), max_width, sh);
  cairo_t* cr = cairo_create(small);
  cairo_scale(cr, scale, double(sh) / h);
  cairo_set_source_surface(cr, full, 0, 0);
  // GOOD: a box filter when shrinking (pixman's separable convolution), no aliasing of
  // one-pixel outlines.
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string out = detail::encode_png(small);
  cairo_surface_destroy(small);
  cairo_surface_destroy(full);
  return out;
}

}  // namespace reachmap
