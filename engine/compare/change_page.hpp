// change.html: what `reachmap compare` found, for a commissioner or a centre's board: per
// layer, how many areas improved or worsened beyond chance, whether the earlier period's
// outreach areas moved, the change map, the areas that moved most, and the method. Built from
// the change tables alone (public figures only).
#pragma once

#include <string>
#include <vector>

#include "engine/compare/area_change.hpp"
#include "engine/compare/trend.hpp"

namespace reachmap {

struct ChangePageLayer {
  std::string name;
  std::vector<AreaChange> changes;
  std::vector<bool> outreach;  // the earlier period's outreach areas, by row of `changes`
  std::string map;             // the change map's SVG, relative to the page ("": none)
  ChangeFunnelResult funnel;   // of seen reach (add_change_funnels)
};

struct ChangePage {
  std::string period_before, period_now;  // "2025-04-01..2026-03-31"
  std::vector<ChangePageLayer> layers;
  std::vector<AreaChange> centres;   // each centre's reach area (empty without them)
  std::vector<std::string> periods;  // every period of the trend, oldest first
  std::vector<TrendSeries> trends;   // reach_trends of them
};

std::string change_page_html(const ChangePage& page);

}  // namespace reachmap
