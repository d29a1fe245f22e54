// The report's SVG charts' pieces: a plotting box, its axes, lines and point labels placed
// clear of one another. Shared by the report's charts and compare's change page.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace reachmap::report {

// A chart's plotting box inside its SVG.
struct Plot {
  double width = 760, height = 380, left = 64, right = 20, top = 16, bottom = 56;
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // data ranges
  double x(double v) const { return left + (v - x0) / (x1 - x0) * (width - left - right); }
  double y(double v) const {
    return height - bottom - (v - y0) / (y1 - y0) * (height - top - bottom);
  }
};

// Round steps for an axis: 1, 2 or 5 times a power of ten, about `n` of them.
double nice_step(double range, int n);

// The grid, tick labels and titles (y labels as shares when `y_percent`, or by `y_label`).
std::string axes(const Plot& p, bool x_percent, bool y_percent, const std::string& x_title,
                 const std::string& y_title, bool x_ticks = true,
                 const std::function<std::string(double)>& y_label = {});

// An SVG path through the points, of CSS class `cls`.
std::string polyline(const std::vector<std::pair<double, double>>& pts, const std::string& cls);

struct Box {
  double x0, y0, x1, y1;
  bool meets(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// A point's name beside it: right, left, above or below, whichever first stays inside the
// plot and clear of the names already placed; left out when none does (the list names all).
std::string place_label(const std::string& name, double x, double y, const Plot& p,
                        std::vector<Box>& placed);

}  // namespace reachmap::report
