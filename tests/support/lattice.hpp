// A square lattice of unit polygons, numbered row by row from the bottom left.
#pragma once

#include <vector>

#include "engine/geo/wkb_rings.hpp"

namespace reachmap::testsupport {

inline std::vector<std::vector<Ring>> lattice(int side) {
  std::vector<std::vector<Ring>> out;
  for (int r = 0; r < side; ++r)
    for (int c = 0; c < side; ++c) {
      const double x = c, y = r;
      out.push_back({{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}});
    }
  return out;
}

}  // namespace reachmap::testsupport
