// Counts of children by their marks (services' types and languages, kinds of setting): per area
// of a layer or over a list of children, each with its cell key; and a count's share with its
// Wilson bounds as columns and cells.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/record_key.hpp"
#include "engine/core/table.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

// Per area and mask (count[a * masks.size() + j]): the children of the area whose marks meet
// mask j, and the sum of their record keys.
struct MarkedCounts {
  std::size_t masks = 0;
  std::vector<std::int64_t> count;
  std::vector<std::uint8_t> key;
  std::int64_t at(std::size_t area, std::size_t mask) const { return count[area * masks + mask]; }
};

template <class Mark>
MarkedCounts count_marks(std::size_t areas, const std::vector<long>& area_of_child,
                         const std::vector<Mark>& marks, const std::vector<std::uint8_t>& keys,
                         const std::vector<std::uint64_t>& masks) {
  MarkedCounts out{masks.size(), std::vector<std::int64_t>(areas * masks.size(), 0),
                   std::vector<std::uint8_t>(areas * masks.size(), 0)};
  for (std::size_t c = 0; c < marks.size() && c < area_of_child.size(); ++c) {
    if (!marks[c] || area_of_child[c] < 0) continue;
    const std::size_t a = std::size_t(area_of_child[c]);
    for (std::size_t j = 0; j < masks.size(); ++j)
      if (std::uint64_t(marks[c]) & masks[j])
        ++out.count[a * masks.size() + j],
            add_key(out.key[a * masks.size() + j], c < keys.size() ? keys[c] : 0);
  }
  return out;
}

// The same over one list of children (a centre's reach area): one "area".
template <class Mark>
MarkedCounts count_marks_of(const std::vector<std::size_t>& children,
                            const std::vector<Mark>& marks, const std::vector<std::uint8_t>& keys,
                            const std::vector<std::uint64_t>& masks) {
  MarkedCounts out{masks.size(), std::vector<std::int64_t>(masks.size(), 0),
                   std::vector<std::uint8_t>(masks.size(), 0)};
  for (const std::size_t c : children)
    for (std::size_t j = 0; j < masks.size() && c < marks.size(); ++j)
      if (std::uint64_t(marks[c]) & masks[j])
        ++out.count[j], add_key(out.key[j], c < keys.size() ? keys[c] : 0);
  return out;
}

// A count's share of `denominator` with its Wilson bounds: the three columns, and a row's cells.
inline void push_share_columns(std::vector<TableColumn>& columns, const std::string& share,
                               const std::string& count, const std::string& denominator) {
  columns.push_back({share, ColumnKind::kRate, count, Formula::kProportion, denominator});
  columns.push_back({low_of(share), ColumnKind::kRate, count, Formula::kWilsonLow, denominator});
  columns.push_back({high_of(share), ColumnKind::kRate, count, Formula::kWilsonHigh, denominator});
}
inline void push_share_cells(std::vector<Cell>& cells, std::int64_t count,
                             const std::optional<double>& denominator) {
  cells.push_back(rate_cell(count, denominator));
  push_wilson_cells(cells, count, denominator);
}

}  // namespace reachmap
