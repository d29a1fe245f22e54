#include "engine/privacy/protect.hpp"

#include "engine/measure/equity_gradient.hpp"
#include "engine/privacy/public_analysis.hpp"
#include "engine/privacy/relations.hpp"

namespace reachmap {

PublicTables protect(const Analysis& a, int threads) {
  PublicTables p;
  // The measures only: the public analysis is made afterwards from what protection leaves.
  for (const auto& layer : a.layers) {
    p.layers.push_back(layer.indicators);
    if (const std::size_t first = layer.statistics.first_column; first > 0) {
      auto& columns = p.layers.back().columns;
      columns.erase(columns.begin() + long(first), columns.end());
      for (auto& row : p.layers.back().rows) row.resize(first);
    }
  }
  p.centres = a.centre_table;
  std::vector<TableToProtect> tables;
  std::vector<Relation> relations;
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    tables.push_back({&p.layers[i], nullptr});
    const auto total = total_relations(p.layers[i], i);
    relations.insert(relations.end(), total.begin(), total.end());
  }
  for (std::size_t i = 0; i < p.layers.size(); ++i)
    for (std::size_t j = 0; j < p.layers.size(); ++j) {
      if (i == j) continue;
      const auto nested = nesting_relations(p.layers[i], i, a.layers[i].area_of_child, p.layers[j],
                                            j, a.layers[j].area_of_child);
      relations.insert(relations.end(), nested.begin(), nested.end());
    }
  // A decile's counts are the sums of its areas'.
  p.equity.resize(p.layers.size());
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    EquityGradient eg = equity_gradient(a.layers[i].indicators);
    p.equity[i] = std::move(eg.table);
    const std::size_t ei = tables.size() + i;
    for (std::size_t c = 0; c < p.equity[i].columns.size(); ++c) {
      if (p.equity[i].columns[c].kind != ColumnKind::kCount) continue;
      const int lc = p.layers[i].column(p.equity[i].columns[c].name);
      for (std::size_t r = 0; r < eg.members.size() && lc >= 0; ++r)
        relations.push_back(sum_relation({ei, r, c}, i, std::size_t(lc), eg.members[r]));
    }
  }
  for (auto& e : p.equity) tables.push_back({&e, nullptr});
  const std::size_t centre_index = tables.size();
  tables.push_back({&p.centres, nullptr});
  // A reach area made of a layer's areas: its counts are the sums of theirs.
  if (a.reach && a.reach->layer >= 0) {
    const auto li = static_cast<std::size_t>(a.reach->layer);
    const int c_id = p.centres.column(Col::kCentreId);
    for (std::size_t r = 0; r < p.centres.rows.size(); ++r) {
      const auto& id = std::get<std::string>(p.centres.rows[r][std::size_t(c_id)]);
      for (std::size_t k = 0; k < a.centres.size(); ++k) {
        if (a.centres[k].id != id || !a.reach->by_centre[k]) continue;
        for (const auto& [total, part] :
             {std::pair{Col::kReachAreaRegistered, Col::kRegisteredChildren},
              {Col::kReachAreaSeen, Col::kSeenChildren},
              {Col::kReachAreaSustained, Col::kSustainedChildren}})
          relations.push_back(sum_relation({centre_index, r, std::size_t(p.centres.column(total))},
                                           li, std::size_t(p.layers[li].column(part)),
                                           a.reach->by_centre[k]->areas));
      }
    }
  }
  p.disclosure =
      protect_tables(tables, std::move(relations), a.settings.privacy, &p.audit, threads);
  p.statistics.resize(p.layers.size());
  for (std::size_t i = 0; i < p.layers.size(); ++i)
    if (a.layers[i].statistics.first_column > 0)
      p.statistics[i] = analyse_in_public(p.layers[i], a.layers[i], a.settings, threads);
  return p;
}

}  // namespace reachmap
