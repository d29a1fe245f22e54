// Places many points into one boundary layer, in parallel, with identical results at any
// thread count (each thread owns a locator and a contiguous slice of the points).
#pragma once

#include <vector>

#include "engine/core/progress.hpp"
#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

struct Point {
  double x = 0, y = 0;
};

// Area index for each point, -1 for outside.
std::vector<long> place_points(const BoundaryLayer& layer, const std::vector<Point>& points,
                               int threads, const ProgressFn& progress = {});

}  // namespace reachmap
