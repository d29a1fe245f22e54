#include "engine/measure/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/core/record_key.hpp"
#include "engine/stats/poisson.hpp"
#include "engine/stats/wilson.hpp"

namespace reachmap {

std::size_t first_band_column(const Table& t) {
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].kind == ColumnKind::kBand || t.columns[c].name == name_of(Col::kSuppressed))
      return c;
  return t.columns.size();
}

Cell rate_cell(std::int64_t count, const std::optional<double>& population) {
  if (!population || *population <= 0) return std::monostate{};
  return static_cast<double>(count) / *population;
}

void push_wilson_cells(std::vector<Cell>& row, std::int64_t count,
                       const std::optional<double>& pop) {
  if (pop && *pop > 0 && static_cast<double>(count) <= *pop) {
    const Interval ci = wilson_interval(static_cast<double>(count), *pop);
    row.emplace_back(ci.low);
    row.emplace_back(ci.high);
  } else {
    row.emplace_back();
    row.emplace_back();
  }
}

Cell unreached_cell(std::int64_t seen, const std::optional<double>& population) {
  if (!population) return std::monostate{};
  return static_cast<std::int64_t>(
      std::llround(std::max(0.0, *population - static_cast<double>(seen))));
}

void add_group_reach_columns(Table& t, const std::vector<TargetGroup>& groups,
                             const std::function<std::string(const std::string&)>& registered,
                             const std::function<std::string(const std::string&)>& seen) {
  for (const TargetGroup& g : groups) {
    if (g.population < 0) continue;
    const std::string pop = group_population(g.name);
    t.columns.push_back({pop, ColumnKind::kPopulation});
    if (g.flag < 0) continue;
    for (const auto& [reach, count] :
         {std::pair{group_registered_reach(g.name), registered(g.name)},
          {group_seen_reach(g.name), seen(g.name)}}) {
      t.columns.push_back({reach, ColumnKind::kRate, count, Formula::kProportion, pop});
      t.columns.push_back({low_of(reach), ColumnKind::kRate, count, Formula::kWilsonLow, pop});
      t.columns.push_back({high_of(reach), ColumnKind::kRate, count, Formula::kWilsonHigh, pop});
    }
  }
}

void push_group_reach_cells(std::vector<Cell>& row, const std::optional<double>& pop, bool has_flag,
                            std::int64_t registered, std::int64_t seen) {
  row.push_back(pop ? Cell(*pop) : Cell());
  if (!has_flag) return;
  for (const std::int64_t n : {registered, seen}) {
    row.push_back(rate_cell(n, pop));
    push_wilson_cells(row, n, pop);
  }
}

