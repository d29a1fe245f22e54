// One polygon from many: the union of areas that make up a centre's reach area, so that its
// outline is drawn once, without the inner edges between its areas.
#pragma once

#include <string>
#include <vector>

namespace reachmap {

// The union of WKB polygons (any order, not overlapping: the areas of one layer) as WKB;
// empty when none is given. Throws Error (kInternal) when GEOS fails.
std::string dissolve_wkb(const std::vector<const std::string*>& wkbs);

}  // namespace reachmap
