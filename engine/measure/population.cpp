#include "engine/measure/population.hpp"

#include "engine/measure/area_values.hpp"

namespace reachmap {

Population load_population(const PopulationSection& section, const BoundaryLayer& layer,
                           Accounting& accounting) {
  AreaValues v = load_area_values(section.path, section.display, layer, section.area,
                                  {section.count}, true, "bad count", accounting);
  return {std::move(v.values[0]), v.unmatched_codes, v.areas_without};
}

}  // namespace reachmap
