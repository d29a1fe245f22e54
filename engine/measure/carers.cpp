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

namespace {
// The tally's centres in order of their ids, as centres.csv lists them.
std::vector<std::size_t> centres_by_id(const CarerTally& tally) {
  std::vector<std::size_t> order(tally.centres.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return tally.centres[a] < tally.centres[b]; });
  return order;
}
}  // namespace

Table carers_by_week(const CarerTally& tally) {
  Table t;
  t.columns = {Col::kCentreId, Col::kWeek};
  const std::vector<std::string>& kinds = tally.kinds.kinds;
  for (const std::string& k : kinds) {
    t.columns.push_back({carer_contacts(k), ColumnKind::kGroupCount});
    t.columns.push_back({carer_children(k), ColumnKind::kGroupCount});
  }
  t.columns.push_back(Col::kSuppressed);
  const std::vector<std::size_t> order = centres_by_id(tally);
  std::vector<std::string> weeks;
  for (std::size_t w = 0; w < tally.weeks; ++w)
    weeks.push_back(iso_week_text(tally.first_monday + long(7 * w)));
  std::vector<std::vector<std::uint8_t>*> contact_keys, child_keys;
  for (const std::string& k : kinds) {
    contact_keys.push_back(&t.cell_keys[carer_contacts(k)]);
    child_keys.push_back(&t.cell_keys[carer_children(k)]);
  }
  t.rows.reserve(order.size() * tally.weeks);
  for (const std::size_t c : order)
    for (std::size_t w = 0; w < tally.weeks; ++w) {
      std::vector<Cell> row;
      row.reserve(t.columns.size());
      row.emplace_back(tally.centres[c]);
      row.emplace_back(weeks[w]);
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        const std::size_t i = tally.cell(c, w, k);
        row.emplace_back(std::int64_t(tally.contacts[i]));
        row.emplace_back(std::int64_t(tally.children[i]));
        contact_keys[k]->push_back(tally.contact_keys[i]);
        child_keys[k]->push_back(tally.child_keys[i]);
      }
      row.emplace_back(false);
      t.rows.push_back(std::move(row));
    }
  return t;
}

void carers_tally_rows(const CarerTally& tally,
                       const std::function<void(const Cell&, const Cell&, const std::string&,
                                                const Cell&, const Cell&, bool)>& row) {
  for (const std::size_t c : centres_by_id(tally)) {
    const Cell centre = tally.centres[c];
    for (std::size_t w = 0; w < tally.weeks; ++w) {
      const Cell week = iso_week_text(tally.first_monday + long(7 * w));
      for (std::size_t k = 0; k < tally.kinds.kinds.size(); ++k) {
        const std::size_t i = tally.cell(c, w, k);
        row(centre, week, tally.kinds.kinds[k], Cell(std::int64_t(tally.contacts[i])),
            Cell(std::int64_t(tally.children[i])), false);
      }
    }
  }
}

std::vector<std::string> carers_long_header() {
  return {name_of(Col::kCentreId), name_of(Col::kWeek),     name_of(Col::kCarer),
          name_of(Col::kContacts), name_of(Col::kChildren), name_of(Col::kSuppressed)};
}

std::vector<std::string> carer_kinds_of(const Table& weeks) {
  std::vector<std::string> out;
  const std::string prefix = carer_contacts("");
  for (const TableColumn& c : weeks.columns)
    if (c.name.rfind(prefix, 0) == 0) out.push_back(c.name.substr(prefix.size()));
  return out;
}

namespace {
// The four father columns, inserted before the first band column (they stay last).
std::size_t insert_father_columns(Table& t) {
  const std::size_t first_band = first_band_column(t);
  const std::vector<TableColumn> columns = {Col::kSeenWithFather, Col::kSeenWithFatherShare,
                                            Col::kSeenWithFatherShareLow,
                                            Col::kSeenWithFatherShareHigh};
  t.columns.insert(t.columns.begin() + long(first_band), columns.begin(), columns.end());
  return first_band;
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
