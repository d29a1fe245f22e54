#include "engine/measure/known_children.hpp"

#include <map>
#include <set>
#include <tuple>

#include "engine/core/number_format.hpp"
#include "engine/core/record_key.hpp"
#include "engine/io/csv_rows.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

KnownChildren load_known_children(const KnownChildrenSource& section, const Period& period,
                                  const PostcodeDirectory& directory,
                                  const Registrations& registrations, Accounting& accounting) {
  CsvReader csv(section);
  const int c_id = csv.optional_column(section.child_id);
  const std::size_t c_pc = csv.require_column(section.postcode);
  const std::size_t c_birth = csv.require_column(section.birth_date);

  // Counted registrations by the id the list shares, and by postcode and birth month.
  std::map<std::string, long> by_id;
  std::map<std::tuple<std::string_view, int, int>, std::vector<long>> by_postcode_month;
  for (std::size_t c = 0; c < registrations.children.size(); ++c) {
    const Child& ch = registrations.children[c];
    if (!ch.counted) continue;
    if (const auto match = registrations.match_id(c); !match.empty())
      by_id.emplace(match, static_cast<long>(c));
    by_postcode_month[{ch.postcode, ch.birth.year, ch.birth.month}].push_back(static_cast<long>(c));
  }
  std::vector<bool> taken(registrations.children.size(), false);

  KnownChildren out;
  std::vector<std::size_t> unmatched;  // known children to match by postcode and month
  std::set<std::string> ids_seen;
  const std::string& file = section.display;
  for_each_row(csv, accounting, [&](const CsvRow& row, FileAccount& account) {
    const auto reject = [&](const char* reason, std::string_view value) {
      accounting.reject(file, row.line, reason, std::string(value));
    };
    const std::string id = c_id >= 0 ? std::string(trim(row[std::size_t(c_id)])) : "";
    if (!id.empty() && !ids_seen.insert(id).second) {
      reject("duplicate child_id", id);
      return;
    }
    const auto found = home_and_birth(row[c_pc], row[c_birth], directory, reject);
    if (!found) return;
    const Date* birth = &found->birth;
    if (*birth > period.to) {
      accounting.exclude(file, kBornAfterPeriod);
      return;
    }
    if (age_in_years(*birth, period.to) >= 5) {
      accounting.exclude(file, kAgedFiveOrOver);
      return;
    }
    ++account.used;
    KnownChild k{found->home, found->postcode, *birth, -1, id, false, 0};
    if (!id.empty()) {
      if (auto it = by_id.find(id); it != by_id.end() && !taken[std::size_t(it->second)]) {
        k.registration = it->second;
        k.matched_by_id = true;
        taken[std::size_t(it->second)] = true;
        ++out.matched_by_id;
      } else {
        ++out.ids_not_registered;
      }
    }
    if (k.registration < 0) unmatched.push_back(out.children.size());
    out.children.push_back(std::move(k));
  });
  // Postcode and birth month after every id match, so that a registration an id claims later
  // in the file is not taken by a look-alike first.
  for (std::size_t i : unmatched) {
    KnownChild& k = out.children[i];
    auto it = by_postcode_month.find({k.postcode, k.birth.year, k.birth.month});
    if (it == by_postcode_month.end()) continue;
    for (long c : it->second) {
      if (taken[std::size_t(c)]) continue;
      taken[std::size_t(c)] = true;
      k.registration = c;
      ++out.matched_by_postcode_and_month;
      break;
    }
  }
  return out;
}

void assign_record_keys(KnownChildren& known, const Registrations& registrations,
                        std::uint64_t seed) {
  for (std::size_t k = 0; k < known.children.size(); ++k) {
    KnownChild& c = known.children[k];
    if (c.registration >= 0)
      c.key = registrations.children[std::size_t(c.registration)].key;
    else
      c.key = record_key(
          seed, c.id.empty() ? "known child #" + std::to_string(k) : "known child " + c.id);
  }
}

std::uint8_t known_key(const KnownChildren& known,
                       const std::function<bool(const KnownChild&)>& which) {
  std::uint8_t key = 0;
  for (const KnownChild& c : known.children)
    if (!which || which(c)) add_key(key, c.key);
  return key;
}

void add_known_columns(Table& t, const KnownChildren& known, const std::vector<long>& area_of_known,
                       const Attendance& attendance) {
  const std::size_t n = t.rows.size();
  std::vector<std::int64_t> all(n), registered(n), seen(n);
  std::vector<std::uint8_t> all_key(n), registered_key(n), seen_key(n), not_key(n);
  for (std::size_t k = 0; k < known.children.size(); ++k) {
    const long a = area_of_known[k];
    if (a < 0) continue;
    const std::size_t at = std::size_t(a);
    const std::uint8_t key = known.children[k].key;
    ++all[at];
    add_key(all_key[at], key);
    const long r = known.children[k].registration;
    if (r < 0) {
      add_key(not_key[at], key);
      continue;
    }
    ++registered[at];
    add_key(registered_key[at], key);
    if (attendance.contacts[std::size_t(r)] >= 1) ++seen[at], add_key(seen_key[at], key);
  }
  const Col n_all = Col::kKnownChildren, n_reg = Col::kKnownRegistered, n_seen = Col::kKnownSeen,
            n_not = Col::kKnownNotRegistered;
  // Before the band columns and the suppressed flag, which stay last.
  const std::size_t at = static_cast<std::size_t>(t.column(band_of(Col::kRegisteredChildren)));
  std::vector<TableColumn> columns = {
      {n_all, std::nullopt, std::nullopt, {{name_of(n_reg), name_of(n_not)}}},
      n_reg,
      n_seen,
      n_not,
      Col::kSeenReachKnown,  // over known_children (the registry's)
      Col::kSeenReachKnownLow,
      Col::kSeenReachKnownHigh,
      Col::kRegisteredReachKnown};
  t.columns.insert(t.columns.begin() + static_cast<long>(at), columns.begin(), columns.end());
  for (const Col c : {n_all, n_reg, n_seen, n_not})
    t.columns.insert(t.columns.begin() + t.column(Col::kSuppressed),
                     {band_of(c), ColumnKind::kBand});
  t.cell_keys[name_of(n_all)] = std::move(all_key);
  t.cell_keys[name_of(n_reg)] = std::move(registered_key);
  t.cell_keys[name_of(n_seen)] = std::move(seen_key);
  t.cell_keys[name_of(n_not)] = std::move(not_key);
  const int c_reg_children = t.column(Col::kRegisteredChildren);
  for (std::size_t a = 0; a < n; ++a) {
    auto& row = t.rows[a];
    std::vector<Cell> cells;
    // An area nobody could be placed in (blank counts) gets blank known counts too.
    const bool blank = std::holds_alternative<std::monostate>(row[std::size_t(c_reg_children)]);
    const std::optional<double> den =
        blank ? std::nullopt : std::optional<double>(static_cast<double>(all[a]));
    if (blank) {
      cells.assign(4, Cell());
    } else {
      cells = {all[a], registered[a], seen[a], all[a] - registered[a]};
    }
    cells.push_back(rate_cell(seen[a], den));
    push_wilson_cells(cells, seen[a], den);
    cells.push_back(rate_cell(registered[a], den));
    row.insert(row.begin() + static_cast<long>(at), cells.begin(), cells.end());
    const std::size_t flag = std::size_t(t.column(Col::kSuppressed));
    row.insert(row.begin() + static_cast<long>(flag) - 4, 4, Cell());
  }
}

}  // namespace reachmap
