// The nearest named road to a point, within a reach: how an outreach worker finds a postcode
// on the ground ("near Canal Street"). Reads the basemap's named road lines.
#pragma once

#include <string>
#include <vector>

#include "engine/geo/basemap.hpp"

namespace reachmap {

class StreetFinder {
 public:
  // No basemap (or no named roads): every search finds nothing.
  explicit StreetFinder(const Basemap* basemap);
  // The name of the road nearest (x, y) within `reach` metres, or "" when none is; of two at
  // the same distance, the first in the basemap.
  std::string near(double x, double y, double reach = 150) const;

 private:
  struct Segment {
    XY a, b;
    const std::string* name;
  };
  std::vector<Segment> segments_;
};

}  // namespace reachmap
