// The legend panel: classes (unambiguous at their edges), zero, suppressed and no data; symbol
// sizes; centres; then a north arrow and a round scale bar at the bottom of the panel.
#include <algorithm>
#include <cmath>
#include <functional>

#include "engine/render/detail/paint.hpp"
#include "engine/render/detail/panel.hpp"
#include "engine/render/scale_bar.hpp"

namespace reachmap::detail {

namespace {
constexpr double kSwatchW = 7, kSwatchH = 4.5, kLabelPt = 8, kRowGap = 1.6;

double max_value(const MapData& map) {
  double m = 0;
  for (const auto& a : map.areas)
    if (a.value) m = std::max(m, *a.value);
  for (const auto& p : map.points) m = std::max(m, p.value);
  return m;
}

// Largest 1-2-5 number not above v.
double nice_floor(double v) {
  if (v <= 0) return 0;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {5.0, 2.0, 1.0})
    if (m * p <= v) return m * p;
  return p;
}

double swatch_row(Canvas& c, double x, double y, Fill fill, const Rgb& colour,
                  const std::string& label, double width) {
  // A slightly heavier outline than the map's areas (so every area is one SVG path of its own).
  paint_current_path(
      c, fill, colour, [&] { cairo_rectangle(c.cr(), x, y, kSwatchW, kSwatchH); }, 0.2);
  const double h = c.text(x + kSwatchW + 2.5, y + kSwatchH / 2 - 1.6, label, kLabelPt, false,
                          Rgb{0.1, 0.1, 0.1}, width - kSwatchW - 2.5);
  return std::max(kSwatchH, h) + kRowGap;
}

// Circles in a row, largest first, on a shared baseline, each labelled beneath; returns the y
// below the key.
double size_key(Canvas& c, const std::vector<double>& sizes,
                const std::function<double(double)>& radius, double x, double y, Rgb colour) {
  double rmax = 0;
  for (double v : sizes) rmax = std::max(rmax, radius(v));
  const double base = y + 2 * std::max(rmax, 1.5);
  double cx = x;
  for (double v : sizes) {
    const double r = radius(v);
    const std::string label = legend_number(v, false, 0);
    const auto [tw, th] = c.measure(label, kLabelPt);
    const double slot = std::max(2 * r, tw) + 4;
    cairo_new_path(c.cr());
    cairo_arc(c.cr(), cx + slot / 2, base - r, r, 0, 2 * M_PI);
    cairo_set_source_rgba(c.cr(), colour.r, colour.g, colour.b, 0.72);
    cairo_fill_preserve(c.cr());
    cairo_set_source_rgb(c.cr(), 0.2, 0.2, 0.2);
    cairo_set_line_width(c.cr(), 0.18);
    cairo_stroke(c.cr());
    c.text(cx + slot / 2 - tw / 2, base + 1, label, kLabelPt);
    cx += slot;
    (void)th;
  }
  return base + 8;
}

// The families map's kinds of children (a symbol each) and what a symbol's size means.
double families_key(Canvas& c, const MapData& map, double x, double y, double w) {
  for (const PointGroup& g : map.point_groups) {
    point_symbol(c.cr(), g.shape, x + kSwatchW / 2, y + kSwatchH / 2, 1.6, g.colour);
    y += std::max(kSwatchH, c.text(x + kSwatchW + 2.5, y + kSwatchH / 2 - 1.6, g.label, kLabelPt,
                                   false, Rgb{0.1, 0.1, 0.1}, w - kSwatchW - 2.5)) +
         kRowGap;
  }
  y += c.text(x, y, "Children at the postcode (symbol area):", kLabelPt, false, Rgb{0.1, 0.1, 0.1},
              w) +
       0.5;
  return size_key(c, {10, 3, 1}, family_radius, x, y, Rgb{0.6, 0.6, 0.6});
}

void north_arrow(cairo_t* cr, double x, double y, double h) {
  cairo_new_path(cr);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + h * 0.3, y + h);
  cairo_line_to(cr, x, y + h * 0.75);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_fill(cr);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x - h * 0.3, y + h);
  cairo_line_to(cr, x, y + h * 0.75);
  cairo_close_path(cr);
  cairo_set_line_width(cr, 0.25);
  cairo_stroke(cr);
}
}  // namespace

double symbol_radius(double value, double max_value) {
  return max_value > 0 ? kMaxSymbolRadius * std::sqrt(std::max(0.0, value) / max_value) : 0;
}

double family_radius(double children) {
  return 0.55 * std::sqrt(std::max(1.0, children));
}

