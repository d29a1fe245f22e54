// Reach by deprivation decile (the equity gradient): a layer's areas grouped by their IMD
// decile, each group's children and population summed and its reach given with Wilson 95%
// intervals, after one row for all areas together (the report's headline figures). Computed
// on the true counts of every area; disclosure control protects it together with the area
// tables (a group's count is the sum of its areas', see `members`).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/core/table.hpp"

namespace reachmap {

struct EquityGradient {
  // columns group, imd_decile, areas, under5_population, counts, reach, the cohorts' counts and
  // shares where the area table has them, bands
  Table table;
  std::vector<std::vector<std::size_t>> members;  // by row: the indicator rows summed into it
};

// `indicators` is a layer's area table (area_indicators, with imd_decile when the layer has
// deprivation). Areas without a population are left out (reach needs one); deciles with no
// area are left out; without imd_decile only the row for all areas is made.
EquityGradient equity_gradient(const Table& indicators);

// A row's group of areas in words: "all areas" (decile 0), "decile 1 (most deprived)", ...
std::string decile_group_name(int decile);

}  // namespace reachmap
