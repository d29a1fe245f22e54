// One polygon from many: the union of areas that make up a centre's reach area, so that its
// outline is drawn once, without the inner edges between its areas.
#pragma once

#include <string>
#include <vector>

namespace reachmap {

// The union of WKB polygons (any order, not overlapping: the areas of one layer) as WKB;
// empty when none is given. Throws Error (kInternal) when GEOS fails.
std::string dissolve_wkb(const std::vector<const std::string*>& wkbs);

// The WKB polygons with every vertex within a hair of one met before (a billionth of the
// coordinates' size: a millimetre on the British National Grid) moved onto it, in the order
// given. Neighbouring areas of a published layer share their boundaries only to within such a
// hair (ONS's LSOAs, once reprojected, by a hundredth of a millimetre): exactly shared again,
// their common edges cancel in dissolve_wkb, which otherwise keeps them as slivers. A geometry
// other than a 2D Polygon or MultiPolygon is returned as it is.
std::vector<std::string> with_shared_vertices(const std::vector<const std::string*>& wkbs);

}  // namespace reachmap
