// Polygon rings from WKB, for drawing: no GEOS objects needed to stroke a path.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace reachmap {

struct XY {
  double x, y;
};
using Ring = std::vector<XY>;

struct Envelope {
  double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300;
  bool empty() const { return minx > maxx; }
  void add(double x, double y) {
    minx = std::min(minx, x), maxx = std::max(maxx, x);
    miny = std::min(miny, y), maxy = std::max(maxy, y);
  }
  void add(const Envelope& e) {
    if (!e.empty()) add(e.minx, e.miny), add(e.maxx, e.maxy);
  }
};

// Every ring of a WKB Polygon or MultiPolygon (2D, either byte order); empty for other types.
std::vector<Ring> wkb_rings(const std::string& wkb);
// The same rings by polygon, each polygon's shell first, then its holes.
std::vector<std::vector<Ring>> wkb_polygons(const std::string& wkb);
Envelope envelope_of(const std::vector<Ring>& rings);

// Even-odd rule over all rings (inside a polygon and not in a hole), for generators that draw
// points inside areas. Placement itself goes through AreaIndex, which settles boundaries.
bool inside_rings(const std::vector<Ring>& rings, double x, double y);

}  // namespace reachmap
