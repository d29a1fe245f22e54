// The tables of [run] periods as one long table each (indicators_<layer>_by_period.csv,
// centres_by_period.csv): a row per period and area, or centre.
#pragma once

#include <vector>

#include "engine/core/table.hpp"
#include "engine/periods/periods.hpp"

namespace reachmap {

// The periods' tables (the same columns each, in the periods' order) stacked: `period`
// (FROM..TO) and `period_name` first, then each table's columns; cell keys stacked likewise.
Table stack_periods(const std::vector<NamedPeriod>& periods,
                    const std::vector<const Table*>& tables);

}  // namespace reachmap
