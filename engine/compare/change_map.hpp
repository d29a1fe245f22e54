// The change map of a layer: each area's change in seen reach between two periods in five
// fixed classes symmetric around zero (worsened or improved by 10 percentage points or more,
// by less, and no clear change in a neutral grey: an area whose interval holds 0 is not
// coloured as if it moved), hidden counts hatched, and the earlier period's outreach areas
// outlined: did outreach move them?
#pragma once

#include <string>
#include <vector>

#include "engine/compare/area_change.hpp"
#include "engine/report/report_input.hpp"

namespace reachmap {

// The class of a change in seen reach (0 worsened by 10 points or more .. 4 improved by 10
// points or more; 2 no clear change), or -1 when it has none (hidden, no estimate).
int change_class(const ReachChange& c);

// Writes `base_path` .png, .svg and .pdf. `changes` and `outreach` by row of `layer.areas`.
void draw_change_map(const std::vector<AreaChange>& changes, const std::vector<bool>& outreach,
                     const ReportLayer& layer, const ReportInput& before, const ReportInput& now,
                     const std::string& base_path);

}  // namespace reachmap
