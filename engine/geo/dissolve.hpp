// One polygon from many: the union of areas that make up a centre's reach area, so that its
// outline is drawn once, without the inner edges between its areas.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace reachmap {

// The union of WKB polygons (any order, not overlapping: the areas of one layer) as WKB;
// empty when none is given. Boundaries shared to within a hair (see with_shared_vertices)
// cancel. traced_union's where it can follow the outline, else GEOS's. Throws Error
// (kInternal) when GEOS fails.
// `scale`: the size of the coordinates a hair is a billionth of; at least the polygons' own
// (give the whole layer's, so that every group of its areas is merged to the same hair).
std::string dissolve_wkb(const std::vector<const std::string*>& wkbs, double scale = 0);

// The union of the areas from their edges alone, shells counter-clockwise and holes clockwise,
// split into simple rings where the outline touches itself; nullopt when the edges left do not
// close into the rings of a tiling (areas overlapping, or meeting at a T), when two copies of a
// boundary pass within a few hairs of each other, or when a geometry is not a polygon.
std::optional<std::string> traced_union(const std::vector<const std::string*>& wkbs,
                                        double scale = 0);

// The largest absolute coordinate of the WKB polygons: the scale of their hair.
double coordinate_scale(const std::vector<const std::string*>& wkbs);

// The WKB polygons with every vertex within a hair of one met before (a billionth of the
// coordinates' size: a millimetre on the British National Grid) moved onto it, in the order
// given. Neighbouring areas of a published layer share their boundaries only to within such a
// hair (ONS's LSOAs, once reprojected, by a hundredth of a millimetre): exactly shared again,
// their common edges cancel in dissolve_wkb, which otherwise keeps them as slivers. A geometry
// other than a 2D Polygon or MultiPolygon is returned as it is.
std::vector<std::string> with_shared_vertices(const std::vector<const std::string*>& wkbs,
                                              double scale = 0);

}  // namespace reachmap
