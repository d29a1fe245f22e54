// The funnel plot: each area's seen reach against its under-5 population, with the 95% and
// 99.8% limits around the overall reach; PNG and SVG from one drawing path.
#pragma once

#include <string>
#include <vector>

#include "engine/render/map_renderer.hpp"
#include "engine/render/palette.hpp"

namespace reachmap {

struct FunnelPoint {
  double n, p;       // denominator and proportion
  std::string flag;  // as FunnelResult::flag
  std::string name;  // the area's name: outliers are labelled with it
};

struct FunnelPlot {
  std::string title, subtitle;
  double target = 0, phi = 1;
  std::vector<FunnelPoint> points;
  std::vector<std::string> attribution;
};

// The points labelled by name: those outside the 99.8% limits, then those below the 95%
// limit, lowest reach first, at most `max_labels` (indices into plot.points).
std::vector<std::size_t> funnel_labelled(const FunnelPlot& plot, std::size_t max_labels = 15);

// Squares of `side` units centred on each (x, y), each group filled in its colour and then
// outlined in `edge` (the later groups on top), on a transparent `width` x `height` canvas drawn
// `scale` pixels a unit, as PNG bytes: a chart's tens of thousands of dots as one image, for a page
// (the report) that draws the rest of the chart itself in vectors.
struct DotGroup {
  Rgb colour;
  std::vector<std::pair<double, double>> at;
};
std::string square_dots_png(const std::vector<DotGroup>& groups, double side, const Rgb& edge,
                            double edge_width, double width, double height, double scale);

void render_funnel_plot(const FunnelPlot& plot, const std::string& base_path,
                        const std::vector<MapFormat>& formats, double dpi = 300);

}  // namespace reachmap
