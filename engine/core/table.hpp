// A typed output table: what the CSV and GeoPackage writers write and what disclosure control
// reads. Each column says what it is (a count of children, a rate computed from one, a
// statistic, ...) so that disclosure control, applied once at the door, knows what a small count
// would reveal and what to blank, band or round with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/core/columns.hpp"

namespace reachmap {

enum class ColumnKind {
  kText,          // identifiers and names
  kCount,         // a count of children: suppressed from 1 to min_count-1; the row is flagged
  kGroupCount,    // a target-group count: suppressed on its own without flagging the row
  kDerivedCount,  // whole children derived from a count (unreached = population - seen)
  kPopulation,    // a published denominator: never suppressed
  kRate,          // computed from `source` (see `formula`): blanked, bounded or recomputed
  kStatistic,     // a continuous statistic of `source` (EB, z, LISA): blanked with it
  kRank,          // an order or category that cannot reveal a count: always published
  kBand,          // text written by disclosure control: the range a suppressed count lies in
  kFlag,          // true/false
};

// How a rate is computed from its source count, so that it can be recomputed from a rounded
// count or bounded from a band.
enum class Formula { kNone, kProportion, kWilsonLow, kWilsonHigh, kPoissonLow, kPoissonHigh };

struct TableColumn {
  TableColumn(std::string name_, ColumnKind kind_, std::string source_ = {},
              Formula formula_ = Formula::kNone, std::string denominator_ = {},
              std::vector<std::vector<std::string>> sums_ = {})
      : name(std::move(name_)),
        kind(kind_),
        source(std::move(source_)),
        formula(formula_),
        denominator(std::move(denominator_)),
        sums(std::move(sums_)) {}
  // A declared column (engine/core/columns.hpp), its source and denominator by id too.
  TableColumn(Col id, ColumnKind kind_, std::optional<Col> source_ = std::nullopt,
              Formula formula_ = Formula::kNone, std::optional<Col> denominator_ = std::nullopt,
              std::vector<std::vector<std::string>> sums_ = {})
      : TableColumn(name_of(id), kind_, source_ ? name_of(*source_) : std::string(), formula_,
                    denominator_ ? name_of(*denominator_) : std::string(), std::move(sums_)) {}

  std::string name;
  ColumnKind kind;
  std::string source;  // kRate, kStatistic, kDerivedCount: the count it comes from
  Formula formula = Formula::kNone;
  std::string denominator;  // kRate proportions: the column divided by
  // This column's value is the sum of each of these lists of columns (e.g. under5_population =
  // seen_children + unreached_children): a single hidden part must not be recoverable.
  std::vector<std::vector<std::string>> sums;
  bool local = false;           // kStatistic: also computed from the neighbours' counts
  int published_decimals = -1;  // rounded to this many decimals in public outputs (-1: full)
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
  int column(Col id) const { return column(name_of(id)); }
};

std::string format_cell(const Cell& cell);

// Counts of children: the kinds disclosure control checks and maps draw as circles.
inline bool is_count_kind(ColumnKind k) {
  return k == ColumnKind::kCount || k == ColumnKind::kGroupCount || k == ColumnKind::kDerivedCount;
}

// A band as disclosure control writes it ("1-4", "74-77"): its ends, or nullopt.
std::optional<std::pair<std::int64_t, std::int64_t>> parse_band(const std::string& band);

// The value of a numeric cell; nullopt for blank or text.
std::optional<double> cell_number(const Cell& cell);

}  // namespace reachmap
