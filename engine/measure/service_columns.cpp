#include "engine/measure/service_columns.hpp"

#include <algorithm>
#include <map>

#include "engine/core/record_key.hpp"
#include "engine/measure/marked_counts.hpp"

namespace reachmap {

namespace {
const TargetGroup* group_named(const std::vector<TargetGroup>& groups, const std::string& name) {
  const auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const TargetGroup& g) { return g.name == name; });
  return it == groups.end() ? nullptr : &*it;
}

// A rule's provision as marks: the languages that count, as bits.
std::uint64_t provision_marks(const LanguageGapRule& rule, const ServiceCatalogue& catalogue) {
  std::uint64_t out = 0;
  for (const std::string& code : rule.provision)
    if (const long i = catalogue.language_index(code); i >= 0)
      out |= std::uint64_t(1) << (32 + std::size_t(i));
  return out;
}
}  // namespace

std::string demand_column(const LanguageGapRule& rule, const std::vector<TargetGroup>& groups) {
  const TargetGroup* g = group_named(groups, rule.demand);
  if (!g) return "";
  return g->population >= 0 ? group_population(g->name) : registered_in_group(g->name);
}

void add_service_columns(Table& t, const std::vector<long>& area_of_child,
                         const std::vector<std::uint64_t>& marks,
                         const std::vector<std::uint8_t>& keys, const ServiceCatalogue& catalogue,
                         const std::vector<LanguageGapRule>& rules,
                         const std::vector<TargetGroup>& groups) {
  // The counts' marks: each type's bit, then each rule's provision bits.
  std::vector<std::uint64_t> counted;
  std::vector<std::string> names;
  for (std::size_t k = 0; k < catalogue.types.size(); ++k) {
    counted.push_back(std::uint64_t(1) << k);
    names.push_back(seen_at_type(catalogue.types[k].column));
  }
  for (const LanguageGapRule& r : rules) {
    counted.push_back(provision_marks(r, catalogue));
    names.push_back(seen_in_language(r.language));
  }
  const std::size_t n = t.rows.size(), m = counted.size();
  const MarkedCounts marked = count_marks(n, area_of_child, marks, keys, counted);
  const auto& count = marked.count;
  const auto& key = marked.key;
  const std::string pop = name_of(Col::kUnder5Population);
  const int c_pop = t.column(Col::kUnder5Population);
  std::vector<TableColumn> columns;
  for (std::size_t k = 0; k < catalogue.types.size(); ++k) {
    columns.push_back({names[k], ColumnKind::kGroupCount});
    push_share_columns(columns, type_reach(catalogue.types[k].column), names[k], pop);
  }
  std::vector<int> demand_at;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string& seen = names[catalogue.types.size() + i];
    const std::string demand = demand_column(rules[i], groups);
    demand_at.push_back(t.column(demand));
    columns.push_back({seen, ColumnKind::kGroupCount});
    push_share_columns(columns, language_provision_share(rules[i].language), seen, demand);
    columns.push_back({language_gap(rules[i].language), ColumnKind::kFlag});
  }
  const std::size_t at = first_band_column(t);
  t.columns.insert(t.columns.begin() + long(at), columns.begin(), columns.end());
  for (std::size_t j = 0; j < m; ++j) {
    auto& cell_keys = t.cell_keys[names[j]];
    cell_keys.clear();
    for (std::size_t a = 0; a < n; ++a) cell_keys.push_back(key[a * m + j]);
  }
  const int c_seen = t.column(Col::kSeenChildren);
  for (std::size_t a = 0; a < n; ++a) {
    std::vector<Cell> cells;
    const auto& row = t.rows[a];
    // An area nobody could be placed in (no geometry) has blank counts: so have these.
    if (c_seen >= 0 && std::holds_alternative<std::monostate>(row[std::size_t(c_seen)])) {
      t.rows[a].insert(t.rows[a].begin() + long(at), columns.size(), Cell());
      continue;
    }
    const std::optional<double> under5 =
        c_pop >= 0 ? cell_number(row[std::size_t(c_pop)]) : std::nullopt;
    for (std::size_t k = 0; k < catalogue.types.size(); ++k) {
      const std::int64_t seen = count[a * m + k];
      cells.push_back(seen);
      push_share_cells(cells, seen, under5);
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::int64_t seen = count[a * m + catalogue.types.size() + i];
      const int d = demand_at[i];
      const std::optional<double> demand = d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt;
      cells.push_back(seen);
      push_share_cells(cells, seen, demand);
      cells.emplace_back();  // mark_language_gaps
    }
    t.rows[a].insert(t.rows[a].begin() + long(at), cells.begin(), cells.end());
  }
  mark_language_gaps(t, rules, groups);
}

