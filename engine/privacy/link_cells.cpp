#include "engine/privacy/link_cells.hpp"

#include <stdexcept>

namespace reachmap::detail {

CellNumbers::CellNumbers(const std::vector<TableToProtect>& tables) : first{0} {
  for (const TableToProtect& tp : tables) {
    width.push_back(tp.table->columns.size());
    first.push_back(first.back() + tp.table->rows.size() * width.back());
  }
  if (first.back() >= LinkCells::kNone)
    throw std::runtime_error(
        "disclosure control: more than 4 billion cells in the tables "
        "protected together; protect fewer layers in one run");
}

LinkCells::LinkCells(const CellNumbers& numbers, const std::vector<TableToProtect>& tables,
                     const std::vector<Relation>& relations,
                     const std::vector<std::pair<CellRef, CellRef>>& order_pairs) {
  const auto of = [&](const CellRef& r) {
    return Cell{std::uint32_t(numbers(r)),
                cell_number(tables[r.table].table->rows[r.row][r.column])};
  };
  start_.reserve(relations.size() + 1);
  totals.reserve(relations.size());
  total_counts.reserve(relations.size());
  for (const Relation& rel : relations) {
    start_.push_back(parts_.size());
    for (const CellRef& p : rel.parts) parts_.push_back(of(p));
    totals.push_back(rel.total ? of(*rel.total) : Cell{});
    total_counts.push_back(
        rel.total &&
        is_count_kind(tables[rel.total->table].table->columns[rel.total->column].kind));
  }
  start_.push_back(parts_.size());
  orders.reserve(order_pairs.size());
  for (const auto& [lower, higher] : order_pairs) orders.push_back({of(lower), of(higher)});
}

}  // namespace reachmap::detail
