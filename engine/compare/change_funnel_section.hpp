// change.html's funnel plot for change, per layer: each area's change in seen reach against
// its effective size, with the 95% and 99.8% limits chance allows around the whole layer's
// change (engine/stats/change_funnel.hpp), the areas beyond them named. It tells an area that
// moved on its own (outreach there, a centre opened or closed) from a change everywhere.
#pragma once

#include <string>
#include <vector>

#include "engine/compare/area_change.hpp"

namespace reachmap {

// The section's HTML ("" when fewer than three areas have a change).
std::string change_funnel_section(const std::string& layer, const std::vector<AreaChange>& changes,
                                  const ChangeFunnelResult& funnel);

}  // namespace reachmap
