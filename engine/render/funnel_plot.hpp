// The funnel plot: each area's seen reach against its under-5 population, with the 95% and
// 99.8% limits around the overall reach; PNG and SVG from one drawing path.
#pragma once

#include <string>
#include <vector>

#include "engine/render/map_renderer.hpp"

namespace reachmap {

struct FunnelPoint {
  double n, p;       // denominator and proportion
  std::string flag;  // as FunnelResult::flag
};

struct FunnelPlot {
  std::string title, subtitle;
  double target = 0, phi = 1;
  std::vector<FunnelPoint> points;
  std::vector<std::string> attribution;
};

void render_funnel_plot(const FunnelPlot& plot, const std::string& base_path,
                        const std::vector<MapFormat>& formats, double dpi = 300);

}  // namespace reachmap
