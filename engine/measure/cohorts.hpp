// The early-years cohorts a city-wide data group asks about: children who turned 5 in the
// period and whom no setting ever saw before (never_seen_by_5: they started school unmet), and
// children who turned 1 in it and were seen before that birthday (seen_before_1: reached early).
// Counted from the registrations and each child's earliest contact in the attendance file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/table.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/registrations.hpp"

namespace reachmap {

// [run] never_seen_by_5, seen_before_1: which cohorts a run counts (both off by default: the
// first needs five years of attendance before the period).
struct CohortOptions {
  bool never_seen_by_5 = false;
  bool seen_before_1 = false;
  bool any() const { return never_seen_by_5 || seen_before_1; }
};

// Whether a child born on `birth` had its `years`th birthday within `period` (both ends in).
bool turned_in(const Date& birth, int years, const Period& period);

// The registered children whose fifth birthday fell in the period, registered by its end. They
// are 5 at the end, so not counted (Child::counted): a run places them in each layer apart.
std::vector<std::size_t> turned_5_children(const Registrations& registrations,
                                           const Period& period);

// What the cohort columns are counted from: by child (Registrations::children), the day of its
// earliest contact (Attendance::first_contact) and its area in the layer among the counted
// children (area_of_child); the fifth-birthday cohort's children and their areas.
struct CohortInput {
  const Registrations& registrations;
  const Period& period;
  const std::vector<std::int32_t>& first_contact;
  const std::vector<long>& area_of_child;
  const std::vector<std::size_t>& turned_5;
  const std::vector<long>& area_of_turned_5;
};

// Adds the columns of the cohorts `options` asks for to an area table, before its bands:
// turned_5_children, never_seen_by_5 and its share with Wilson bounds; turned_1_children,
// seen_before_1 and its share. The counts get bands and cell keys like every other. A contact
// before birth (antenatal, recorded against the child) counts as seen.
void add_cohort_columns(Table& t, const CohortOptions& options, const CohortInput& in);

// The same for each centre's reach area (blank for the rows of centres without one):
// reach_area_turned_5_children, reach_area_never_seen_by_5 and the area table's share columns
// over them, likewise for the first birthday. `areas_of_centre[k]` (parallel to `centres`) are
// the areas of `in`'s placement a centre's reach area is made of: its layer areas, or the one
// polygon it is drawn as (nullopt: it has no reach area); its counts are their sums (0 over
// none: a reach area whose ids the layer lacks, as its other counts).
void add_centre_cohort_columns(
    Table& centre_table, const std::vector<Centre>& centres,
    const std::vector<std::optional<std::vector<std::size_t>>>& areas_of_centre,
    const CohortOptions& options, const CohortInput& in);

}  // namespace reachmap
