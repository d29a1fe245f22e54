#include "engine/measure/reach_areas.hpp"

namespace reachmap {

namespace {
// The sum of `p` over `areas`; none when any has none (or there are none).
std::optional<double> sum_over(const Population& p, const std::vector<std::size_t>& areas,
                               bool* estimated = nullptr) {
  double sum = 0;
  bool complete = !areas.empty();
  for (std::size_t m : areas) {
    const auto& v = p.by_area[m];
    complete &= v.has_value();
    sum += v.value_or(0);
    if (estimated) *estimated |= p.estimated_areas[m];
  }
  return complete ? std::optional<double>(sum) : std::nullopt;
}
}  // namespace

std::vector<std::vector<std::size_t>> reach_area_members(const std::vector<Centre>& centres,
                                                         const BoundaryLayer& layer,
                                                         std::size_t* unknown_ids) {
  std::vector<std::vector<std::size_t>> out(centres.size());
  std::vector<std::size_t> listed_by(layer.areas.size(), centres.size());  // the last centre
  for (std::size_t k = 0; k < centres.size(); ++k)
    for (const auto& id : centres[k].reach_area_ids) {
      const long idx = layer.find(id);
      if (idx < 0) {
        if (unknown_ids) ++*unknown_ids;
      } else if (listed_by[std::size_t(idx)] != k) {
        listed_by[std::size_t(idx)] = k;
        out[k].push_back(std::size_t(idx));
      }
    }
  return out;
}

std::vector<std::optional<ReachArea>> reach_areas_from_ids(const std::vector<Centre>& centres,
                                                           const BoundaryLayer& layer,
                                                           const std::vector<long>& area_of_child,
                                                           const Population* population,
                                                           std::size_t& unknown_ids,
                                                           const std::vector<Population>& groups) {
  std::vector<std::optional<ReachArea>> out;
  // Which centres' reach areas hold each area (reach areas may overlap): one pass over the
  // children then fills every reach area, whatever the number of centres.
  std::vector<std::vector<std::size_t>> centres_of_area(layer.areas.size());
  std::vector<std::vector<std::size_t>> members = reach_area_members(centres, layer, &unknown_ids);
  for (std::size_t k = 0; k < centres.size(); ++k) {
    if (centres[k].reach_area_ids.empty()) {
      out.emplace_back();
      continue;
    }
    ReachArea ra;
    ra.areas = std::move(members[k]);
    for (std::size_t idx : ra.areas) centres_of_area[idx].push_back(k);
    if (population) ra.population = sum_over(*population, ra.areas, &ra.population_estimated);
    for (const Population& g : groups) ra.group_population.push_back(sum_over(g, ra.areas));
    out.push_back(std::move(ra));
  }
  for (std::size_t ch = 0; ch < area_of_child.size(); ++ch)
    if (area_of_child[ch] >= 0)
      for (std::size_t k : centres_of_area[std::size_t(area_of_child[ch])])
        out[k]->children.push_back(ch);
  return out;
}

std::vector<std::optional<ReachArea>> reach_areas_from_polygons(
    const std::vector<Centre>& centres, const BoundaryLayer& polygons,
    const std::vector<long>& area_of_child, const Population* population,
    const std::vector<Population>& groups) {
  std::vector<std::optional<ReachArea>> out;
  std::vector<long> centre_of_polygon(polygons.areas.size(), -1);
  for (std::size_t k = 0; k < centres.size(); ++k) {
    const long idx = polygons.find(centres[k].id);
    if (idx < 0) {
      out.emplace_back();
      continue;
    }
    centre_of_polygon[std::size_t(idx)] = static_cast<long>(k);
    ReachArea ra;
    if (population) {
      ra.population = population->by_area[std::size_t(idx)];
      ra.population_estimated = population->estimated_areas[std::size_t(idx)];
    }
    for (const Population& g : groups) ra.group_population.push_back(g.by_area[std::size_t(idx)]);
    out.push_back(std::move(ra));
  }
  for (std::size_t ch = 0; ch < area_of_child.size(); ++ch)
    if (area_of_child[ch] >= 0)
      if (const long k = centre_of_polygon[std::size_t(area_of_child[ch])]; k >= 0)
        out[std::size_t(k)]->children.push_back(ch);
  return out;
}

}  // namespace reachmap
