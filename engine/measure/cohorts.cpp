#include "engine/measure/cohorts.hpp"

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
    if (!child.registered_after_period && turned_in(child.birth, 5, period)) out.push_back(c);
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

// Inserts one cohort's five columns at `at` (and the two counts' bands before `suppressed`),
// with its cells for every row: blank where the area's counts are (nobody could be placed).
void insert_cohort(Table& t, std::size_t at, Col all, Col hit, Col share, Col low, Col high,
                   CohortCounts counts) {
  const std::vector<TableColumn> columns = {all, hit, share, low, high};
  t.columns.insert(t.columns.begin() + long(at), columns.begin(), columns.end());
  for (const Col c : {all, hit})
    t.columns.insert(t.columns.begin() + t.column(Col::kSuppressed),
                     {band_of(c), ColumnKind::kBand});
  const std::size_t registered = std::size_t(t.column(Col::kRegisteredChildren));
  for (std::size_t a = 0; a < t.rows.size(); ++a) {
    auto& row = t.rows[a];
    const bool blank = std::holds_alternative<std::monostate>(row[registered]);
    std::vector<Cell> cells(5);
    if (!blank) {
      const std::optional<double> den = double(counts.all[a]);
      cells = {counts.all[a], counts.hit[a], rate_cell(counts.hit[a], den)};
      push_wilson_cells(cells, counts.hit[a], den);
    }
    row.insert(row.begin() + long(at), cells.begin(), cells.end());
    row.insert(row.begin() + t.column(Col::kSuppressed) - 2, 2, Cell());
  }
  t.cell_keys[name_of(all)] = std::move(counts.all_key);
  t.cell_keys[name_of(hit)] = std::move(counts.hit_key);
}

}  // namespace

void add_cohort_columns(Table& t, const CohortOptions& options, const CohortInput& in) {
  const std::size_t n = t.rows.size();
  std::size_t at = first_band_column(t);
  if (options.never_seen_by_5) {
    CohortCounts counts(n);
    for (std::size_t k = 0; k < in.turned_5.size(); ++k) {
      const std::size_t c = in.turned_5[k];
      counts.add(in.area_of_turned_5[k], in.registrations.children[c].key, !seen_before(in, c, 5));
    }
    insert_cohort(t, at, Col::kTurned5Children, Col::kNeverSeenBy5, Col::kNeverSeenBy5Share,
                  Col::kNeverSeenBy5ShareLow, Col::kNeverSeenBy5ShareHigh, std::move(counts));
    at += 5;
  }
  if (options.seen_before_1) {
    CohortCounts counts(n);
    for (std::size_t c = 0; c < in.registrations.children.size(); ++c) {
      const Child& child = in.registrations.children[c];
      if (child.counted && turned_in(child.birth, 1, in.period))
        counts.add(in.area_of_child[c], child.key, seen_before(in, c, 1));
    }
    insert_cohort(t, at, Col::kTurned1Children, Col::kSeenBefore1, Col::kSeenBefore1Share,
                  Col::kSeenBefore1ShareLow, Col::kSeenBefore1ShareHigh, std::move(counts));
  }
}

}  // namespace reachmap
