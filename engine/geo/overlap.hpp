// Shares of one polygon's area that lie in each area of another layer (GEOS intersection):
// the fallback for carrying a population where the postcode directory has no postcode.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

// (target area index, share of the source's area) for every target the source overlaps, in
// target order; empty when the source has no geometry or area.
std::vector<std::pair<std::size_t, double>> overlap_shares(const std::string& source_wkb,
                                                           const BoundaryLayer& target);

}  // namespace reachmap
