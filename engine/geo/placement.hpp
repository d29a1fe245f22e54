// Places many points into one boundary layer, in parallel, with identical results at any
// thread count (the threads share one read-only AreaIndex; each owns a locator and a contiguous
// slice of the points).
#pragma once

#include <vector>

#include "engine/core/progress.hpp"
#include "engine/geo/area_index.hpp"
#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

struct Point {
  double x = 0, y = 0;
};

// Area index for each point, -1 for outside. Uses the layer's index when its index file gave
// one (layer.index), else builds it first.
std::vector<long> place_points(const BoundaryLayer& layer, const std::vector<Point>& points,
                               int threads, const ProgressFn& progress = {});
// Gives the layer its index (layer.index) when its index file did not: built once, on
// `threads` threads, for every placement into the layer that follows.
void ensure_index(BoundaryLayer& layer, int threads);
// The same with the layer's index at hand (shared by every thread, read-only).
std::vector<long> place_points(const BoundaryLayer& layer, const AreaIndex& index,
                               const std::vector<Point>& points, int threads,
                               const ProgressFn& progress = {});

}  // namespace reachmap
