// Disclosure control, applied once at the boundary to every public output: a count of
// children from 1 to min_count-1 is blanked, and so are that row's rates, interval bounds and
// derived counts; the row's `suppressed` flag is set. Target-group counts are blanked on their
// own without blanking the row. min_count = 0 turns it off.
#pragma once

#include "engine/core/table.hpp"

namespace reachmap {

struct DisclosureSummary {
  std::size_t rows_suppressed = 0;
  std::size_t cells_suppressed = 0;
};

DisclosureSummary apply_disclosure_control(Table& table, int min_count);

}  // namespace reachmap
