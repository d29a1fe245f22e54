// Deprivation per area of one layer (an IMD-style decile, 1 = most deprived, and a score),
// optionally carried from another vintage of codes (IMD 2019 is on LSOA 2011).
#pragma once

#include <optional>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/measure/vintage_lookup.hpp"

namespace reachmap {

// [deprivation]: area code + deprivation columns for one layer.
struct DeprivationSource : CsvSource {
  std::string layer;
  Column area, decile, score;
  CodeVintage codes = CodeVintage::kLayer;
  Column weight;  // population of each source area, for the mean score of merged areas
};

struct Deprivation {
  std::vector<std::optional<double>> decile, score;  // by area index; empty when not given
  std::optional<VintageReport> vintage;
};

Deprivation load_deprivation(const DeprivationSource& section, const BoundaryLayer& layer,
                             Accounting& accounting, const VintageLookup* lookup = nullptr);

}  // namespace reachmap
