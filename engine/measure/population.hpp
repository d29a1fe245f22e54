// The denominator: a count per area code of one boundary layer, optionally carried from another
// vintage of codes and scaled (e.g. age_0_15 x 5/16 as an estimate of under-5s).
#pragma once

#include <optional>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/io/config.hpp"
#include "engine/measure/vintage_lookup.hpp"

namespace reachmap {

struct Population {
  std::vector<std::optional<double>> by_area;  // by area index of the layer
  std::size_t unmatched_codes = 0;             // rows whose code is not an area of the layer
  std::size_t areas_without = 0;               // areas with no population row
  double scale = 1;                            // applied to every count
  // True when the counts are estimates: scaled from a wider band, or shared out among the
  // parts of a split area.
  bool estimate = false;
  std::optional<VintageReport> vintage;
};

// `lookup` is needed when section.codes is not the layer's own.
Population load_population(const PopulationSection& section, const BoundaryLayer& layer,
                           Accounting& accounting, const VintageLookup* lookup = nullptr);

}  // namespace reachmap
