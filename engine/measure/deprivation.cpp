#include "engine/measure/deprivation.hpp"

#include "engine/measure/area_values.hpp"

#include <limits>

namespace reachmap {

Deprivation load_deprivation(const DeprivationSource& d, const BoundaryLayer& layer,
                             Accounting& accounting, const VintageLookup* lookup) {
  std::vector<Column> columns;
  std::vector<Combine> how;
  std::vector<ValueRange> ranges;
  const double inf = std::numeric_limits<double>::infinity();
  if (!d.decile.name.empty()) {
    columns.push_back(d.decile), how.push_back(Combine::kDecile);
    ranges.push_back({1, 10, true, "decile not a whole number from 1 to 10"});
  }
  if (!d.score.name.empty()) {
    columns.push_back(d.score), how.push_back(Combine::kScore);
    ranges.push_back({-inf, inf, false, ""});
  }
  const auto across = across_vintages(lookup, d.codes, layer, how, d.weight);
  AreaValues v = load_area_values(d, layer, d.area, columns, false, "bad deprivation value",
                                  accounting, across ? &*across : nullptr, ranges);
  Deprivation out;
  out.vintage = std::move(v.vintage);
  std::size_t c = 0;
  if (!d.decile.name.empty()) out.decile = std::move(v.values[c++]);
  if (!d.score.name.empty()) out.score = std::move(v.values[c++]);
  return out;
}

}  // namespace reachmap
