// Figures per centre (one row per centre in id order: centres listed in the input and centres
// named in the attendance): children seen there, where they live, and, when the centre has a
// reach area, registered / seen / sustained reach of the under-5s living in it (with intervals),
// the share of its children living outside it and the children in it seen only by other
// centres. Full precision, before disclosure control. `child_keys` (by child index; absent: 0)
// are the record keys whose sums are each count's cell key (Table::cell_keys); `child_groups`
// (by child index) each child's target groups as bits of the groups' flags, for each group's
// counts, population and reach in the reach area.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/indicators.hpp"
#include "engine/measure/reach_areas.hpp"

namespace reachmap {

struct LayerAreas {
  std::string name;
  const std::vector<long>* area_of_child;
};

Table centre_indicators(const Attendance& attendance, const std::vector<LayerAreas>& layers,
                        const std::vector<Centre>& centres, int sustained_min_contacts,
                        const std::vector<std::optional<ReachArea>>& reach = {},
                        const std::vector<std::uint8_t>& child_keys = {},
                        const std::vector<TargetGroup>& groups = {},
                        const std::vector<std::uint64_t>& child_groups = {});

}  // namespace reachmap
