#include "engine/measure/carers.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "engine/core/date.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/record_key.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

long monday_of(long days) {
  // 1970-01-01 was a Thursday: (days + 3) mod 7 counts from Monday.
  const long weekday = ((days + 3) % 7 + 7) % 7;
  return days - weekday;
}

IsoWeek iso_week(long days) {
  const long thursday = monday_of(days) + 3;
  const int year = date_from_days(thursday).year;
  const long first = Date{year, 1, 1}.days();
  return {year, int((thursday - first) / 7 + 1)};
}

std::string iso_week_text(long days) {
  const IsoWeek w = iso_week(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
  return buf;
}

Table carers_by_week(const CarerTally& tally) {
  Table t;
  t.columns = {Col::kCentreId, Col::kWeek,     Col::kCarer,
               Col::kContacts, Col::kChildren, Col::kSuppressed};
  const std::size_t kinds = tally.kinds.kinds.size();
  // The centres in order of their ids, as centres.csv lists them.
  std::vector<std::size_t> order(tally.centres.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return tally.centres[a] < tally.centres[b]; });
  std::vector<std::string> weeks;
  for (std::size_t w = 0; w < tally.weeks; ++w)
    weeks.push_back(iso_week_text(tally.first_monday + long(7 * w)));
  auto& contact_keys = t.cell_keys[name_of(Col::kContacts)];
  auto& child_keys = t.cell_keys[name_of(Col::kChildren)];
  for (const std::size_t c : order)
    for (std::size_t w = 0; w < tally.weeks; ++w)
      for (std::size_t k = 0; k < kinds; ++k) {
        const std::size_t i = tally.cell(c, w, k);
        t.rows.push_back({tally.centres[c], weeks[w], tally.kinds.kinds[k],
                          std::int64_t(tally.contacts[i]), std::int64_t(tally.children[i]), false});
        contact_keys.push_back(tally.contact_keys[i]);
        child_keys.push_back(tally.child_keys[i]);
      }
  return t;
}

namespace {
// The four father columns, inserted before the first band column (they stay last).
std::size_t insert_father_columns(Table& t) {
  const int first_band = [&] {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      if (t.columns[c].kind == ColumnKind::kBand || t.columns[c].name == name_of(Col::kSuppressed))
        return int(c);
    return int(t.columns.size());
  }();
  const std::vector<TableColumn> columns = {Col::kSeenWithFather, Col::kSeenWithFatherShare,
                                            Col::kSeenWithFatherShareLow,
                                            Col::kSeenWithFatherShareHigh};
  t.columns.insert(t.columns.begin() + first_band, columns.begin(), columns.end());
  return std::size_t(first_band);
}

// The row's four cells: the count, and its share of the row's seen count with its interval
// (blank where seen is blank or 0).
void insert_father_cells(std::vector<Cell>& row, std::size_t at, std::size_t seen_column,
                         std::int64_t with_father) {
  std::vector<Cell> cells;
  const Cell& seen = row[seen_column];
  if (const auto* n = std::get_if<std::int64_t>(&seen)) {
    const std::optional<double> den = double(*n);
    cells = {with_father, rate_cell(with_father, den)};
    push_wilson_cells(cells, with_father, den);
  } else {
    cells.assign(4, Cell());
  }
  row.insert(row.begin() + long(at), cells.begin(), cells.end());
}
}  // namespace

void add_father_columns(Table& t, const std::vector<long>& area_of_child, const CarerTally& tally,
                        const std::vector<std::uint8_t>& keys) {
  const std::size_t n = t.rows.size();
  std::vector<std::int64_t> count(n);
  std::vector<std::uint8_t> key(n);
  for (std::size_t c = 0; c < tally.with_father.size() && c < area_of_child.size(); ++c) {
    if (!tally.with_father[c] || area_of_child[c] < 0) continue;
    ++count[std::size_t(area_of_child[c])];
    add_key(key[std::size_t(area_of_child[c])], c < keys.size() ? keys[c] : 0);
  }
  const std::size_t seen = std::size_t(t.column(Col::kSeenChildren));
  const std::size_t at = insert_father_columns(t);
  t.cell_keys[name_of(Col::kSeenWithFather)] = std::move(key);
  for (std::size_t a = 0; a < n; ++a) insert_father_cells(t.rows[a], at, seen, count[a]);
}

void add_centre_father_columns(Table& t, const CarerTally& tally,
                               const std::vector<std::uint8_t>& keys) {
  const std::size_t id = std::size_t(t.column(Col::kCentreId));
  const std::size_t seen = std::size_t(t.column(Col::kSeenChildren));
  const std::size_t at = insert_father_columns(t);
  auto& cell_keys = t.cell_keys[name_of(Col::kSeenWithFather)];
  for (auto& row : t.rows) {
    const auto it = tally.father_children_by_centre.find(std::get<std::string>(row[id]));
    std::uint8_t key = 0;
    std::int64_t n = 0;
    if (it != tally.father_children_by_centre.end()) {
      n = std::int64_t(it->second.size());
      for (std::size_t c : it->second) add_key(key, c < keys.size() ? keys[c] : 0);
    }
    cell_keys.push_back(key);
    insert_father_cells(row, at, seen, n);
  }
}

}  // namespace reachmap
