#include "engine/render/funnel_plot.hpp"

#include <array>

#include <algorithm>
#include <cmath>

#include "engine/io/atomic_file.hpp"
#include "engine/render/classify.hpp"
#include "engine/render/detail/canvas.hpp"
#include "engine/render/detail/png_stream.hpp"
#include "engine/render/detail/raster.hpp"
#include "engine/stats/funnel.hpp"

namespace reachmap {

using namespace detail;

namespace {
// A round tick step giving about `target` ticks over `span`.
double tick_step(double span, int target) {
  const double raw = span / target;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

Rgb flag_colour(const std::string& flag) {
  if (flag == "below 99.8%") return Rgb::hex(0x2166ac);
  if (flag == "below 95%") return Rgb::hex(0x67a9cf);
  if (flag == "above 95%") return Rgb::hex(0xef8a62);
  if (flag == "above 99.8%") return Rgb::hex(0xb2182b);
  return Rgb::hex(0x969696);
}

// Puts `name` beside the point at (x, y) where it overlaps no label placed so far (right, left,
// above, below), with a white halo; false when there is no room.
bool place_label(Canvas& c, double x, double y, const std::string& name,
                 std::vector<std::array<double, 4>>& taken, double x0, double y0, double w,
                 double h) {
  const auto [tw, th] = c.measure(name, 6.5);
  const double offsets[][2] = {
      {1.6, -th / 2}, {-1.6 - tw, -th / 2}, {-tw / 2, -1.6 - th}, {-tw / 2, 1.6}};
  for (const auto& o : offsets) {
    const double lx = x + o[0], ly = y + o[1];
    if (lx < x0 || ly < y0 || lx + tw > x0 + w || ly + th > y0 + h) continue;
    bool clear = true;
    for (const auto& b : taken) clear &= lx + tw < b[0] || b[2] < lx || ly + th < b[1] || b[3] < ly;
    if (!clear) continue;
    taken.push_back({lx, ly, lx + tw, ly + th});
    c.text(lx, ly, name, 6.5, false, Rgb{0.1, 0.1, 0.1}, 0, true);
    return true;
  }
  return false;
}

// Long by design: the plot drawn top to bottom in paint order (axes, limits, points, key).
void draw(Canvas& c, const FunnelPlot& plot) {
  cairo_t* cr = c.cr();
  c.text(10, 8, plot.title, 15, true, Rgb{0.1, 0.1, 0.1}, 277);
  c.text(10, 16, plot.subtitle, 9.5, false, Rgb{0.3, 0.3, 0.3}, 277);
  const double x0 = 28, y0 = 30, w = 190, h = 145;  // plot area in mm
  double nmax = 1, pmax = 0;
  for (const auto& p : plot.points) nmax = std::max(nmax, p.n), pmax = std::max(pmax, p.p);
  nmax *= 1.05;
  const double nmin = std::max(1.0, nmax / 400);
  pmax = std::max({pmax, funnel_limit(plot.target, nmin * 4, kZ998, plot.phi), plot.target * 2}) *
         1.05;
  pmax = std::min(pmax, std::max(1.05, plot.target * 2));
  const auto X = [&](double n) { return x0 + n / nmax * w; };
  const auto Y = [&](double p) { return y0 + h - std::clamp(p / pmax, 0.0, 1.0) * h; };
  // Axes, ticks and grid.
  cairo_set_line_width(cr, 0.15);
  const double xs = tick_step(nmax, 8), ys = tick_step(pmax, 8);
  for (double n = 0; n <= nmax; n += xs) {
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_move_to(cr, X(n), y0);
    cairo_line_to(cr, X(n), y0 + h);
    cairo_stroke(cr);
    const std::string label = legend_number(n, false, 0);
    c.text(X(n) - c.measure(label, 7).first / 2, y0 + h + 1.5, label, 7);
  }
  for (double p = 0; p <= pmax; p += ys) {
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_move_to(cr, x0, Y(p));
    cairo_line_to(cr, x0 + w, Y(p));
    cairo_stroke(cr);
    const std::string label = legend_number(p, true, ys * 100 < 1 ? 1 : 0);
    c.text(x0 - 2 - c.measure(label, 7).first, Y(p) - 1.6, label, 7);
  }
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_rectangle(cr, x0, y0, w, h);
  cairo_stroke(cr);
  c.text(x0 + w / 2 - 25, y0 + h + 7, "Children under 5 living in the area", 8.5);
  c.text(x0, y0 - 5, "Seen reach", 8.5, true);
  // Target and limits.
  cairo_save(cr);
  cairo_rectangle(cr, x0, y0, w, h);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 0.3);
  cairo_move_to(cr, x0, Y(plot.target));
  cairo_line_to(cr, x0 + w, Y(plot.target));
  cairo_stroke(cr);
  for (const auto& [z, dash] : {std::pair{kZ95Funnel, 1.2}, std::pair{kZ998, 0.5}}) {
    for (double sign : {-1.0, 1.0}) {
      cairo_new_path(cr);
      for (int i = 0; i <= 400; ++i) {
        const double n = nmin + (nmax - nmin) * std::pow(i / 400.0, 2);
        const double lim = funnel_limit(plot.target, n, sign * z, plot.phi);
        if (i == 0)
          cairo_move_to(cr, X(n), Y(lim));
        else
          cairo_line_to(cr, X(n), Y(lim));
      }
      const double dashes[] = {dash, 0.8};
      cairo_set_dash(cr, dashes, 2, 0);
      cairo_set_line_width(cr, 0.3);
      cairo_stroke(cr);
    }
  }
  cairo_set_dash(cr, nullptr, 0, 0);
  // A PNG page draws its points itself (raster.hpp): Cairo's fill and stroke of each of a
  // national layer's 34,753 points took most of 2 s.
  const bool raster = c.kind() == SurfaceKind::kPng;
  if (raster) cairo_surface_flush(c.surface());
  const Rgb edge{0.15, 0.15, 0.15};
  for (const auto& p : plot.points) {
    if (raster) {
      disc(c.surface(), c.px_per_mm(), {x0, y0, x0 + w, y0 + h}, X(p.n), Y(p.p), 0.9,
           flag_colour(p.flag), 0.85, edge, 0.1);
      continue;
    }
    cairo_new_path(cr);
    cairo_arc(cr, X(p.n), Y(p.p), 0.9, 0, 2 * M_PI);
    c.set_colour(flag_colour(p.flag), 0.85);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, edge.r, edge.g, edge.b);
    cairo_set_line_width(cr, 0.1);
    cairo_stroke(cr);
  }
  if (raster) cairo_surface_mark_dirty(c.surface());
  cairo_restore(cr);
  // The outliers by name, so a reader can find them on the maps and in the tables.
  std::vector<std::array<double, 4>> taken;
  for (std::size_t i : funnel_labelled(plot)) {
    const FunnelPoint& p = plot.points[i];
    place_label(c, X(p.n), Y(p.p), p.name, taken, x0, y0, w, h);
  }
  // Legend.
  double ly = y0;
  const double lx = 228;
  c.text(lx, ly, "Areas", 9.5, true);
  ly += 6;
  for (const char* flag : {"below 99.8%", "below 95%", "within", "above 95%", "above 99.8%"}) {
    cairo_new_path(cr);
    cairo_arc(cr, lx + 2, ly + 2, 1.2, 0, 2 * M_PI);
    c.set_colour(flag_colour(flag), 0.85);
    cairo_fill(cr);
    c.text(lx + 6, ly,
           std::string(flag) == "within" ? "within the limits" : std::string(flag) + " limit", 8);
    ly += 5.5;
  }
  ly += 3;
  c.text(lx, ly, "solid: overall reach " + legend_number(plot.target, true, 1), 8, false,
         Rgb{0.1, 0.1, 0.1}, 60);
  ly += 5;
  c.text(lx, ly, "dashed: 95% limits; dotted: 99.8% limits", 8, false, Rgb{0.1, 0.1, 0.1}, 60);
  ly += 9;
  if (plot.phi > 1)
    c.text(lx, ly,
           "limits widened for overdispersion (factor " + legend_number(plot.phi, false, 2) + ")",
           8, false, Rgb{0.1, 0.1, 0.1}, 60);
  double ay = y0 + h + 14;
  for (const auto& line : plot.attribution)
    ay += c.text(10, ay, line, 6.5, false, Rgb{0.35, 0.35, 0.35}, 277);
}
}  // namespace

