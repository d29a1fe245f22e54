// A typed output table: what the CSV and GeoPackage writers write and what disclosure control
// reads. Column kinds tell disclosure control which cells are counts of children.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace reachmap {

enum class ColumnKind {
  kText,        // identifiers and names
  kCount,       // a count of children: suppressed when from 1 to min_count-1, and then the
                // row's rates and derived counts are blanked too
  kGroupCount,  // a target-group count: blanked on its own when from 1 to min_count-1
  kPopulation,  // published denominator: never suppressed
  kRate,        // derived from counts: blanked with the row's suppression
  kDerived,     // a count derived from others (unreached): blanked with the row's suppression
  kFlag,        // true/false
};

struct TableColumn {
  std::string name;
  ColumnKind kind;
};

// Empty (monostate) is written as a blank field / NULL.
using Cell = std::variant<std::monostate, std::string, double, std::int64_t, bool>;

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<Cell>> rows;

  int column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (columns[i].name == name) return static_cast<int>(i);
    return -1;
  }
};

std::string format_cell(const Cell& cell);

}  // namespace reachmap
