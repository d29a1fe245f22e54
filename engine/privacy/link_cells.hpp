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

 private:
  std::vector<std::size_t> start_;  // [relation]: its first part in parts_; [relations]: end
  std::vector<Cell> parts_;
};

}  // namespace reachmap::detail