void add_centre_service_columns(Table& t, const std::vector<Centre>& centres,
                                const std::vector<std::optional<ReachArea>>& reach,
                                const std::vector<std::uint64_t>& marks,
                                const std::vector<std::uint8_t>& keys,
                                const ServiceCatalogue& catalogue) {
  const int c_id = t.column(Col::kCentreId), c_pop = t.column(Col::kReachAreaUnder5Population);
  if (c_id < 0 || c_pop < 0) return;  // no reach areas
  const std::string pop = name_of(Col::kReachAreaUnder5Population);
  std::vector<TableColumn> columns;
  for (const ServiceLabel& type : catalogue.types) {
    const std::string seen = reach_area_seen_in_group(type.column);
    columns.push_back({seen, ColumnKind::kGroupCount});
    push_share_columns(columns, type_reach(type.column), seen, pop);
    t.cell_keys[seen].assign(t.rows.size(), 0);  // a centre without a reach area: 0
  }
  std::map<std::string, const ReachArea*> area_of;
  for (std::size_t k = 0; k < centres.size() && k < reach.size(); ++k)
    if (reach[k]) area_of[centres[k].id] = &*reach[k];
  std::vector<std::uint64_t> masks;
  for (std::size_t k = 0; k < catalogue.types.size(); ++k) masks.push_back(std::uint64_t(1) << k);
  const std::size_t at = first_band_column(t);
  t.columns.insert(t.columns.begin() + long(at), columns.begin(), columns.end());
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto& row = t.rows[r];
    const auto it = area_of.find(std::get<std::string>(row[std::size_t(c_id)]));
    std::vector<Cell> cells;
    if (it == area_of.end()) {
      cells.assign(columns.size(), Cell());
    } else {
      const std::optional<double> under5 = cell_number(row[std::size_t(c_pop)]);
      const MarkedCounts seen = count_marks_of(it->second->children, marks, keys, masks);
      for (std::size_t k = 0; k < catalogue.types.size(); ++k) {
        t.cell_keys[reach_area_seen_in_group(catalogue.types[k].column)][r] = seen.key[k];
        cells.push_back(seen.count[k]);
        push_share_cells(cells, seen.count[k], under5);
      }
    }
    row.insert(row.begin() + long(at), cells.begin(), cells.end());
  }
}

void mark_language_gaps(Table& t, const std::vector<LanguageGapRule>& rules,
                        const std::vector<TargetGroup>& groups) {
  for (const LanguageGapRule& r : rules) {
    const int flag = t.column(language_gap(r.language));
    const int share = t.column(language_provision_share(r.language));
    const int demand = t.column(demand_column(r, groups));
    if (flag < 0) continue;
    for (auto& row : t.rows) {
      const auto s = share >= 0 ? cell_number(row[std::size_t(share)]) : std::nullopt;
      const auto d = demand >= 0 ? cell_number(row[std::size_t(demand)]) : std::nullopt;
      // Too little demand is no gap whatever the share; otherwise the share says.
      Cell& out = row[std::size_t(flag)];
      out = std::monostate{};
      if (d && *d < r.min_demand)
        out = false;
      else if (d && s)
        out = *s < r.share_below;
    }
  }
}

}  // namespace reachmap
