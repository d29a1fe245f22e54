// The services' columns of an area table ([services], [[language_gap]]): which kinds of
// session reach an area's children, and where a language's demand meets little provision.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/indicators.hpp"
#include "engine/measure/reach_areas.hpp"
#include "engine/measure/services.hpp"

namespace reachmap {

// For each type, seen_<type> (children of the area seen at least once at a service of it: a
// group count, with its cell key) and <type>_reach (of the under-5 population, with Wilson
// bounds); for each rule, seen_in_<code> (children seen at a service run in the language or in
// one of its `provision`), <code>_provision_share (of the demand: the group's population, else
// its registered children, with Wilson bounds) and language_gap_<code> (mark_language_gaps).
// Inserted before the table's bands. `marks` and `keys` are by child.
void add_service_columns(Table& t, const std::vector<long>& area_of_child,
                         const std::vector<std::uint64_t>& marks,
                         const std::vector<std::uint8_t>& keys, const ServiceCatalogue& catalogue,
                         const std::vector<LanguageGapRule>& rules,
                         const std::vector<TargetGroup>& groups);

// The centres' table with reach areas: for each type, reach_area_seen_<type> (the reach area's
// children seen at a service of it, anywhere: a group count, the sum of its areas'
// seen_<type>) and <type>_reach of the reach area's under-5s with Wilson bounds; blank for a
// centre without a reach area. `reach` is parallel to `centres`, matched to rows by id.
void add_centre_service_columns(Table& t, const std::vector<Centre>& centres,
                                const std::vector<std::optional<ReachArea>>& reach,
                                const std::vector<std::uint64_t>& marks,
                                const std::vector<std::uint8_t>& keys,
                                const ServiceCatalogue& catalogue);

// The column a rule's demand is read from: the group's population, else its registered count.
std::string demand_column(const LanguageGapRule& rule, const std::vector<TargetGroup>& groups);

// Sets each row's language_gap_<code> from the row's own cells: true where the demand is at
// least min_demand and the provision share below share_below, false where not, blank where
// either is blank. Run on the staff's table and again on each public one after disclosure
// control, so that a public flag says only what the published share does.
void mark_language_gaps(Table& t, const std::vector<LanguageGapRule>& rules,
                        const std::vector<TargetGroup>& groups);

}  // namespace reachmap
