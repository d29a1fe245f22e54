#include "engine/measure/cohorts.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <variant>

#include "engine/core/record_key.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

bool turned_in(const Date& birth, int years, const Period& period) {
  const Date day = birthday(birth, years);
  return period.from <= day && day <= period.to;
}

std::vector<std::size_t> turned_5_children(const Registrations& registrations,
                                           const Period& period) {
  std::vector<std::size_t> out;
  for (std::size_t c = 0; c < registrations.children.size(); ++c) {
    const Child& child = registrations.children[c];
    // Registered by the period's own end (not the run's: [run] periods measure earlier ones).
    const bool registered = child.registered == kUndated || child.registered <= period.to.days();
    if (registered && turned_in(child.birth, 5, period)) out.push_back(c);
  }
  return out;
}

namespace {

// One cohort's counts per area: its children and those the measure counts, with cell keys.
struct CohortCounts {
  std::vector<std::int64_t> all, hit;
  std::vector<std::uint8_t> all_key, hit_key;
  explicit CohortCounts(std::size_t n) : all(n), hit(n), all_key(n), hit_key(n) {}
  void add(long area, std::uint8_t key, bool counts) {
    if (area < 0) return;
    const auto a = std::size_t(area);
    ++all[a];
    add_key(all_key[a], key);
    if (counts) ++hit[a], add_key(hit_key[a], key);
  }
};

bool seen_before(const CohortInput& in, std::size_t child, int years) {
  const std::int32_t first = in.first_contact[child];
  return first != kNoContact &&
         first < birthday(in.registrations.children[child].birth, years).days();
}

// Inserts one cohort's five columns at `at` (its two counts, the share and its interval) and
// the counts' bands before `suppressed`, with its cells for every row: blank where `blank`
// says (nobody could be placed there, or a centre has no reach area).
void insert_cohort(Table& t, std::size_t at, const std::vector<TableColumn>& columns,
                   const CohortCounts& counts, const std::function<bool(std::size_t)>& blank) {
  t.columns.insert(t.columns.begin() + long(at), columns.begin(), columns.end());
  t.columns.insert(t.columns.begin() + t.column(Col::kSuppressed),
                   {{band_of(columns[0].name), ColumnKind::kBand},
                    {band_of(columns[1].name), ColumnKind::kBand}});
  const std::size_t bands = std::size_t(t.column(Col::kSuppressed)) - 2;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto& row = t.rows[r];
    std::vector<Cell> cells(5);
    if (!blank(r)) {
      const std::optional<double> den = double(counts.all[r]);
      cells = {counts.all[r], counts.hit[r], rate_cell(counts.hit[r], den)};
      push_wilson_cells(cells, counts.hit[r], den);
    }
    row.insert(row.begin() + long(at), cells.begin(), cells.end());
    row.insert(row.begin() + long(bands), 2, Cell());
  }
  t.cell_keys[columns[0].name] = counts.all_key;
  t.cell_keys[columns[1].name] = counts.hit_key;
}

// Each cohort's counts by area of the layer (`areas` of them): the fifth birthday's among the
// children who turned 5, the first's among the counted children.
CohortCounts fifth_birthday_counts(const CohortInput& in, std::size_t areas) {
  CohortCounts counts(areas);
  for (std::size_t k = 0; k < in.turned_5.size(); ++k) {
    const std::size_t c = in.turned_5[k];
    counts.add(in.area_of_turned_5[k], in.registrations.children[c].key, !seen_before(in, c, 5));
  }
  return counts;
}
CohortCounts first_birthday_counts(const CohortInput& in, std::size_t areas) {
  CohortCounts counts(areas);
  for (std::size_t c = 0; c < in.registrations.children.size(); ++c) {
    const Child& child = in.registrations.children[c];
    if (child.counted && turned_in(child.birth, 1, in.period))
      counts.add(in.area_of_child[c], child.key, seen_before(in, c, 1));
  }
  return counts;
}

}  // namespace

