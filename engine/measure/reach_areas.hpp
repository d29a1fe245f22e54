// Centres' reach areas (children's centres in England were judged on theirs): which counted
// children live in each and how many under-5s do, from a list of a layer's area ids per centre
// or from polygons with the centre's id.
#pragma once

#include <optional>
#include <vector>

#include "engine/geo/boundary_layer.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/population.hpp"

namespace reachmap {

struct ReachArea {
  std::vector<std::size_t> children;  // indices of the counted children living in it, sorted
  std::optional<double> population;
  bool population_estimated = false;
  std::vector<std::size_t> areas;  // the layer areas it is made of (for disclosure control)
  std::vector<std::optional<double>> group_population;  // each [[group_population]]'s, in order
};

// The rows of `layer` each centre's reach area is made of: its listed ids found in the layer,
// each once, in list order (none for a centre without ids). Ids not in the layer are counted
// into `unknown_ids` when given.
std::vector<std::vector<std::size_t>> reach_area_members(const std::vector<Centre>& centres,
                                                         const BoundaryLayer& layer,
                                                         std::size_t* unknown_ids = nullptr);

// Per centre (in `centres` order; none for a centre without ids): the union of its listed areas
// of `layer`, whose children are `area_of_child` (by child index, -1 outside). The population
// is the sum of the areas' (none when any area has none), and each group's too. Ids not in the
// layer are counted.
std::vector<std::optional<ReachArea>> reach_areas_from_ids(
    const std::vector<Centre>& centres, const BoundaryLayer& layer,
    const std::vector<long>& area_of_child, const Population* population, std::size_t& unknown_ids,
    const std::vector<Population>& groups = {});

// Per centre: the polygon whose id is the centre's (none when there is none).
std::vector<std::optional<ReachArea>> reach_areas_from_polygons(
    const std::vector<Centre>& centres, const BoundaryLayer& polygons,
    const std::vector<long>& area_of_child, const Population* population,
    const std::vector<Population>& groups = {});

}  // namespace reachmap
