// Reach of each target group against everyone else (groups_<layer>.csv), over all areas and by
// deprivation decile, as the equity gradient is: for each group with both a flag in the
// registrations and a population ([[group_population]]), the group's children registered and
// seen over its population, everyone else's over the rest of the under-5s, and their ratio
// with a 95% interval (log method). Counts and rates are made from the areas' true counts and
// protected with the area tables (each row's counts are sums of its areas'); the ratios and the
// sentence are worked out afterwards from whatever counts the table then holds
// (add_group_comparison), so the public ones come from the protected counts alone.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

struct GroupEquity {
  Table table;  // target_group, group, imd_decile, areas, populations, counts, reach
  std::vector<std::vector<std::size_t>> members;  // by row: the indicator rows summed into it
  std::vector<std::size_t> group;                 // by row: its index in `groups`
};

// `indicators` is a layer's area table (with imd_decile when the layer has deprivation).
// Areas with both populations and measured counts are summed; a decile with none is left out.
// Groups without a flag or a population get no rows.
GroupEquity group_equity(const Table& indicators, const std::vector<TargetGroup>& groups);

// A ratio of two proportions, (a / n1) / (b / n2), with its 95% interval by the log method
// (Katz): exp(ln ratio +- 1.96 sqrt(1/a - 1/n1 + 1/b - 1/n2)). Nullopt when either count is 0,
// or a count exceeds its population (a stale denominator).
struct RatioInterval {
  double ratio, low, high;
};
std::optional<RatioInterval> reach_ratio(double a, double n1, double b, double n2);

// Appends registered_reach_ratio and seen_reach_ratio (each with _low and _high) and the
// finding, worked out from each row's counts and populations as the table holds them (blank
// where a count is blank: hidden).
void add_group_comparison(Table& groups_table);

// The sentence for one row: `ratio` of seen reach (nullopt: not computable, `why`).
std::string group_finding(const std::string& group, const std::string& where,
                          const std::optional<RatioInterval>& ratio, const std::string& why);

}  // namespace reachmap
