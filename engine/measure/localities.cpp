#include "engine/measure/localities.hpp"

#include <map>

#include "engine/core/number_format.hpp"
#include "engine/io/csv_rows.hpp"

namespace reachmap {

Localities load_localities(const LocalityLookupSource& section, const BoundaryLayer& small,
                           Accounting& accounting) {
  CsvReader csv(section);
  const std::size_t c_small = csv.require_column(section.small);
  const std::size_t c_id = csv.require_column(section.id);
  const int c_label = section.label.name.empty() ? -1 : int(csv.require_column(section.label));
  Localities out;
  std::map<std::string, std::size_t> group_of;         // locality code -> group
  std::vector<long> locality(small.areas.size(), -1);  // by small area
  for_each_row(csv, accounting, [&](const CsvRow& row, FileAccount& account) {
    const std::string code(trim(row[c_small])), id(trim(row[c_id]));
    if (code.empty() || id.empty()) {
      accounting.reject(section.display, row.line, "missing area code",
                        code.empty() ? section.small.name : section.id.name);
      return;
    }
    const long a = small.find(code);
    if (a < 0) {
      accounting.exclude(section.display, kNotInSmallLayer);
      ++out.not_in_layer;
      return;
    }
    const auto [it, fresh] = group_of.try_emplace(id, out.groups.size());
    if (fresh) {
      out.groups.push_back(
          {id, c_label >= 0 ? std::string(trim(row[std::size_t(c_label)])) : id, {}});
      if (out.groups.back().label.empty()) out.groups.back().label = id;
    }
    long& mine = locality[std::size_t(a)];
    if (mine >= 0 && mine != long(it->second)) {
      accounting.reject(section.display, row.line,
                        "area given a second locality (it keeps its first)",
                        code + " in " + out.groups[std::size_t(mine)].id + ", not " + id);
      return;
    }
    if (mine < 0) out.groups[it->second].members.push_back(std::size_t(a));
    mine = long(it->second);
    ++account.used;
  });
  for (std::size_t a = 0; a < small.areas.size(); ++a)
    if (locality[a] < 0) out.missing.push_back(small.areas[a].id);
  return out;
}

}  // namespace reachmap
