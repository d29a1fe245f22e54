#include "engine/measure/attendance.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <unordered_map>

#include "engine/core/number_format.hpp"
#include "engine/core/parallel.hpp"
#include "engine/core/string_map.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

namespace {
// One kept contact row, packed: sorting these finds the duplicates without a hash set of tens
// of millions of nodes.
struct ContactKey {
  std::uint32_t child;
  std::int32_t day;
  std::uint32_t centre, service;  // interned
  auto operator<=>(const ContactKey&) const = default;
};

// Dense ids for repeated strings; looks up by string_view, so known strings cost no allocation.
class Interner {
 public:
  std::uint32_t operator()(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    const auto id = static_cast<std::uint32_t>(names_.size());
    names_.emplace_back(s);
    ids_.emplace(names_.back(), id);
    return id;
  }
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;  // stable addresses for the views below
  std::unordered_map<std::string_view, std::uint32_t, StringHash, std::equal_to<>> ids_;
};

// Sorts the keys as std::sort would, on up to `threads` threads: cut first into ranges of
// children (one pass each), so each range sorts on its own and no merge is needed.
void sort_by_child_ranges(std::vector<ContactKey>& keys, std::size_t children, int threads) {
  const std::size_t parts = std::max(1, std::min(threads, 8));
  std::vector<std::vector<ContactKey>::iterator> cuts{keys.begin()};
  for (std::size_t p = 1; p < parts; ++p) {
    const auto below = static_cast<std::uint32_t>(children * p / parts);
    cuts.push_back(std::partition(cuts.back(), keys.end(),
                                  [below](const ContactKey& k) { return k.child < below; }));
  }
  cuts.push_back(keys.end());
  std::vector<std::function<void()>> jobs;
  for (std::size_t p = 0; p < parts; ++p)
    jobs.push_back([&cuts, p] { std::sort(cuts[p], cuts[p + 1]); });
  run_jobs(jobs, threads);
}
}  // namespace

Attendance load_attendance(const AttendanceSource& section, const Period& period,
                           const Registrations& registrations, Accounting& accounting,
                           int threads) {
  CsvReader csv(section);
  const std::size_t c_child = csv.require_column(section.child_id);
  const std::size_t c_date = csv.require_column(section.date);
  const std::size_t c_centre = csv.require_column(section.centre_id);
  const int c_service = csv.optional_column(section.service);
  // Checked only when named; not looked up otherwise, since a column looked up may not hold
  // line breaks.
  if (section.carer.explicit_) csv.require_column(section.carer);

  Attendance out;
  out.contacts.assign(registrations.children.size(), 0);
  // A contact row takes at least 16 bytes of CSV: room for every row up front spares the
  // copies of a growing vector, and pages never written cost no memory.
  std::vector<ContactKey> kept;
  std::error_code size_error;
  const auto bytes = std::filesystem::file_size(section.path, size_error);
  if (!size_error) kept.reserve(static_cast<std::size_t>(bytes / 16));
  Interner centres, services;
  const std::string& file = section.display;
  std::string_view last_id;  // a key of index_of, so it outlives the row
  long last_index = -1;
  FileAccount& account =
      for_each_row_split_ahead(csv, accounting, threads, [&](const CsvRow& row, FileAccount&) {
        const std::string_view id = trim(row[c_child]);
        if (id.empty()) {
          accounting.reject(file, row.line, "missing child_id", "");
          return;
        }
        const auto date = parse_date(trim(row[c_date]), false);
        if (!date) {
          accounting.reject(file, row.line, "bad date", std::string(row[c_date]));
          return;
        }
        const auto centre = trim(row[c_centre]);
        if (centre.empty()) {
          accounting.reject(file, row.line, "missing centre_id", "");
          return;
        }
        // Exports list a child's contacts together more often than not: the child of the row
        // before is checked first, before the hash lookup (a cache miss in a table of millions).
        if (id != last_id) {
          auto it = registrations.index_of.find(id);
          if (it == registrations.index_of.end()) {
            accounting.reject(file, row.line, "unknown child", std::string(id));
            return;
          }
          last_id = it->first;
          last_index = it->second;
        }
        if (last_index < 0) {
          accounting.reject(file, row.line, "child registration rejected", std::string(id));
          return;
        }
        if (*date < period.from || *date > period.to) {
          accounting.exclude(file, kOutsidePeriod);
          return;
        }
        const auto child = static_cast<std::size_t>(last_index);
        if (!registrations.children[child].counted) {
          accounting.exclude(file, kChildNotCounted);
          return;
        }
        kept.push_back({static_cast<std::uint32_t>(child), static_cast<std::int32_t>(date->days()),
                        centres(centre), c_service >= 0 ? services(trim(row[c_service])) : 0});
      });
  // Identical (child, date, centre, service) rows are one contact.
  sort_by_child_ranges(kept, registrations.children.size(), threads);
  const auto distinct_end = std::unique(kept.begin(), kept.end());
  out.duplicate_rows = static_cast<std::size_t>(kept.end() - distinct_end);
  kept.erase(distinct_end, kept.end());
  if (out.duplicate_rows > 0) accounting.exclude(file, kDuplicateContact, out.duplicate_rows);
  account.used += kept.size();
  out.distinct_contacts = kept.size();
  if (account.rows == 0)
    accounting.warn(file, "the file has a header but no rows: no child counts as seen");
  std::vector<std::size_t> per_centre(centres.size());
  for (const ContactKey& k : kept) ++per_centre[k.centre];
  for (std::uint32_t c = 0; c < per_centre.size(); ++c)
    if (per_centre[c]) out.contacts_by_centre[centres.name(c)] += per_centre[c];
  // Each child's contacts are adjacent in `kept`: its distinct centres come from a short list.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> centre_child;
  std::vector<std::uint32_t> child_centres;
  for (std::size_t i = 0; i < kept.size();) {
    const std::uint32_t child = kept[i].child;
    child_centres.clear();
    for (; i < kept.size() && kept[i].child == child; ++i) {
      ++out.contacts[child];
      child_centres.push_back(kept[i].centre);
    }
    std::sort(child_centres.begin(), child_centres.end());
    child_centres.erase(std::unique(child_centres.begin(), child_centres.end()),
                        child_centres.end());
    for (std::uint32_t c : child_centres) centre_child.push_back({c, child});
  }
  std::sort(centre_child.begin(), centre_child.end());
  centre_child.erase(std::unique(centre_child.begin(), centre_child.end()), centre_child.end());
  for (const auto& [centre, child] : centre_child)
    out.children_by_centre[centres.name(centre)].push_back(child);
  return out;
}

}  // namespace reachmap