void draw_panel(Canvas& c, const MapData& map, const PageLayout& page, const MapFrame& frame) {
  const double x = page.panel_x, w = page.panel_w;
  double y = page.panel_y;
  y += c.text(x, y, map.legend_title, 9.5, true, Rgb{0.1, 0.1, 0.1}, w) + 2.5;
  bool any_suppressed = false, any_no_data = false, any_zero = false;
  std::vector<bool> used(map.categories.size(), false);
  for (const auto& a : map.areas) {
    any_suppressed |= a.suppressed;
    if (map.kind == MapKind::kCategories) {
      any_no_data |= !a.suppressed && a.category < 0;
      if (a.category >= 0) used[static_cast<std::size_t>(a.category)] = true;
      continue;
    }
    any_no_data |= !a.suppressed && !a.value;
    any_zero |= a.value && *a.value == 0;
  }
  if (map.kind == MapKind::kCategories) {
    for (std::size_t i = 0; i < map.categories.size(); ++i)
      if (used[i] || map.legend_every_category)
        y += swatch_row(c, x, y, Fill::kColour, map.categories[i].colour,
                        map.categories[i].legend_text(), w);
  } else if (map.kind == MapKind::kChoropleth || map.kind == MapKind::kFamilies) {
    for (int i = 0; i < map.classes.count(); ++i)
      y += swatch_row(c, x, y, Fill::kColour, map.colours[static_cast<std::size_t>(i)],
                      class_label(map.classes, i, map.percent), w);
    if (any_zero && map.classes.count() > 0)
      y += swatch_row(c, x, y, Fill::kZero, {}, zero_label(map), w);
  }
  if (map.kind == MapKind::kFamilies) {
    if (page.list_y >= 0)  // portrait: the key of symbols beside the classes
      families_key(c, map, page.list_x, page.list_y, page.list_w);
    else
      y = families_key(c, map, x, y + 2, w);
  }
  if (map.kind == MapKind::kSymbols) {
    const double vmax = max_value(map);
    std::vector<double> sizes;
    for (double v : {nice_floor(vmax), nice_floor(vmax / 3), nice_floor(vmax / 10)})
      if (v > 0 && std::find(sizes.begin(), sizes.end(), v) == sizes.end()) sizes.push_back(v);
    y = size_key(
        c, sizes, [&](double v) { return symbol_radius(v, vmax); }, x, y, Rgb{0.90, 0.33, 0.05});
    if (any_zero) y += c.text(x, y, "0: no circle", kLabelPt) + kRowGap;
  }
  if (any_suppressed) y += swatch_row(c, x, y, Fill::kSuppressed, {}, map.suppressed_label, w);
  if (any_no_data) y += swatch_row(c, x, y, Fill::kNoData, {}, no_data_label(), w);
  if (!map.outlines.empty()) {
    cairo_t* cr = c.cr();
    cairo_new_path(cr);
    cairo_move_to(cr, x, y + kSwatchH / 2);
    cairo_line_to(cr, x + kSwatchW, y + kSwatchH / 2);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, kHigherOutlineWidth);
    cairo_stroke(cr);
    y += std::max(kSwatchH, c.text(x + kSwatchW + 2.5, y + kSwatchH / 2 - 1.6, map.outlines_label,
                                   kLabelPt, false, Rgb{0.1, 0.1, 0.1}, w - kSwatchW - 2.5)) +
         kRowGap;
  }
  if (!map.centres.empty()) {
    centre_marker(c.cr(), x + kSwatchW / 2, y + kSwatchH / 2, kCentreMarkerSize);
    y += std::max(kSwatchH, c.text(x + kSwatchW + 2.5, y + kSwatchH / 2 - 1.6,
                                   "children's centre / family hub", kLabelPt, false,
                                   Rgb{0.1, 0.1, 0.1}, w - kSwatchW - 2.5)) +
         kRowGap;
  }

  // The outreach list beside the map: rank, name, children not seen, reach with interval.
  if (!map.ranked.empty()) {
    double lx = x, lw = w;
    if (page.list_y >= 0) {
      lx = page.list_x;
      lw = page.list_w;
      y = page.list_y;
    } else {
      y += 3;
    }
    y += c.text(lx, y, map.ranked_title, 8.5, true, Rgb{0.1, 0.1, 0.1}, lw) + 1.5;
    for (const auto& r : map.ranked) {
      const std::string n = std::to_string(r.rank) + ".";
      c.text(lx, y, n, 6.5, true);
      y += c.text(lx + 5, y, r.line, 6.5, false, Rgb{0.1, 0.1, 0.1}, lw - 5) + 0.8;
    }
  }

  // North arrow and scale bar, at the bottom of the panel.
  // On a portrait page the columns below the map are short: the arrow and bar go in the map
  // body's lower left corner, which a tall extent leaves free.
  if (page.list_y >= 0)
    draw_north_and_scale(c, page.map_x + 3, page.map_y + page.map_h - 1, frame);
  else
    draw_north_and_scale(c, x, page.panel_bottom, frame);
}

void draw_north_and_scale(Canvas& c, double x, double bottom, const MapFrame& frame) {
  north_arrow(c.cr(), x + 4, bottom - 26, 9);
  c.text(x + 2.6, bottom - 31.5, "N", 8, true);
  const double metres = round_scale_length(frame.metres_across());
  const double bar = metres * frame.mm_per_metre();
  cairo_t* cr = c.cr();
  const double by = bottom - 8;
  for (int i = 0; i < 2; ++i) {  // two alternating halves
    cairo_rectangle(cr, x + i * bar / 2, by, bar / 2, 1.6);
    if (i == 0)
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    else
      cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_width(cr, 0.2);
    cairo_stroke(cr);
  }
  c.text(x, by - 4.5, "0", 7);
  const auto [lw, lh] = c.measure(scale_label(metres), 7);
  c.text(x + bar - lw / 2, by - 4.5, scale_label(metres), 7);
  (void)lh;
}

}  // namespace reachmap::detail
