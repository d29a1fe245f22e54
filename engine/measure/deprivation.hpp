// Deprivation per area of one layer (an IMD-style decile, 1 = most deprived, and a score),
// optionally carried from another vintage of codes (IMD 2019 is on LSOA 2011).
#pragma once

#include <optional>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/io/config.hpp"
#include "engine/measure/vintage_lookup.hpp"

namespace reachmap {

struct Deprivation {
  std::vector<std::optional<double>> decile, score;  // by area index; empty when not given
  std::optional<VintageReport> vintage;
};

Deprivation load_deprivation(const DeprivationSection& section, const BoundaryLayer& layer,
                             Accounting& accounting, const VintageLookup* lookup = nullptr);

}  // namespace reachmap
