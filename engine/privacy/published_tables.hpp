// What each rule writes into a protected table, once disclosure control (disclosure.cpp) has
// decided: published_tables.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "engine/privacy/disclosure.hpp"

namespace reachmap {

// Per cell of one table, [row][column]: whether it is hidden, and the band it is published
// with.
enum Hidden : char { kShown = 0, kPrimary = 1, kSecondary = 2 };
using HiddenGrid = std::vector<std::vector<char>>;
using BandGrid = std::vector<std::vector<std::optional<std::pair<std::int64_t, std::int64_t>>>>;

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
