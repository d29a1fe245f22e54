#include "engine/render/detail/basemap_paint.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/render/detail/paint.hpp"

namespace reachmap::detail {

namespace {

void path_of(cairo_t* cr, const BasemapFeature& f, const MapFrame& frame) {
  cairo_new_path(cr);
  for (const Ring& part : f.parts) {
    for (std::size_t i = 0; i < part.size(); ++i) {
      const XY p = frame.to_page(part[i].x, part[i].y);
      if (i == 0)
        cairo_move_to(cr, p.x, p.y);
      else
        cairo_line_to(cr, p.x, p.y);
    }
    if (f.geometry == BasemapFeature::Geometry::kPolygons) cairo_close_path(cr);
  }
}

bool overlaps(const std::array<double, 4>& a, const std::array<double, 4>& b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

bool fits(const std::array<double, 4>& box, const std::array<double, 4>& bounds,
          const std::vector<std::array<double, 4>>& placed) {
  if (box[0] < bounds[0] || box[1] < bounds[1] || box[2] > bounds[2] || box[3] > bounds[3])
    return false;
  for (const auto& q : placed)
    if (overlaps(box, q)) return false;
  return true;
}

constexpr double kPlacePt = 7.5;

// Clips the segment a-z to the box (Liang-Barsky); false when it lies outside.
bool clip(XY& a, XY& z, const std::array<double, 4>& box) {
  double t0 = 0, t1 = 1;
  const double dx = z.x - a.x, dy = z.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - box[0], box[2] - a.x, a.y - box[1], box[3] - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double t = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
  }
  if (t0 > t1) return false;
  const XY from = a;
  a = {from.x + t0 * dx, from.y + t0 * dy};
  z = {from.x + t1 * dx, from.y + t1 * dy};
  return true;
}

}  // namespace

void draw_basemap(Canvas& c, const Basemap& b, const MapFrame& frame, double zoom) {
  cairo_t* cr = c.cr();
  cairo_save(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  // Green first, then water, then roads on top (bridges cross rivers).
  for (BasemapKind kind : {BasemapKind::kGreen, BasemapKind::kWater, BasemapKind::kRoad})
    for (const BasemapFeature& f : b.features) {
      if (f.kind != kind || f.geometry == BasemapFeature::Geometry::kPoints) continue;
      path_of(cr, f, frame);
      const bool area = f.geometry == BasemapFeature::Geometry::kPolygons;
      if (kind == BasemapKind::kGreen) {
        cairo_set_source_rgba(cr, 0.55, 0.76, 0.48, 0.85);
        if (area) cairo_fill_preserve(cr);
        cairo_set_source_rgba(cr, 0.25, 0.5, 0.25, 0.8);
        cairo_set_line_width(cr, 0.15);
        cairo_stroke(cr);
      } else if (kind == BasemapKind::kWater) {
        cairo_set_source_rgba(cr, 0.55, 0.74, 0.92, 0.95);
        if (area) cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.3, 0.5, 0.75);
        cairo_set_line_width(cr, area ? 0.12 : 0.5);
        cairo_stroke(cr);
      } else {  // roads: a thin grey casing under a white line, muted so the classes still read
        cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, zoom > 1 ? 0.6 : 0.35);
        cairo_set_line_width(cr, 0.42 * zoom);
        cairo_stroke_preserve(cr);
        cairo_set_source_rgba(cr, 1, 1, 1, zoom > 1 ? 1 : 0.75);
        cairo_set_line_width(cr, 0.26 * zoom);
        cairo_stroke(cr);
      }
    }
  cairo_restore(cr);
}