Table area_indicators(const BoundaryLayer& layer, const std::vector<long>& area_of_child,
                      const Registrations& registrations, const Attendance& attendance,
                      int sustained_min_contacts,
                      const std::vector<std::optional<double>>& population,
                      const std::vector<bool>& unmeasured, const std::vector<TargetGroup>& groups,
                      const std::vector<Population>& group_populations) {
  const std::size_t n_areas = layer.areas.size(), n_groups = registrations.groups.size();
  std::vector<std::int64_t> registered(n_areas), seen(n_areas), sustained(n_areas);
  std::vector<std::int64_t> group_registered(n_areas * n_groups), group_seen(n_areas * n_groups);
  // Beside each count, its cell key: the sum of the record keys of the children it counts.
  std::vector<std::uint8_t> registered_key(n_areas), seen_key(n_areas), sustained_key(n_areas);
  std::vector<std::uint8_t> group_registered_key(n_areas * n_groups),
      group_seen_key(n_areas * n_groups);
  for (std::size_t c = 0; c < registrations.children.size(); ++c) {
    const long a = area_of_child[c];
    if (a < 0) continue;
    const int contacts = attendance.contacts[c];
    const std::uint8_t key = registrations.children[c].key;
    ++registered[a];
    add_key(registered_key[a], key);
    if (contacts >= 1) ++seen[a], add_key(seen_key[a], key);
    if (contacts >= sustained_min_contacts) ++sustained[a], add_key(sustained_key[a], key);
    for (std::size_t g = 0; g < n_groups; ++g) {
      if (!registrations.children[c].in_group(g)) continue;
      const std::size_t ag = std::size_t(a) * n_groups + g;
      ++group_registered[ag];
      add_key(group_registered_key[ag], key);
      if (contacts >= 1) ++group_seen[ag], add_key(group_seen_key[ag], key);
    }
  }

  Table t;
  const Col n_reg = Col::kRegisteredChildren, n_seen = Col::kSeenChildren,
            n_sus = Col::kSustainedChildren;
  // Kinds, sources, formulas and denominators are the registry's (engine/core/columns.cpp).
  t.columns = {Col::kAreaId,
               Col::kAreaName,
               {Col::kUnder5Population,
                std::nullopt,
                std::nullopt,
                {{name_of(n_seen), name_of(Col::kUnreachedChildren)}}},
               n_reg,
               n_seen,
               n_sus,
               Col::kRegisteredReach,
               Col::kSeenReach,
               Col::kSeenReachLow,
               Col::kSeenReachHigh,
               Col::kSustainedReach,
               Col::kUnreachedChildren,
               Col::kRegisteredReachLow,
               Col::kRegisteredReachHigh,
               Col::kSustainedReachLow,
               Col::kSustainedReachHigh,
               Col::kSeenChildrenLow,
               Col::kSeenChildrenHigh};
  t.cell_keys[name_of(n_reg)] = std::move(registered_key);
  t.cell_keys[name_of(n_seen)] = std::move(seen_key);
  t.cell_keys[name_of(n_sus)] = std::move(sustained_key);
  for (std::size_t g = 0; g < n_groups; ++g) {
    const std::string& group = registrations.groups[g];
    t.columns.push_back({registered_in_group(group), ColumnKind::kGroupCount});
    t.columns.push_back({seen_in_group(group), ColumnKind::kGroupCount});
    auto& reg_keys = t.cell_keys[registered_in_group(group)];
    auto& seen_keys = t.cell_keys[seen_in_group(group)];
    for (std::size_t a = 0; a < n_areas; ++a) {
      reg_keys.push_back(group_registered_key[a * n_groups + g]);
      seen_keys.push_back(group_seen_key[a * n_groups + g]);
    }
  }
  add_group_reach_columns(t, groups, registered_in_group, seen_in_group);
  // Filled by disclosure control where a count is hidden: the range it lies in.
  for (const Col c : {n_reg, n_seen, n_sus, Col::kUnreachedChildren})
    t.columns.push_back({band_of(c), ColumnKind::kBand});
  t.columns.push_back(Col::kSuppressed);

  for (std::size_t a = 0; a < n_areas; ++a) {
    std::optional<double> pop;
    if (a < population.size() && population[a].has_value()) pop = *population[a];
    std::vector<Cell> row;
    row.emplace_back(layer.areas[a].id);
    row.emplace_back(layer.areas[a].label);
    row.push_back(pop ? Cell(*pop) : Cell());
    row.emplace_back(registered[a]);
    row.emplace_back(seen[a]);
    row.emplace_back(sustained[a]);
    row.push_back(rate_cell(registered[a], pop));
    row.push_back(rate_cell(seen[a], pop));
    push_wilson_cells(row, seen[a], pop);
    row.push_back(rate_cell(sustained[a], pop));
    row.push_back(unreached_cell(seen[a], pop));
    push_wilson_cells(row, registered[a], pop);
    push_wilson_cells(row, sustained[a], pop);
    const Interval counts = poisson_interval(static_cast<double>(seen[a]));  // exact / Byar
    row.emplace_back(counts.low);
    row.emplace_back(counts.high);
    for (std::size_t g = 0; g < n_groups; ++g) {
      row.emplace_back(group_registered[a * n_groups + g]);
      row.emplace_back(group_seen[a * n_groups + g]);
    }
    for (const TargetGroup& g : groups) {
      if (g.population < 0) continue;
      const auto& gp = group_populations[std::size_t(g.population)].by_area;
      const std::size_t ag = a * n_groups + std::size_t(std::max(g.flag, 0L));
      push_group_reach_cells(row, a < gp.size() ? gp[a] : std::nullopt, g.flag >= 0,
                             g.flag >= 0 ? group_registered[ag] : 0,
                             g.flag >= 0 ? group_seen[ag] : 0);
    }
    for (int b = 0; b < 4; ++b) row.emplace_back();
    row.emplace_back(false);
    if (a < unmeasured.size() && unmeasured[a])
      for (std::size_t c = 3; c + 1 < row.size(); ++c)
        if (t.columns[c].kind != ColumnKind::kPopulation) row[c] = std::monostate{};
    t.rows.push_back(std::move(row));
  }
  return t;
}

void mark_estimated(Table& t, const std::vector<bool>& estimated) {
  const auto c_pop = static_cast<std::size_t>(t.column(Col::kUnder5Population));
  t.columns.push_back(Col::kUnder5PopulationEstimated);
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    t.rows[r].push_back(std::holds_alternative<double>(t.rows[r][c_pop])
                            ? Cell(r < estimated.size() && estimated[r])
                            : Cell());
}

}  // namespace reachmap
