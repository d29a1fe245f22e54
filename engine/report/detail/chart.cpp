#include "engine/report/detail/chart.hpp"

#include <cmath>

#include "engine/report/detail/html.hpp"

namespace reachmap::report {

// Round steps for an axis: 1, 2 or 5 times a power of ten, about `n` of them.
double nice_step(double range, int n) {
  const double raw = range / n, p = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw) return m * p;
  return 10 * p;
}

std::string axes(const Plot& p, bool x_percent, bool y_percent, const std::string& x_title,
                 const std::string& y_title, bool x_ticks,
                 const std::function<std::string(double)>& y_label) {
  std::string h = "<g class=\"axes\" aria-hidden=\"true\">";
  const double ys = nice_step(p.y1 - p.y0, 5);
  for (double v = std::ceil(p.y0 / ys) * ys; v <= p.y1 + 1e-9; v += ys)
    h += "<line class=\"grid\" x1=\"" + px(p.left) + "\" x2=\"" + px(p.width - p.right) +
         "\" y1=\"" + px(p.y(v)) + "\" y2=\"" + px(p.y(v)) + "\"/><text x=\"" + px(p.left - 6) +
         "\" y=\"" + px(p.y(v) + 4) + "\" text-anchor=\"end\">" +
         (y_label     ? y_label(v)
          : y_percent ? pct(v)
                      : whole(v)) +
         "</text>";
  if (x_ticks) {
    const double xs = nice_step(p.x1 - p.x0, 6);
    for (double v = std::ceil(p.x0 / xs) * xs; v <= p.x1 + 1e-9; v += xs)
      h += "<text x=\"" + px(p.x(v)) + "\" y=\"" + px(p.height - p.bottom + 18) +
           "\" text-anchor=\"middle\">" + (x_percent ? pct(v) : whole(v)) + "</text>";
  }
  h += "<line class=\"axis\" x1=\"" + px(p.left) + "\" x2=\"" + px(p.width - p.right) + "\" y1=\"" +
       px(p.height - p.bottom) + "\" y2=\"" + px(p.height - p.bottom) + "\"/>";
  h += "<text class=\"title\" x=\"" + px((p.left + p.width - p.right) / 2) + "\" y=\"" +
       px(p.height - 12) + "\" text-anchor=\"middle\">" + esc(x_title) + "</text>";
  h += "<text class=\"title\" transform=\"translate(14 " + px((p.top + p.height - p.bottom) / 2) +
       ") rotate(-90)\" text-anchor=\"middle\">" + esc(y_title) + "</text></g>";
  return h;
}

std::string polyline(const std::vector<std::pair<double, double>>& pts, const std::string& cls) {
  std::string d;
  for (const auto& [x, y] : pts) d += (d.empty() ? "M" : "L") + px(x) + " " + px(y);
  return "<path class=\"" + cls + "\" d=\"" + d + "\"/>";
}

// A point's name beside it: right, left, above or below, whichever first stays inside the
// plot and clear of the names already placed; left out when none does (the list names all).
std::string place_label(const std::string& name, double x, double y, const Plot& p,
                        std::vector<Box>& placed) {
  const double w = 6.2 * double(name.size()), h = 12;
  const std::pair<double, double> spots[] = {
      {x + 7, y - h / 2}, {x - 7 - w, y - h / 2}, {x - w / 2, y - 8 - h}, {x - w / 2, y + 8}};
  for (const auto& [bx, by] : spots) {
    const Box b{bx, by, bx + w, by + h};
    if (b.x0 < p.left || b.x1 > p.width - 2 || b.y0 < 0 || b.y1 > p.height - p.bottom) continue;
    bool clear = true;
    for (const Box& o : placed) clear = clear && !b.meets(o);
    if (!clear) continue;
    placed.push_back(b);
    return "<text class=\"point-label\" x=\"" + px(bx) + "\" y=\"" + px(by + h - 2) + "\">" +
           esc(name) + "</text>";
  }
  return {};
}

}  // namespace reachmap::report
