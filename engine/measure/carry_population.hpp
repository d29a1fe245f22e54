// The under-5 population of one layer carried to another, so that every layer has rates: each
// source area's people go to the target areas its residential postcodes fall in (placed by the
// same rules as children), in proportion to those postcodes; where the directory has no
// postcode in a source area, in proportion to the area of overlap. A source area that lies
// wholly in one target area (nesting) moves whole: where every source does, the target's value
// is an exact sum; otherwise it is an estimate, marked per area.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/geo/boundary_layer.hpp"
#include "engine/measure/population.hpp"

namespace reachmap {

// `postcode_source[i]` and `postcode_target[i]`: the areas of residential postcode i.
Population carry_population(const Population& source, const BoundaryLayer& from,
                            const BoundaryLayer& to, const std::vector<long>& postcode_source,
                            const std::vector<long>& postcode_target);

}  // namespace reachmap
