// Reach and gap indicators per area and per centre, at full precision (before disclosure
// control).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/population.hpp"
#include "engine/measure/registrations.hpp"

namespace reachmap {

// A target group: a [registrations] groups column (its children are counted), a
// [[group_population]] (its denominator), or both (then it has a reach).
struct TargetGroup {
  std::string name;
  long flag = -1;        // its index in Registrations::groups, or -1
  long population = -1;  // its [[group_population]]'s index (the order of the sections), or -1
};

// The columns of each group's denominator and reach, appended to `t` (whose columns hold the
// counts `registered`/`seen` name): for each group with a population, <g>_population and, for
// one with a flag, its registered and seen reach with Wilson bounds (blank where the count is
// hidden: a group count has no band written, so its bounds would give one away).
void add_group_reach_columns(Table& t, const std::vector<TargetGroup>& groups,
                             const std::function<std::string(const std::string&)>& registered,
                             const std::function<std::string(const std::string&)>& seen);
// The cells of those columns for one row: group g's population and its counts.
void push_group_reach_cells(std::vector<Cell>& row, const std::optional<double>& population,
                            bool has_flag, std::int64_t registered, std::int64_t seen);

// One row per area in id order. `area_of_child[i]` is the area index of child i (-1 when the
// child is not counted or outside the layer). `population` is by area index, or empty when
// the layer has no denominator. An area `unmeasured` (no geometry where children are placed
// by geometry) gets blank counts and rates: nobody could be placed there, so 0 would be false.
Table area_indicators(const BoundaryLayer& layer, const std::vector<long>& area_of_child,
                      const Registrations& registrations, const Attendance& attendance,
                      int sustained_min_contacts,
                      const std::vector<std::optional<double>>& population,
                      const std::vector<bool>& unmeasured = {},
                      const std::vector<TargetGroup>& groups = {},
                      const std::vector<Population>& group_populations = {});

// Where columns added after the counts go: before the first band (or `suppressed`), which
// stay last.
std::size_t first_band_column(const Table& t);

// Cells shared by the area and centre tables: count / population (blank without one); the
// Wilson 95% bounds of it pushed onto `row` (blank when the count exceeds the population, a
// stale denominator); children not seen, max(0, population - seen), in whole children even
// from an estimated population.
Cell rate_cell(std::int64_t count, const std::optional<double>& population);
void push_wilson_cells(std::vector<Cell>& row, std::int64_t count,
                       const std::optional<double>& population);
Cell unreached_cell(std::int64_t seen, const std::optional<double>& population);

// Adds `under5_population_estimated` (true where the area's population is an estimate, blank
// where it has none).
void mark_estimated(Table& indicators, const std::vector<bool>& estimated);

}  // namespace reachmap
