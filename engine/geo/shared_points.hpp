// Which polygons share boundary points with which, and how many: the geometric fact behind
// contiguity weights (engine/stats/weights.hpp: queen needs one shared point, rook two). Kept in
// a layer's index file (layer_index_file.hpp) beside the layer itself, so that a run with that
// file does not find them again (nationally about a second of CPU and 600 MB of pages).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

struct BoundaryLayer;

struct SharedPoints {
  double snap = 0;  // vertices this close (CRS units) counted as one point
  // Polygon p shares points with other[k], k in [first[p], first[p + 1]), ascending, each with
  // how many of p's distinct vertices it shares (at most 255). One-sided: near a snap's edge,
  // q may share with p what p does not with q.
  std::vector<std::uint32_t> first{0};
  std::vector<std::uint32_t> other;
  std::vector<std::uint8_t> count;

  std::size_t size() const { return first.size() - 1; }
  bool operator==(const SharedPoints&) const = default;
};

// Every polygon's shared points: a vertex of p is shared with q when a vertex of q lies within
// `snap` of it (as spdep::poly2nb). Identical at any thread count.
SharedPoints shared_points(const std::vector<std::vector<Ring>>& polygons, double snap,
                           int threads = 1);

// The same for a layer's areas, by row: an area without a geometry shares none.
SharedPoints layer_shared_points(const BoundaryLayer& layer, double snap, int threads = 1);

}  // namespace reachmap