void label_basemap(Canvas& c, const Basemap& b, const MapFrame& frame,
                   const std::array<double, 4>& bounds, std::vector<std::array<double, 4>>& placed,
                   double street_pt) {
  cairo_t* cr = c.cr();
  // Place names first (few, important), then streets, each name once: the longest straight
  // stretch of all its parts.
  for (const BasemapFeature& f : b.features) {
    if (f.geometry != BasemapFeature::Geometry::kPoints || f.name.empty()) continue;
    for (const Ring& part : f.parts) {
      if (part.empty()) continue;
      const XY p = frame.to_page(part[0].x, part[0].y);
      const auto [w, h] = c.measure(f.name, kPlacePt, true);
      const std::array<double, 4> box{p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2};
      if (!fits(box, bounds, placed)) continue;
      placed.push_back(box);
      c.text(box[0], box[1], f.name, kPlacePt, true, Rgb{0.2, 0.2, 0.2}, 0, true);
    }
  }
  // Names of parks and water at the middle of their box, where the name fits inside it.
  for (const BasemapFeature& f : b.features) {
    if (f.geometry != BasemapFeature::Geometry::kPolygons || f.name.empty() || f.parts.empty())
      continue;
    Envelope e;
    for (const auto& p : f.parts[0]) e.add(p.x, p.y);
    const XY lo = frame.to_page(e.minx, e.maxy), hi = frame.to_page(e.maxx, e.miny);
    const auto [w, h] = c.measure(f.name, street_pt + 0.6);
    if (w > (hi.x - lo.x) * 0.9 || h > (hi.y - lo.y) * 0.9) continue;
    const XY mid{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
    const std::array<double, 4> box{mid.x - w / 2, mid.y - h / 2, mid.x + w / 2, mid.y + h / 2};
    if (!fits(box, bounds, placed)) continue;
    placed.push_back(box);
    c.text(box[0], box[1], f.name, street_pt + 0.6, false,
           f.kind == BasemapKind::kWater ? Rgb{0.15, 0.3, 0.55} : Rgb{0.15, 0.4, 0.15}, 0, true);
  }
  struct Stretch {
    XY a, b;
    double length = 0;
  };
  // Every straight stretch of each name, clipped to the bounds (a street may run off the map).
  std::map<std::string, std::vector<Stretch>> stretches;  // sorted: the same order every run
  for (const BasemapFeature& f : b.features) {
    if (f.kind != BasemapKind::kRoad || f.name.empty() ||
        f.geometry != BasemapFeature::Geometry::kLines)
      continue;
    for (const Ring& part : f.parts)
      for (std::size_t i = 0; i + 1 < part.size(); ++i) {
        XY a = frame.to_page(part[i].x, part[i].y), z = frame.to_page(part[i + 1].x, part[i + 1].y);
        if (!clip(a, z, bounds)) continue;
        stretches[f.name].push_back({a, z, std::hypot(z.x - a.x, z.y - a.y)});
      }
  }
  for (auto& [name, list] : stretches) {
    const auto [w, h] = c.measure(name, street_pt);
    std::stable_sort(list.begin(), list.end(),
                     [](const Stretch& x, const Stretch& y) { return x.length > y.length; });
    // The longest stretches first: the first where the name fits and is clear of the rest.
    for (std::size_t k = 0; k < list.size() && k < 6; ++k) {
      const Stretch& s = list[k];
      if (w + 2 > s.length) break;
      double angle = std::atan2(s.b.y - s.a.y, s.b.x - s.a.x);
      if (angle > M_PI / 2) angle -= M_PI;  // never upside down
      if (angle < -M_PI / 2) angle += M_PI;
      const XY mid{(s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2};
      // The rotated label's box on the page, for the collision test.
      const double cs = std::fabs(std::cos(angle)), sn = std::fabs(std::sin(angle));
      const double bw = (w * cs + h * sn) / 2, bh = (w * sn + h * cs) / 2;
      const std::array<double, 4> box{mid.x - bw, mid.y - bh, mid.x + bw, mid.y + bh};
      if (!fits(box, bounds, placed)) continue;
      placed.push_back(box);
      cairo_save(cr);
      cairo_translate(cr, mid.x, mid.y);
      cairo_rotate(cr, angle);
      c.text(-w / 2, -h / 2, name, street_pt, false, Rgb{0.3, 0.3, 0.3}, 0, true);
      cairo_restore(cr);
      break;
    }
  }
}

}  // namespace reachmap::detail
