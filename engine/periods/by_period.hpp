// The tables of [run] periods written as one long table each (indicators_<layer>_by_period.csv,
// centres_by_period.csv): a row per period and area, or centre, with the period first.
#pragma once

#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/periods/periods.hpp"

namespace reachmap {

// The columns that lead every row: `period` and `period_name`.
std::vector<std::string> period_header();
// A period's values of them: FROM..TO and its name.
std::vector<std::string> period_fields(const NamedPeriod& period);

// A period's table added to the CSV text of every period's (its header first, when the text is
// empty); every period's has the first's columns, as the same code made them.
void append_period_rows(std::string& text, const Table& table, const NamedPeriod& period);

}  // namespace reachmap
