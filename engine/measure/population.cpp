#include "engine/measure/population.hpp"

#include "engine/measure/area_values.hpp"

namespace reachmap {

// No area holds a million children under 5 (a local authority has about that many people):
// 1e20 is a typing error, not a town. Fractional counts are accepted: published estimates are
// often fractional (and a scale makes them so); counts derived from them are rounded.
const ValueRange kPopulationRange{0, 1e6, false, "population above 1,000,000"};

Population load_population(const PopulationSource& section, const BoundaryLayer& layer,
                           Accounting& accounting, const VintageLookup* lookup) {
  const auto across = across_vintages(lookup, section.codes, layer, {Combine::kCount});
  AreaValues v = load_area_values(section, layer, section.area, {section.count}, true, "bad count",
                                  accounting, across ? &*across : nullptr, {kPopulationRange});
  Population p;
  p.by_area = std::move(v.values[0]);
  p.unmatched_codes = v.unmatched_codes;
  p.areas_without = v.areas_without;
  p.scale = section.scale;
  p.scaled_column = section.count.name;
  p.estimate = section.scale != 1;
  p.vintage = std::move(v.vintage);
  for (auto& count : p.by_area)
    if (count) *count *= section.scale;
  if (p.vintage && p.vintage->split > 0) p.estimate = true;
  p.estimated_areas.assign(p.by_area.size(), false);
  for (std::size_t a = 0; a < p.by_area.size(); ++a)
    p.estimated_areas[a] = p.estimate && p.by_area[a];
  return p;
}

}  // namespace reachmap
