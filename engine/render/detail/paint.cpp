#include "engine/render/detail/paint.hpp"

#include <cmath>

namespace reachmap::detail {

namespace {
// Diagonal lines over the extent of the current clip.
void hatch(cairo_t* cr) {
  double x0, y0, x1, y1;
  cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
  const Rgb c = hatch_colour();
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  cairo_set_line_width(cr, 0.14);
  constexpr double kSpacing = 1.1;  // mm
  const double span = (x1 - x0) + (y1 - y0);
  // Lines x - y = const, anchored to the page so neighbouring areas' hatching lines up.
  double start = std::floor((x0 - y1) / kSpacing) * kSpacing;
  for (double d = start; d <= start + span + kSpacing; d += kSpacing) {
    cairo_move_to(cr, d + y0, y0);
    cairo_line_to(cr, d + y1, y1);
  }
  cairo_stroke(cr);
}

// Small dots: the stipple that marks zero, distinct from every class colour in greyscale too.
void stipple(cairo_t* cr) {
  double x0, y0, x1, y1;
  cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
  const Rgb c = hatch_colour();
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
  constexpr double kSpacing = 1.4;
  for (double y = std::floor(y0 / kSpacing) * kSpacing; y <= y1; y += kSpacing)
    for (double x = std::floor(x0 / kSpacing) * kSpacing; x <= x1; x += kSpacing) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, x, y, 0.17, 0, 2 * M_PI);
    }
  cairo_fill(cr);
}
}  // namespace

Rgb fill_colour(Fill fill, const Rgb& colour) {
  switch (fill) {
    case Fill::kColour:
      return colour;
    case Fill::kNoData:
      return no_data_colour();
    case Fill::kBackground:
      return background_colour();
    default:
      return Rgb{1, 1, 1};  // under a hatch or stipple
  }
}

void pattern_in_path(Canvas& canvas, Fill fill, const std::function<void()>& path) {
  if (fill != Fill::kSuppressed && fill != Fill::kZero) return;
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_new_path(cr);
  path();
  cairo_clip(cr);
  if (fill == Fill::kSuppressed)
    hatch(cr);
  else
    stipple(cr);
  cairo_restore(cr);
}

void paint_current_path(Canvas& canvas, Fill fill, const Rgb& colour,
                        const std::function<void()>& path, double outline_width) {
  cairo_t* cr = canvas.cr();
  cairo_new_path(cr);
  path();
  canvas.set_colour(fill_colour(fill, colour));
  cairo_fill_preserve(cr);
  if (fill == Fill::kSuppressed || fill == Fill::kZero) {
    pattern_in_path(canvas, fill, path);
    cairo_new_path(cr);
    path();  // the pattern used up the path: draw it again for the outline
  }
  if (outline_width <= 0) {
    cairo_new_path(cr);
    return;
  }
  canvas.set_colour(outline_colour());
  cairo_set_line_width(cr, outline_width);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
}

void append_rings(cairo_t* cr, const std::vector<Ring>& rings, const MapFrame& frame) {
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (const auto& ring : rings) {
    if (ring.size() < 3) continue;
    for (std::size_t i = 0; i < ring.size(); ++i) {
      const XY p = frame.to_page(ring[i].x, ring[i].y);
      if (i == 0)
        cairo_move_to(cr, p.x, p.y);
      else
        cairo_line_to(cr, p.x, p.y);
    }
    cairo_close_path(cr);
  }
}

void symbol_path(cairo_t* cr, Shape shape, double x, double y, double r) {
  cairo_new_path(cr);
  const double half = r * std::sqrt(M_PI) / 2;  // a square of the circle's area
  switch (shape) {
    case Shape::kCircle:
      cairo_arc(cr, x, y, r, 0, 2 * M_PI);
      break;
    case Shape::kSquare:
      cairo_rectangle(cr, x - half, y - half, 2 * half, 2 * half);
      break;
    case Shape::kDiamond: {
      const double d = half * std::sqrt(2.0);
      cairo_move_to(cr, x, y - d);
      cairo_line_to(cr, x + d, y);
      cairo_line_to(cr, x, y + d);
      cairo_line_to(cr, x - d, y);
      cairo_close_path(cr);
      break;
    }
  }
}

void point_symbol(cairo_t* cr, Shape shape, double x, double y, double r, const Rgb& colour,
                  bool outline) {
  symbol_path(cr, shape, x, y, r);
  cairo_set_source_rgba(cr, colour.r, colour.g, colour.b, kSymbolOpacity);
  if (!outline) {
    cairo_fill(cr);
    return;
  }
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_line_width(cr, 0.12);
  cairo_stroke(cr);
}

XY group_offset(int group, int groups, double r) {
  if (groups < 2) return {0, 0};
  const double angle = -M_PI / 2 + 2 * M_PI * group / groups;
  return {r * std::cos(angle), r * std::sin(angle)};
}

void centre_marker(cairo_t* cr, double x, double y, double size) {
  cairo_new_path(cr);
  cairo_move_to(cr, x, y - size * 0.6);
  cairo_line_to(cr, x + size * 0.55, y + size * 0.4);
  cairo_line_to(cr, x - size * 0.55, y + size * 0.4);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.85, 0.1, 0.35);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
}

}  // namespace reachmap::detail
