#include "engine/measure/attendance.hpp"

#include <algorithm>
#include <unordered_set>

#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"

namespace reachmap {

namespace {
struct ContactKey {
  std::size_t child;
  long day;
  std::size_t centre, service;  // interned
  bool operator==(const ContactKey&) const = default;
};
struct ContactKeyHash {
  std::size_t operator()(const ContactKey& k) const {
    std::size_t h = k.child * 0x9e3779b97f4a7c15ULL;
    h ^= static_cast<std::size_t>(k.day) + 0x517cc1b727220a95ULL + (h << 6) + (h >> 2);
    h ^= k.centre + 0x2545f4914f6cdd1dULL + (h << 6) + (h >> 2);
    h ^= k.service + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
  }
};

class Interner {
 public:
  std::size_t operator()(std::string_view s) {
    auto [it, fresh] = ids_.try_emplace(std::string(s), ids_.size());
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> ids_;
};
}  // namespace

Attendance load_attendance(const AttendanceSection& section, const RunSection& run,
                           const Registrations& registrations, Accounting& accounting) {
  CsvReader csv(section.path, section.display);
  const std::size_t c_child = csv.require_column(section.child_id.name, section.child_id.key);
  const std::size_t c_date = csv.require_column(section.date.name, section.date.key);
  const std::size_t c_centre = csv.require_column(section.centre_id.name, section.centre_id.key);
  const int c_service =
      section.service.explicit_
          ? static_cast<int>(csv.require_column(section.service.name, section.service.key))
          : csv.find_column(section.service.name);
  if (section.carer.explicit_) csv.require_column(section.carer.name, section.carer.key);

  Attendance out;
  out.contacts.assign(registrations.children.size(), 0);
  std::unordered_set<ContactKey, ContactKeyHash> seen;
  std::map<std::string, std::unordered_set<std::size_t>> by_centre;
  Interner centres, services;
  const std::string& file = section.display;
  FileAccount& account = accounting.file(file);
  CsvRow row;
  while (csv.next(row)) {
    ++account.rows;
    if (auto problem = csv.field_count_problem(row); !problem.empty()) {
      accounting.reject(file, row.line, "wrong field count", problem);
      continue;
    }
    const std::string id(trim(row[c_child]));
    if (id.empty()) {
      accounting.reject(file, row.line, "missing child_id", "");
      continue;
    }
    const auto date = parse_date(trim(row[c_date]), false);
    if (!date) {
      accounting.reject(file, row.line, "bad date", std::string(row[c_date]));
      continue;
    }
    const auto centre = trim(row[c_centre]);
    if (centre.empty()) {
      accounting.reject(file, row.line, "missing centre_id", "");
      continue;
    }
    auto it = registrations.index_of.find(id);
    if (it == registrations.index_of.end()) {
      accounting.reject(file, row.line, "unknown child", id);
      continue;
    }
    if (it->second < 0) {
      accounting.reject(file, row.line, "child registration rejected", id);
      continue;
    }
    if (*date < run.from || *date > run.to) {
      accounting.exclude(file, kOutsidePeriod);
      continue;
    }
    const auto child = static_cast<std::size_t>(it->second);
    if (!registrations.children[child].counted) {
      accounting.exclude(file, kChildNotCounted);
      continue;
    }
    const ContactKey key{child, date->days(), centres(centre),
                         c_service >= 0 ? services(trim(row[c_service])) : 0};
    if (!seen.insert(key).second) {
      accounting.exclude(file, kDuplicateContact);
      ++out.duplicate_rows;
      continue;
    }
    ++account.used;
    ++out.contacts[child];
    ++out.distinct_contacts;
    by_centre[std::string(centre)].insert(child);
  }
  for (auto& [centre, children] : by_centre) {
    auto& list = out.children_by_centre[centre];
    list.assign(children.begin(), children.end());
    std::sort(list.begin(), list.end());
  }
  return out;
}

}  // namespace reachmap