std::vector<std::size_t> funnel_labelled(const FunnelPlot& plot, std::size_t max_labels) {
  const auto rank = [](const std::string& flag) {
    return flag == "below 99.8%" ? 0 : flag == "above 99.8%" ? 1 : flag == "below 95%" ? 2 : 3;
  };
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < plot.points.size(); ++i)
    if (rank(plot.points[i].flag) < 3 && !plot.points[i].name.empty()) out.push_back(i);
  std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
    const auto &pa = plot.points[a], &pb = plot.points[b];
    return rank(pa.flag) != rank(pb.flag) ? rank(pa.flag) < rank(pb.flag) : pa.p < pb.p;
  });
  if (out.size() > max_labels) out.resize(max_labels);
  return out;
}

void render_funnel_plot(const FunnelPlot& plot, const std::string& base_path,
                        const std::vector<MapFormat>& formats, double dpi) {
  for (MapFormat f : formats) {
    const char* ext = f == MapFormat::kPng ? ".png" : f == MapFormat::kSvg ? ".svg" : ".pdf";
    const std::string target = base_path + ext, temporary = create_temporary_for(target);
    {
      Canvas canvas(f == MapFormat::kPng   ? SurfaceKind::kPng
                    : f == MapFormat::kSvg ? SurfaceKind::kSvg
                                           : SurfaceKind::kPdf,
                    temporary, 297, 210, dpi);
      draw(canvas, plot);
      canvas.finish();
    }
    commit_file(temporary, target);
  }
}

std::string square_dots_png(const std::vector<DotGroup>& groups, double side, const Rgb& edge,
                            double edge_width, double width, double height, double scale) {
  const int w = int(std::ceil(width * scale)), h = int(std::ceil(height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, scale, scale);
  for (const DotGroup& g : groups) {
    for (const auto& [x, y] : g.at) cairo_rectangle(cr, x - side / 2, y - side / 2, side, side);
    cairo_set_source_rgb(cr, g.colour.r, g.colour.g, g.colour.b);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, edge.r, edge.g, edge.b);
    cairo_set_line_width(cr, edge_width);
    cairo_stroke(cr);
  }
  cairo_destroy(cr);
  std::string png = detail::encode_png(surface);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace reachmap
