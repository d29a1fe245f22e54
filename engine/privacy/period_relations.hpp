// The relations within one period's published tables (the run's own period, or one of
// [run] periods): each layer's total, a layer's areas nested in another's, a centre's reach
// area as the sum of its areas, and the settings' counts of an area. protect.hpp adds those of
// the run's equity and groups tables; protect_periods.hpp those across periods.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

// Where one period's tables sit among the tables protected together.
struct PeriodTablesAt {
  std::vector<std::size_t> layers;  // by layer of the run
  std::size_t centres = 0;
};

// `layers` (by layer) and `centres` are the period's measures, at `at` among the tables: the
// sums over areas (each layer's total, the nesting), then the rest (area_sum_relations, then
// centre_and_setting_relations: the run's own adds its equity tables' between, in that order).
std::vector<Relation> period_relations(const Analysis& a, const std::vector<const Table*>& layers,
                                       const Table& centres, const PeriodTablesAt& at);
std::vector<Relation> area_sum_relations(const Analysis& a, const std::vector<const Table*>& layers,
                                         const PeriodTablesAt& at);
std::vector<Relation> centre_and_setting_relations(const Analysis& a,
                                                   const std::vector<const Table*>& layers,
                                                   const Table& centres, const PeriodTablesAt& at);

}  // namespace reachmap
