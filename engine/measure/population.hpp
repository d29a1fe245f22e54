// The denominator: a count per area code of one boundary layer.
#pragma once

#include <optional>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/io/config.hpp"

namespace reachmap {

struct Population {
  std::vector<std::optional<double>> by_area;  // by area index of the layer
  std::size_t unmatched_codes = 0;             // rows whose code is not an area of the layer
  std::size_t areas_without = 0;               // areas with no population row
};

Population load_population(const PopulationSection& section, const BoundaryLayer& layer,
                           Accounting& accounting);

}  // namespace reachmap
