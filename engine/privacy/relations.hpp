// Where one published figure is the sum of others across tables, so that secondary suppression
// can stop a hidden count being recovered by subtraction: areas nested in the areas of another
// layer, a layer's total, and areas making up a centre's reach area.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/privacy/disclosure.hpp"

namespace reachmap {

// A count kind that adds up over areas (a derived count, population - seen, does not).
bool adds_over_areas(ColumnKind kind);

// For every count column of `table` (by column name): the layer total (published in effect:
// the manifest counts children placed in the layer) = the sum of its areas.
std::vector<Relation> total_relations(const Table& table, std::size_t table_index);

// When the areas of layer `fine` nest in those of layer `coarse` (at least `agreement` of the
// children placed in both fall in the coarse area holding most of their fine area's children),
// each coarse area's counts = the sum of its fine areas', for every count column both have.
std::vector<Relation> nesting_relations(const Table& fine, std::size_t fine_index,
                                        const std::vector<long>& fine_area_of_child,
                                        const Table& coarse, std::size_t coarse_index,
                                        const std::vector<long>& coarse_area_of_child,
                                        double agreement = 0.99);

// A total over a set of rows: `total` (a cell of another table) = the sum of column
// `part_column` over `rows` of table `part_table`.
Relation sum_relation(CellRef total, std::size_t part_table, std::size_t part_column,
                      const std::vector<std::size_t>& rows);

// The areas of `whole` that none of `pieces` holds (each a sorted or unsorted list of areas).
std::vector<std::size_t> areas_in_no_piece(
    const std::vector<std::size_t>& whole,
    const std::vector<const std::vector<std::size_t>*>& pieces);

// A whole row of a table over its areas (an equity or groups table's "all areas") = the sum of
// its pieces' rows (the deciles) and of the areas no piece holds, for each column of
// `columns`: (the table's column, the same count's column in the areas' table, or -1 when the
// areas' table has none: then only when every area is in a piece). Implied by each row's own
// sum over its areas, but those are long rows, which the audit takes loosely above a few
// hundred hidden counts (the other parts' share as one slack): a decile's hidden group count
// was then the whole less the other deciles' published ones, and the audit did not see it.
std::vector<Relation> whole_of_pieces(std::size_t table, std::size_t whole,
                                      const std::vector<std::size_t>& pieces,
                                      const std::vector<std::vector<std::size_t>>& members,
                                      std::size_t area_table,
                                      const std::vector<std::pair<std::size_t, int>>& columns);

// The orders (a <= b) between count columns that any reader knows from what they mean:
// sustained <= seen <= registered, known_seen <= known_registered <= known_children, ..., and
// for each target group's column in `groups` (seen_<g>, registered_<g>) its count <= its
// whole. By name: a table has the columns or not.
// With `settings` (the table has seen_any_setting or reach_area_seen_any_setting), a service's
// or a kind of setting's count is at most any setting's, not the headline's.
std::vector<std::pair<std::string, std::string>> meaning_orders(
    const std::vector<std::string>& groups, bool settings = false);

// The orders between count columns of one row (a <= b) that any reader knows from what the
// columns mean (sustained <= seen <= registered, a group's count <= its whole, ...), where the
// row's counts are numbers: what the intruder's audit adds to the sums.
std::vector<std::pair<CellRef, CellRef>> column_orders(const std::vector<TableToProtect>& tables);

}  // namespace reachmap
