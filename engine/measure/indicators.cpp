#include "engine/measure/indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/stats/poisson.hpp"
#include "engine/stats/wilson.hpp"

namespace reachmap {

namespace {
Cell rate(std::int64_t count, const std::optional<double>& population) {
  if (!population || *population <= 0) return std::monostate{};
  return static_cast<double>(count) / *population;
}

// Wilson 95% bounds of count / population; blank without a population or when the count
// exceeds it (a stale denominator).
void wilson_cells(std::vector<Cell>& row, std::int64_t count, const std::optional<double>& pop) {
  if (pop && *pop > 0 && static_cast<double>(count) <= *pop) {
    const Interval ci = wilson_interval(static_cast<double>(count), *pop);
    row.emplace_back(ci.low);
    row.emplace_back(ci.high);
  } else {
    row.emplace_back();
    row.emplace_back();
  }
}
}  // namespace

Table area_indicators(const BoundaryLayer& layer, const std::vector<long>& area_of_child,
                      const Registrations& registrations, const Attendance& attendance,
                      int sustained_min_contacts,
                      const std::vector<std::optional<double>>& population) {
  const std::size_t n_areas = layer.areas.size(), n_groups = registrations.groups.size();
  std::vector<std::int64_t> registered(n_areas), seen(n_areas), sustained(n_areas);
  std::vector<std::int64_t> group_registered(n_areas * n_groups), group_seen(n_areas * n_groups);
  for (std::size_t c = 0; c < registrations.children.size(); ++c) {
    const long a = area_of_child[c];
    if (a < 0) continue;
    const int contacts = attendance.contacts[c];
    ++registered[a];
    seen[a] += contacts >= 1;
    sustained[a] += contacts >= sustained_min_contacts;
    for (std::size_t g = 0; g < n_groups; ++g) {
      if (!registrations.children[c].groups[g]) continue;
      ++group_registered[a * n_groups + g];
      group_seen[a * n_groups + g] += contacts >= 1;
    }
  }

  Table t;
  t.columns = {{"area_id", ColumnKind::kText},
               {"area_name", ColumnKind::kText},
               {"under5_population", ColumnKind::kPopulation},
               {"registered_children", ColumnKind::kCount},
               {"seen_children", ColumnKind::kCount},
               {"sustained_children", ColumnKind::kCount},
               {"registered_reach", ColumnKind::kRate},
               {"seen_reach", ColumnKind::kRate},
               {"seen_reach_low", ColumnKind::kRate},
               {"seen_reach_high", ColumnKind::kRate},
               {"sustained_reach", ColumnKind::kRate},
               {"unreached_children", ColumnKind::kDerived},
               {"registered_reach_low", ColumnKind::kRate},
               {"registered_reach_high", ColumnKind::kRate},
               {"sustained_reach_low", ColumnKind::kRate},
               {"sustained_reach_high", ColumnKind::kRate},
               {"seen_children_low", ColumnKind::kDerived},
               {"seen_children_high", ColumnKind::kDerived}};
  for (const auto& g : registrations.groups) {
    t.columns.push_back({"registered_" + g, ColumnKind::kGroupCount});
    t.columns.push_back({"seen_" + g, ColumnKind::kGroupCount});
  }
  t.columns.push_back({"suppressed", ColumnKind::kFlag});

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
    row.push_back(rate(registered[a], pop));
    row.push_back(rate(seen[a], pop));
    wilson_cells(row, seen[a], pop);
    row.push_back(rate(sustained[a], pop));
    if (pop.has_value())
      row.emplace_back(std::max(0.0, pop.value_or(0.0) - static_cast<double>(seen[a])));
    else
      row.emplace_back();
    wilson_cells(row, registered[a], pop);
    wilson_cells(row, sustained[a], pop);
    const Interval counts = poisson_interval(static_cast<double>(seen[a]));  // exact / Byar
    row.emplace_back(counts.low);
    row.emplace_back(counts.high);
    for (std::size_t g = 0; g < n_groups; ++g) {
      row.emplace_back(group_registered[a * n_groups + g]);
      row.emplace_back(group_seen[a * n_groups + g]);
    }
    row.emplace_back(false);
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table centre_indicators(const Attendance& attendance, const std::vector<LayerAreas>& layers,
                        const std::vector<Centre>& centres) {
  Table t;
  t.columns = {{"centre_id", ColumnKind::kText},
               {"centre_name", ColumnKind::kText},
               {"seen_children", ColumnKind::kCount}};
  for (const auto& l : layers)
    t.columns.push_back({"inside_" + l.name + "_share", ColumnKind::kRate});
  t.columns.push_back({"suppressed", ColumnKind::kFlag});
  std::map<std::string, std::string> names;
  for (const auto& c : centres) names[c.id] = c.name;
  for (const auto& [id, children] : attendance.children_by_centre) names.try_emplace(id, id);
  static const std::vector<std::size_t> kNone;
  for (const auto& [id, name] : names) {
    auto it = attendance.children_by_centre.find(id);
    const auto& children = it == attendance.children_by_centre.end() ? kNone : it->second;
    std::vector<Cell> row{id, name, static_cast<std::int64_t>(children.size())};
    for (const auto& l : layers) {
      std::size_t inside = 0;
      for (std::size_t c : children) inside += (*l.area_of_child)[c] >= 0;
      if (children.empty())
        row.emplace_back();
      else
        row.emplace_back(static_cast<double>(inside) / static_cast<double>(children.size()));
    }
    row.emplace_back(false);
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace reachmap
