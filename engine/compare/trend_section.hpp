// change.html's trend section: seen reach period by period with its 95% interval, one chart
// for the whole area and a small one per centre's reach area (engine/compare/trend.hpp).
#pragma once

#include <string>
#include <vector>

#include "engine/compare/trend.hpp"

namespace reachmap {

// "" when there is nothing to chart. `periods`: "2025-04-01..2025-09-30", oldest first.
std::string trend_section_html(const std::vector<TrendSeries>& series,
                               const std::vector<std::string>& periods);

// "Apr-Sep 2025" (or "Oct 2025-Mar 2026") for a period written FROM..TO.
std::string short_period(const std::string& period);

}  // namespace reachmap
