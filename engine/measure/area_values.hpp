// Numbers keyed by the area codes of one boundary layer (population, deprivation, ...):
// every row used, not counted (code not in the layer) or rejected with a reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/measure/vintage_lookup.hpp"

namespace reachmap {

struct AreaValues {
  // values[c][a]: column c for area index a of the layer; nullopt where no row gave one.
  std::vector<std::vector<std::optional<double>>> values;
  std::size_t unmatched_codes = 0;       // rows whose code is not an area of the layer
  std::size_t areas_without = 0;         // areas with no row
  std::optional<VintageReport> vintage;  // when the codes were carried across vintages
};

// Rows keyed by codes of another vintage, carried to the layer through a lookup.
struct AcrossVintages {
  VintageBridge bridge;
  std::vector<Combine> how;  // per value column
  Column weight;             // population of each source area; unnamed: equal weights
};

// What carries an input whose codes are `codes` to the layer: nothing when they are the
// layer's own (or there is no lookup).
std::optional<AcrossVintages> across_vintages(const VintageLookup* lookup, CodeVintage codes,
                                              const BoundaryLayer& layer, std::vector<Combine> how,
                                              Column weight = {});

// The valid values of one column; a value outside is a rejected row with `reason`.
struct ValueRange {
  double min, max;
  bool whole = false;  // must be a whole number
  std::string reason;  // e.g. "decile not a whole number from 1 to 10"
};

// Reads `columns` (numbers >= 0 when `non_negative`; finite always; within `ranges[c]` when
// given) keyed by `area`. A bad number rejects the
// row with `bad_reason`; a repeated code rejects it as "duplicate area code".
AreaValues load_area_values(const CsvSource& source, const BoundaryLayer& layer, const Column& area,
                            const std::vector<Column>& columns, bool non_negative,
                            const std::string& bad_reason, Accounting& accounting,
                            const AcrossVintages* across = nullptr,
                            const std::vector<ValueRange>& ranges = {});

}  // namespace reachmap
