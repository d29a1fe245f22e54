#include "engine/privacy/link_cells.hpp"

#include <algorithm>

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
                     const std::vector<std::pair<CellRef, CellRef>>& order_pairs)
    : numbers_(&numbers) {
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

void LinkCells::index_cells() {
  if (!cell_start_.empty()) return;
  const auto each = [&](auto&& f) {
    for (std::size_t l = 0; l < link_count(); ++l) each_at(l, [&](std::uint32_t at) { f(at, l); });
  };
  cell_start_.assign(numbers_->size() + 1, 0);
  each([&](std::uint32_t at, std::size_t) { ++cell_start_[at + 1]; });
  for (std::size_t c = 0; c < numbers_->size(); ++c) cell_start_[c + 1] += cell_start_[c];
  cell_links_.resize(cell_start_.back());
  std::vector<std::size_t> next(cell_start_.begin(), cell_start_.end() - 1);
  each([&](std::uint32_t at, std::size_t l) { cell_links_[next[at]++] = std::uint32_t(l); });
}

CellRef LinkCells::cell_ref(std::size_t cell) const {
  const auto& first = numbers_->first;
  const auto table =
      std::size_t(std::upper_bound(first.begin(), first.end(), cell) - first.begin() - 1);
  const std::size_t within = cell - first[table], width = numbers_->width[table];
  return {table, within / width, within % width};
}

}  // namespace reachmap::detail
