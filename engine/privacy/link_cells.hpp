// The cells of the tables protected together as numbers, and the relations and orders between
// them with each cell's number and value read once. Secondary suppression and the intruder's
// audit go through every link each round; reading each cell from its table (a variant in a row
// of its own) every time was most of a round's cost on a national set.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "engine/privacy/disclosure.hpp"

namespace reachmap::detail {

// Every cell of the tables, numbered table by table, row by row.
struct CellNumbers {
  std::vector<std::size_t> first;  // [table]: its first cell's number; [tables]: the count
  std::vector<std::size_t> width;  // [table]: its columns
  explicit CellNumbers(const std::vector<TableToProtect>& tables);
  std::size_t size() const { return first.back(); }
  std::size_t operator()(const CellRef& r) const {
    return first[r.table] + r.row * width[r.table] + r.column;
  }
};

struct LinkCells {
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  struct Cell {
    std::uint32_t at = kNone;     // its number; kNone: no cell (a relation without a total)
    std::optional<double> value;  // cell_number of it
  };
  LinkCells(const CellNumbers& numbers, const std::vector<TableToProtect>& tables,
            const std::vector<Relation>& relations,
            const std::vector<std::pair<CellRef, CellRef>>& orders);
  std::span<const Cell> parts(std::size_t relation) const {
    return {parts_.data() + start_[relation], start_[relation + 1] - start_[relation]};
  }
  std::vector<Cell> totals;                 // [relation]
  std::vector<char> total_counts;           // [relation]: its total is a count (is_count_kind)
  std::vector<std::array<Cell, 2>> orders;  // (the lower count, the higher)

  // The links (relations, then orders, numbered as Links) each cell is in: built by
  // index_cells, for the audit's remedy that looks ahead, which alone needs them.
  void index_cells();
  std::span<const std::uint32_t> links_of(std::size_t cell) const {
    return {cell_links_.data() + cell_start_[cell], cell_start_[cell + 1] - cell_start_[cell]};
  }
  CellRef cell_ref(std::size_t cell) const;
  std::size_t link_count() const { return totals.size() + orders.size(); }
  // Calls f(cell number) for each cell of link `l`.
  template <class F>
  void each_at(std::size_t l, F&& f) const {
    if (l < totals.size()) {
      for (const Cell& c : parts(l)) f(c.at);
      if (totals[l].at != kNone) f(totals[l].at);
    } else {
      for (const Cell& c : orders[l - totals.size()]) f(c.at);
    }
  }

 private:
  const CellNumbers* numbers_;
  std::vector<std::size_t> cell_start_;  // index_cells: [cell] its first link in cell_links_
  std::vector<std::uint32_t> cell_links_;
  std::vector<std::size_t> start_;  // [relation]: its first part in parts_; [relations]: end
  std::vector<Cell> parts_;
};

}  // namespace reachmap::detail
