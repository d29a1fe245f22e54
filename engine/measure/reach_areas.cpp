#include "engine/measure/reach_areas.hpp"

namespace reachmap {

std::vector<std::optional<ReachArea>> reach_areas_from_ids(const std::vector<Centre>& centres,
                                                           const BoundaryLayer& layer,
                                                           const std::vector<long>& area_of_child,
                                                           const Population* population,
                                                           std::size_t& unknown_ids) {
  std::vector<std::optional<ReachArea>> out;
  for (const Centre& c : centres) {
    if (c.reach_area_ids.empty()) {
      out.emplace_back();
      continue;
    }
    ReachArea ra;
    std::vector<char> member(layer.areas.size(), 0);
    for (const auto& id : c.reach_area_ids) {
      const long idx = layer.find(id);
      if (idx < 0) {
        ++unknown_ids;
      } else if (!member[std::size_t(idx)]) {
        member[std::size_t(idx)] = 1;
        ra.areas.push_back(std::size_t(idx));
      }
    }
    ra.child_inside.assign(area_of_child.size(), 0);
    for (std::size_t ch = 0; ch < area_of_child.size(); ++ch)
      ra.child_inside[ch] = area_of_child[ch] >= 0 && member[std::size_t(area_of_child[ch])];
    if (population) {
      double sum = 0;
      bool complete = !ra.areas.empty();
      for (std::size_t m : ra.areas) {
        const auto& v = population->by_area[m];
        complete &= v.has_value();
        sum += v.value_or(0);
        ra.population_estimated |= population->estimated_areas[m];
      }
      if (complete) ra.population = sum;
    }
    out.push_back(std::move(ra));
  }
  return out;
}

std::vector<std::optional<ReachArea>> reach_areas_from_polygons(
    const std::vector<Centre>& centres, const BoundaryLayer& polygons,
    const std::vector<long>& area_of_child, const Population* population) {
  std::vector<std::optional<ReachArea>> out;
  for (const Centre& c : centres) {
    const long idx = polygons.find(c.id);
    if (idx < 0) {
      out.emplace_back();
      continue;
    }
    ReachArea ra;
    ra.child_inside.assign(area_of_child.size(), 0);
    for (std::size_t ch = 0; ch < area_of_child.size(); ++ch)
      ra.child_inside[ch] = area_of_child[ch] == idx;
    if (population) {
      ra.population = population->by_area[std::size_t(idx)];
      ra.population_estimated = population->estimated_areas[std::size_t(idx)];
    }
    out.push_back(std::move(ra));
  }
  return out;
}

}  // namespace reachmap
