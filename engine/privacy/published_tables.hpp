// What each rule writes into a protected table, once disclosure control (disclosure.cpp) has
// decided: published_tables.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "engine/privacy/disclosure.hpp"

namespace reachmap {

// Per cell of one table, [row][column]: whether it is hidden, and the band it is published
// with. A view of one block that disclosure control keeps for every table it protects.
enum Hidden : char { kShown = 0, kPrimary = 1, kSecondary = 2 };
using Band = std::optional<std::pair<std::int64_t, std::int64_t>>;
template <class T>
class CellGrid {
 public:
  CellGrid(const T* cells, std::size_t columns) : cells_(cells), columns_(columns) {}
  const T* operator[](std::size_t row) const { return cells_ + row * columns_; }

 private:
  const T* cells_;
  std::size_t columns_;
};
using HiddenGrid = CellGrid<char>;
using BandGrid = CellGrid<Band>;

// Suppress: hidden counts blank with their bands written, rates of a hidden count from its
// band (or blank), statistics of it and, when local, of its neighbours blank; rows marked.
DisclosureSummary write_suppression(const TableToProtect& table, const HiddenGrid& hidden,
                                    const BandGrid& band);

// Round: every count a multiple of `base`, rates and derived counts from the rounded ones,
// statistics blank (the public analysis makes its own).
DisclosureSummary apply_rounding(Table& table, std::int64_t base);

// The whole numbers that round to what `v` rounds to: what an intruder knows of a count.
std::pair<std::int64_t, std::int64_t> rounding_interval(std::int64_t v, std::int64_t base);

// Round, perturb: the counts `withdrawn(row, column)` published blank, with their rates and
// derived counts; their rows marked suppressed.
void blank_counts(Table& table, const std::function<bool(std::size_t, std::size_t)>& withdrawn);

}  // namespace reachmap