void add_cohort_columns(Table& t, const CohortOptions& options, const CohortInput& in) {
  const std::size_t n = t.rows.size();
  const std::size_t registered = std::size_t(t.column(Col::kRegisteredChildren));
  const auto blank = [&](std::size_t r) {
    return std::holds_alternative<std::monostate>(t.rows[r][registered]);
  };
  std::size_t at = first_band_column(t);
  if (options.never_seen_by_5) {
    insert_cohort(t, at,
                  {Col::kTurned5Children, Col::kNeverSeenBy5, Col::kNeverSeenBy5Share,
                   Col::kNeverSeenBy5ShareLow, Col::kNeverSeenBy5ShareHigh},
                  fifth_birthday_counts(in, n), blank);
    at += 5;
  }
  if (options.seen_before_1)
    insert_cohort(t, at,
                  {Col::kTurned1Children, Col::kSeenBefore1, Col::kSeenBefore1Share,
                   Col::kSeenBefore1ShareLow, Col::kSeenBefore1ShareHigh},
                  first_birthday_counts(in, n), blank);
}

void add_centre_cohort_columns(
    Table& t, const std::vector<Centre>& centres,
    const std::vector<std::optional<std::vector<std::size_t>>>& areas_of_centre,
    const CohortOptions& options, const CohortInput& in) {
  const int c_id = t.column(Col::kCentreId);
  if (c_id < 0 || t.column(Col::kReachAreaUnder5Population) < 0 || !options.any()) return;
  // The centres' reach areas by id, and how many areas the placement has at least.
  std::map<std::string, const std::vector<std::size_t>*> area_of;
  std::size_t areas = 0;
  for (std::size_t k = 0; k < centres.size() && k < areas_of_centre.size(); ++k)
    if (const auto& own = areas_of_centre[k]) {
      area_of[centres[k].id] = &*own;
      for (const std::size_t area : *own) areas = std::max(areas, area + 1);
    }
  if (area_of.empty()) return;
  for (const long a : in.area_of_child) areas = std::max(areas, std::size_t(a + 1));
  for (const long a : in.area_of_turned_5) areas = std::max(areas, std::size_t(a + 1));
  std::vector<const std::vector<std::size_t>*> row_area(t.rows.size(), nullptr);
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (const auto it = area_of.find(std::get<std::string>(t.rows[r][std::size_t(c_id)]));
        it != area_of.end())
      row_area[r] = it->second;
  // A reach area's counts are its areas' sums, its cell keys too (disjoint sets of children).
  const auto by_row = [&](const CohortCounts& by_area) {
    CohortCounts out(t.rows.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r)
      if (row_area[r])
        for (const std::size_t a : *row_area[r]) {
          out.all[r] += by_area.all[a], out.hit[r] += by_area.hit[a];
          add_key(out.all_key[r], by_area.all_key[a]);
          add_key(out.hit_key[r], by_area.hit_key[a]);
        }
    return out;
  };
  const auto blank = [&](std::size_t r) { return row_area[r] == nullptr; };
  std::size_t at = first_band_column(t);
  const Col turned_5 = Col::kReachAreaTurned5Children, never = Col::kReachAreaNeverSeenBy5;
  const Col turned_1 = Col::kReachAreaTurned1Children, early = Col::kReachAreaSeenBefore1;
  if (options.never_seen_by_5) {
    insert_cohort(t, at,
                  {turned_5,
                   never,
                   {Col::kNeverSeenBy5Share, never, turned_5},
                   {Col::kNeverSeenBy5ShareLow, never, turned_5},
                   {Col::kNeverSeenBy5ShareHigh, never, turned_5}},
                  by_row(fifth_birthday_counts(in, areas)), blank);
    at += 5;
  }
  if (options.seen_before_1)
    insert_cohort(t, at,
                  {turned_1,
                   early,
                   {Col::kSeenBefore1Share, early, turned_1},
                   {Col::kSeenBefore1ShareLow, early, turned_1},
                   {Col::kSeenBefore1ShareHigh, early, turned_1}},
                  by_row(first_birthday_counts(in, areas)), blank);
}

}  // namespace reachmap
