// A layer made of another's areas: localities, districts or wards from a best-fit lookup of
// LSOAs ([[layers]] from, lookup). Each is the union of its small areas (dissolve_wkb: their
// shared edges cancel), so a point in a small area is in its locality.
#pragma once

#include <string>
#include <vector>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

// A locality: its code, its name and the small areas it is made of (rows of the small layer).
struct LocalityGroup {
  std::string id, label;
  std::vector<std::size_t> members;
};

// The layer `name` of the groups' unions, sorted by id as any layer. An area whose members
// have no geometry has none either. Throws Error (kInternal) when GEOS fails.
BoundaryLayer dissolved_layer(const BoundaryLayer& small, const std::string& name,
                              const std::string& display, const std::vector<LocalityGroup>& groups,
                              int threads = 1);

}  // namespace reachmap
