// Measuring a period's tables: every layer's indicators and the centres', from the children
// counted in it, their contacts in it and where they live. The run's own period and each of
// [run] periods (period_measures.hpp) are measured by the same code, so their columns agree.
#pragma once

#include <optional>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/config/config.hpp"

namespace reachmap {

// What one period's tables are measured from. The children counted in it are those with
// Child::counted set while it is measured.
struct MeasureView {
  Period period;
  const Attendance& attendance;
  std::vector<const std::vector<long>*> area_of_child;     // by layer, by child: -1 not counted
  const std::vector<std::size_t>& turned_5;                // never_seen_by_5: the fifth birthdays
  std::vector<const std::vector<long>*> area_of_turned_5;  // by layer, by turned_5
  const std::vector<std::optional<ReachArea>>& reach_by_centre;  // empty: no reach areas
  const std::vector<long>* reach_area_of_child = nullptr;        // reach polygons, by child
  const std::vector<long>* reach_area_of_turned_5 = nullptr;     // ... by turned_5
};

// The run's own period as a MeasureView of the analysis.
MeasureView own_period(const Analysis& a);

// Layer `i`'s indicators (LayerResult::indicators before the analysis adds its columns).
Table measure_layer(const Config& config, const Analysis& a, std::size_t i,
                    const MeasureView& view);

// The centres' table (Analysis::centre_table).
Table measure_centres(const Config& config, const Analysis& a, const MeasureView& view);

}  // namespace reachmap
