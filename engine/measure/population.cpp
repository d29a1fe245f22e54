#include "engine/measure/population.hpp"

#include "engine/measure/area_values.hpp"

namespace reachmap {

Population load_population(const PopulationSection& section, const BoundaryLayer& layer,
                           Accounting& accounting, const VintageLookup* lookup) {
  const auto across = across_vintages(lookup, section.codes, layer, {Combine::kCount});
  AreaValues v =
      load_area_values(section.path, section.display, layer, section.area, {section.count}, true,
                       "bad count", accounting, across ? &*across : nullptr);
  Population p{std::move(v.values[0]), v.unmatched_codes,  v.areas_without,
               section.scale,          section.scale != 1, std::move(v.vintage)};
  for (auto& count : p.by_area)
    if (count) *count *= section.scale;
  if (p.vintage && p.vintage->split > 0) p.estimate = true;
  p.estimated_areas.assign(p.by_area.size(), false);
  for (std::size_t a = 0; a < p.by_area.size(); ++a)
    p.estimated_areas[a] = p.estimate && p.by_area[a];
  return p;
}

}  // namespace reachmap
