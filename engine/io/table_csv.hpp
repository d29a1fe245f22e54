// A table as CSV: its header and its rows, each optionally led by fields of the caller's (the
// period of indicators_<layer>_by_period.csv). Text cells are neutralised as formulas.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/core/table.hpp"

namespace reachmap {

std::vector<std::string> table_header(const Table& table, std::vector<std::string> lead = {});

void write_table_rows(std::ostream& out, const Table& table,
                      const std::vector<std::string>& lead = {});

}  // namespace reachmap
