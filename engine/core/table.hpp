// A typed output table: what the CSV and GeoPackage writers write and what disclosure control
// reads. Each column says what it is (a count of children, a rate computed from one, a
// statistic, ...) so that disclosure control, applied once at the door, knows what a small count
// would reveal and what to blank, band or round with it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/core/columns.hpp"

namespace reachmap {

struct TableColumn {
  TableColumn(std::string name_, ColumnKind kind_, std::string source_ = {},
              Formula formula_ = Formula::kNone, std::string denominator_ = {},
              std::vector<std::vector<std::string>> sums_ = {})
      : name(std::move(name_)),
        kind(kind_),
        source(std::move(source_)),
        formula(formula_),
        denominator(std::move(denominator_)),
        sums(std::move(sums_)),
        published_decimals(kind == ColumnKind::kRate ? rate_decimals(formula) : -1) {}
  // A declared column (engine/core/columns.hpp): its kind, formula, locality and published
  // decimals are the registry's; its source and denominator too unless this table gives its
  // own (the centre table's reach is over the reach area's counts).
  TableColumn(Col id, std::optional<Col> source_ = std::nullopt,
              std::optional<Col> denominator_ = std::nullopt,
              std::vector<std::vector<std::string>> sums_ = {})
      : TableColumn(column_spec(id), source_ ? source_ : column_spec(id).derives_from,
                    denominator_ ? denominator_ : column_spec(id).denominator, std::move(sums_)) {}

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

 private:
  TableColumn(const ColumnSpec& spec, std::optional<Col> source_, std::optional<Col> denominator_,
              std::vector<std::vector<std::string>> sums_)
      : TableColumn(name_of(spec.id), spec.kind, source_ ? name_of(*source_) : std::string(),
                    spec.formula, denominator_ ? name_of(*denominator_) : std::string(),
                    std::move(sums_)) {
    local = spec.local;
    published_decimals = spec.decimals;
  }
};

// Empty (monostate) is written as a blank field / NULL.
using Cell = std::variant<std::monostate, std::string, double, std::int64_t, bool>;

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<Cell>> rows;
  // The cell key method's keys (engine/core/record_key.hpp), beside the counts: for each count
  // column of children (kCount, kGroupCount) by name, each row's cell key, the sum of the
  // record keys of the children it counts, modulo 256. Filled where the counts are made and
  // summed wherever counts are; read only by the perturb rule, and never written out.
  std::map<std::string, std::vector<std::uint8_t>> cell_keys;

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
// Inline: the disclosure audit asks it of the same cells millions of times a national run.
inline std::optional<double> cell_number(const Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  return std::nullopt;
}

}  // namespace reachmap
