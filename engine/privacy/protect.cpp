#include "engine/privacy/protect.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <tuple>

#include "engine/measure/equity_gradient.hpp"
#include "engine/measure/group_equity.hpp"
#include "engine/measure/service_columns.hpp"
#include "engine/measure/setting_columns.hpp"
#include "engine/privacy/period_relations.hpp"
#include "engine/privacy/protect_periods.hpp"
#include "engine/privacy/public_analysis.hpp"
#include "engine/privacy/relations.hpp"

namespace reachmap {

namespace {
// A centre's children seen are at most the sum of its weeks' children (a child seen in two
// weeks counts in each), and its children seen with a father at most its weeks' with a father.
// These are all the carers' table says of other tables: a week's count is at most the
// centre's, but an upper bound cannot pin a count that may still be 0.
std::vector<Relation> carer_relations(const Table& weeks, std::size_t weeks_index,
                                      const Table& centres, std::size_t centre_index) {
  std::vector<Relation> out;
  std::vector<std::size_t> children;
  for (const std::string& k : carer_kinds_of(weeks))
    children.push_back(std::size_t(weeks.column(carer_children(k))));
  const int father = weeks.column(carer_children("father"));
  const int r_id = centres.column(Col::kCentreId), r_seen = centres.column(Col::kSeenChildren),
            r_father = centres.column(Col::kSeenWithFather);
  std::map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < centres.rows.size(); ++r)
    row_of[std::get<std::string>(centres.rows[r][std::size_t(r_id)])] = r;
  // The weeks are in centre order: one run of rows a centre.
  for (std::size_t r = 0; r < weeks.rows.size();) {
    const auto& id = std::get<std::string>(weeks.rows[r][0]);
    Relation all{std::nullopt, {}, true}, fathers{std::nullopt, {}, true};
    for (; r < weeks.rows.size() && std::get<std::string>(weeks.rows[r][0]) == id; ++r) {
      for (const std::size_t c : children) all.parts.push_back({weeks_index, r, c});
      if (father >= 0) fathers.parts.push_back({weeks_index, r, std::size_t(father)});
    }
    const auto it = row_of.find(id);
    if (it == row_of.end()) continue;
    all.total = CellRef{centre_index, it->second, std::size_t(r_seen)};
    out.push_back(std::move(all));
    if (r_father >= 0 && father >= 0) {
      fathers.total = CellRef{centre_index, it->second, std::size_t(r_father)};
      out.push_back(std::move(fathers));
    }
  }
  return out;
}
// The carers' table, protected after the others, in a pass of its own: all it says of them is
// the two bounds of carer_relations, whose totals (a centre's children seen, and seen with a
// father) it takes as constants at their true values: more than an intruder knows of a hidden
// one. The other way, a week's published children (0 or min_count and more) cannot pin a
// hidden centre count that must reach 0 or min_count. Apart, the first pass's working memory
// is given back before this one's (nationally 920,000 rows and kinds: 300 MB).
void protect_carers(const Analysis& a, PublicTables& p, int threads) {
  p.carers = carers_by_week(*a.attendance.carers);
  Table totals;
  totals.columns = {Col::kCentreId};
  std::vector<int> from;
  for (const Col c : {Col::kSeenChildren, Col::kSeenWithFather})
    if (const int i = a.centre_table.column(c); i >= 0) {
      totals.columns.push_back({name_of(c), ColumnKind::kPopulation});
      from.push_back(i);
    }
  const int id = a.centre_table.column(Col::kCentreId);
  for (const auto& row : a.centre_table.rows) {
    std::vector<Cell> r{row[std::size_t(id)]};
    for (const int i : from) r.push_back(row[std::size_t(i)]);
    totals.rows.push_back(std::move(r));
  }
  AuditSummary audit;
  const auto d =
      protect_tables({{&*p.carers, nullptr}, {&totals, nullptr}},
                     carer_relations(*p.carers, 0, totals, 1), a.settings.privacy, &audit, threads);
  p.disclosure.push_back(d.front());
  add_audit(p.audit, audit);
}
}  // namespace

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
  // Within the run's own period: each layer's total and the nesting first, the reach areas and
  // the settings after the equity tables' (their order is secondary suppression's).
  PeriodTablesAt own_at;
  std::vector<const Table*> own_layers;
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    tables.push_back({&p.layers[i], nullptr});
    own_at.layers.push_back(i);
    own_layers.push_back(&p.layers[i]);
  }
  relations = area_sum_relations(a, own_layers, own_at);
  // A decile's counts are the sums of its areas'.
  p.equity.resize(p.layers.size());
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    EquityGradient eg = equity_gradient(a.layers[i].indicators);
    p.equity[i] = std::move(eg.table);
    const std::size_t ei = tables.size() + i;
    std::vector<std::pair<std::size_t, int>> columns;  // (its column, the layer's)
    for (std::size_t c = 0; c < p.equity[i].columns.size(); ++c) {
      if (p.equity[i].columns[c].kind != ColumnKind::kCount) continue;
      const int lc = p.layers[i].column(p.equity[i].columns[c].name);
      for (std::size_t r = 0; r < eg.members.size() && lc >= 0; ++r)
        relations.push_back(sum_relation({ei, r, c}, i, std::size_t(lc), eg.members[r]));
      if (lc >= 0) columns.emplace_back(c, lc);
    }
    // The row for all areas (the first) is its deciles' and the other areas' sum.
    std::vector<std::size_t> deciles(eg.members.empty() ? 0 : eg.members.size() - 1);
    std::iota(deciles.begin(), deciles.end(), 1);
    const auto sums = whole_of_pieces(ei, 0, deciles, eg.members, i, columns);
    relations.insert(relations.end(), sums.begin(), sums.end());
  }
  for (auto& e : p.equity) tables.push_back({&e, nullptr});
  const std::size_t centre_index = tables.size();
  tables.push_back({&p.centres, nullptr});
  own_at.centres = centre_index;
  {  // moved in, not copied: a copy held through the audit was 90 MiB nationally
    auto own = centre_and_setting_relations(a, own_layers, p.centres, own_at);
    relations.insert(relations.end(), std::make_move_iterator(own.begin()),
                     std::make_move_iterator(own.end()));
  }
  // Each target group's row: its counts and the whole's are its areas' sums, and the whole's
  // are the group's and everyone else's.
  p.groups.resize(p.layers.size());
  for (std::size_t i = 0; i < p.layers.size(); ++i) {
    GroupEquity ge = group_equity(a.layers[i].indicators, a.settings.groups);
    p.groups[i] = std::move(ge.table);
    const std::size_t gi = tables.size() + i;
    const Table& t = p.groups[i];
    const auto at = [&](Col c) { return std::size_t(t.column(c)); };
    // Each count of a group's row with the same count's column in the areas' table (-1: none,
    // everyone else's, which is the whole less the group).
    const auto columns_of = [&](const std::string& group) {
      const auto layer = [&](const std::string& name) { return p.layers[i].column(name); };
      return std::vector<std::pair<std::size_t, int>>{
          {at(Col::kRegisteredChildren), layer(name_of(Col::kRegisteredChildren))},
          {at(Col::kSeenChildren), layer(name_of(Col::kSeenChildren))},
          {at(Col::kGroupRegistered), layer(registered_in_group(group))},
          {at(Col::kGroupSeen), layer(seen_in_group(group))},
          {at(Col::kOthersRegistered), -1},
          {at(Col::kOthersSeen), -1}};
    };
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      for (const auto& [here, there] : columns_of(a.settings.groups[ge.group[r]].name))
        if (there >= 0)
          relations.push_back(sum_relation({gi, r, here}, i, std::size_t(there), ge.members[r]));
      for (const auto& [whole, part, rest] :
           {std::tuple{Col::kRegisteredChildren, Col::kGroupRegistered, Col::kOthersRegistered},
            {Col::kSeenChildren, Col::kGroupSeen, Col::kOthersSeen}})
        relations.push_back(
            Relation{CellRef{gi, r, at(whole)}, {CellRef{gi, r, at(part)}, {gi, r, at(rest)}}});
    }
    // Each group's row for all areas (its first) is its deciles' and the other areas' sum.
    for (std::size_t first = 0; first < t.rows.size();) {
      std::size_t end = first + 1;
      while (end < t.rows.size() && ge.group[end] == ge.group[first]) ++end;
      std::vector<std::size_t> deciles(end - first - 1);
      std::iota(deciles.begin(), deciles.end(), first + 1);
      const auto sums = whole_of_pieces(gi, first, deciles, ge.members, i,
                                        columns_of(a.settings.groups[ge.group[first]].name));
      relations.insert(relations.end(), sums.begin(), sums.end());
      first = end;
    }
  }
  for (auto& g : p.groups) tables.push_back({&g, nullptr});
  PeriodDoor periods(a);
  const std::size_t own_tables = tables.size();
  if (a.periods) periods.join_the_run(own_layers, p.centres, own_at, tables, relations);
  p.disclosure =
      protect_tables(tables, std::move(relations), a.settings.privacy, &p.audit, threads);
  if (a.periods) periods.take_summaries(p.disclosure, own_tables);
  p.disclosure.resize(own_tables);
  if (a.attendance.carers) protect_carers(a, p, threads);
  // A public gap flag says what the published share does, nothing more.
  for (auto& layer : p.layers)
    mark_language_gaps(layer, a.settings.language_gaps, a.settings.groups);
  for (auto& g : p.groups) {
    // A group's counts are the row's own figures here: a row with one hidden is marked, as its
    // meaning says (in the area tables a hidden group count leaves the row's flag alone).
    const int flag = g.column(Col::kSuppressed);
    for (auto& row : g.rows)
      for (std::size_t c = 0; c < g.columns.size() && flag >= 0; ++c)
        if (is_count_kind(g.columns[c].kind) && std::holds_alternative<std::monostate>(row[c]))
          row[std::size_t(flag)] = true;
    add_group_comparison(g);
    round_published_decimals(g);
  }
  p.statistics.resize(p.layers.size());
  for (std::size_t i = 0; i < p.layers.size(); ++i)
    if (a.layers[i].statistics.first_column > 0)
      p.statistics[i] = analyse_in_public(p.layers[i], a.layers[i], a.settings, threads);
  if (a.periods) p.periods = periods.finish(p, p.audit, threads);
  return p;
}

}  // namespace reachmap
