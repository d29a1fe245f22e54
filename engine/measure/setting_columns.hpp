// The settings' columns of the area and centre tables ([centres] setting_type): how many
// children any setting saw, each kind of setting saw, and more than one setting saw.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/reach_areas.hpp"
#include "engine/measure/setting_types.hpp"

namespace reachmap {

// Per area, before the table's bands: seen_any_setting and any_setting_reach (of the under-5s),
// for each kind seen_by_<kind> and <kind>_setting_reach, then seen_multi_setting and
// multi_setting_share (of those seen by any setting); each share with its Wilson bounds, each
// count a group count with its cell key. `marks` and `keys` are by child.
void add_setting_columns(Table& t, const std::vector<long>& area_of_child,
                         const std::vector<std::uint32_t>& marks,
                         const std::vector<std::uint8_t>& keys, const SettingTypes& settings);

// centres.csv: setting_type after the centre's name; with reach areas, the same counts over
// each reach area (reach_area_seen_any_setting, reach_area_seen_by_<kind>,
// reach_area_seen_multi_setting: the sums of its areas') with their shares; blank for a centre
// without one. `reach` is parallel to `centres`, matched to rows by id.
void add_centre_setting_columns(Table& t, const std::vector<Centre>& centres,
                                const std::vector<std::optional<ReachArea>>& reach,
                                const std::vector<std::uint32_t>& marks,
                                const std::vector<std::uint8_t>& keys,
                                const SettingTypes& settings);

// The count columns' names, in table order: any, each kind, more than one; in an area table
// (`reach_area` false) or centres.csv.
std::vector<std::string> setting_count_columns(const SettingTypes& settings, bool reach_area);

}  // namespace reachmap
