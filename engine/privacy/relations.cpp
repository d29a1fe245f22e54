#include "engine/privacy/relations.hpp"

#include <algorithm>
#include <map>

namespace reachmap {

bool adds_over_areas(ColumnKind k) {
  return is_count_kind(k) && k != ColumnKind::kDerivedCount;
}

std::vector<Relation> total_relations(const Table& table, std::size_t table_index) {
  std::vector<Relation> out;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (!adds_over_areas(table.columns[c].kind)) continue;
    Relation r;
    for (std::size_t row = 0; row < table.rows.size(); ++row)
      r.parts.push_back({table_index, row, c});
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Relation> nesting_relations(const Table& fine, std::size_t fine_index,
                                        const std::vector<long>& fine_area_of_child,
                                        const Table& coarse, std::size_t coarse_index,
                                        const std::vector<long>& coarse_area_of_child,
                                        double agreement) {
  std::vector<Relation> out;
  if (fine.rows.size() <= coarse.rows.size()) return out;
  std::vector<std::map<long, std::size_t>> together(fine.rows.size());
  std::size_t both = 0;
  for (std::size_t c = 0; c < fine_area_of_child.size(); ++c) {
    if (fine_area_of_child[c] < 0 || coarse_area_of_child[c] < 0) continue;
    ++together[std::size_t(fine_area_of_child[c])][coarse_area_of_child[c]];
    ++both;
  }
  std::vector<long> parent(fine.rows.size(), -1);
  std::size_t consistent = 0;
  for (std::size_t f = 0; f < together.size(); ++f) {
    std::size_t best = 0;
    for (const auto& [coarse_area, n] : together[f])
      if (n > best) best = n, parent[f] = coarse_area;
    consistent += best;
  }
  if (both == 0 || static_cast<double>(consistent) < agreement * static_cast<double>(both))
    return out;
  std::vector<std::vector<std::size_t>> members(coarse.rows.size());
  for (std::size_t f = 0; f < parent.size(); ++f)
    if (parent[f] >= 0) members[std::size_t(parent[f])].push_back(f);
  for (std::size_t c = 0; c < fine.columns.size(); ++c) {
    if (!adds_over_areas(fine.columns[c].kind)) continue;
    const int cc = coarse.column(fine.columns[c].name);
    if (cc < 0) continue;
    for (std::size_t g = 0; g < members.size(); ++g)
      if (!members[g].empty())
        out.push_back(sum_relation({coarse_index, g, std::size_t(cc)}, fine_index, c, members[g]));
  }
  return out;
}

Relation sum_relation(CellRef total, std::size_t part_table, std::size_t part_column,
                      const std::vector<std::size_t>& rows) {
  Relation r{total, {}};
  for (std::size_t row : rows) r.parts.push_back({part_table, row, part_column});
  return r;
}

std::vector<std::size_t> areas_in_no_piece(
    const std::vector<std::size_t>& whole,
    const std::vector<const std::vector<std::size_t>*>& pieces) {
  std::vector<std::size_t> held;
  for (const auto* p : pieces) held.insert(held.end(), p->begin(), p->end());
  std::sort(held.begin(), held.end());
  std::vector<std::size_t> out;
  for (const std::size_t a : whole)
    if (!std::binary_search(held.begin(), held.end(), a)) out.push_back(a);
  return out;
}

std::vector<Relation> whole_of_pieces(std::size_t table, std::size_t whole,
                                      const std::vector<std::size_t>& pieces,
                                      const std::vector<std::vector<std::size_t>>& members,
                                      std::size_t area_table,
                                      const std::vector<std::pair<std::size_t, int>>& columns) {
  std::vector<Relation> out;
  if (pieces.empty()) return out;
  std::vector<const std::vector<std::size_t>*> held;
  for (const std::size_t p : pieces) held.push_back(&members[p]);
  const auto rest = areas_in_no_piece(members[whole], held);
  for (const auto& [here, there] : columns) {
    if (!rest.empty() && there < 0) continue;
    Relation r{CellRef{table, whole, here}, {}};
    for (const std::size_t p : pieces) r.parts.push_back({table, p, here});
    for (const std::size_t a : rest) r.parts.push_back({area_table, a, std::size_t(there)});
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> meaning_orders(
    const std::vector<std::string>& groups, bool settings) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [a, b] : {std::pair{Col::kSustainedChildren, Col::kSeenChildren},
                             {Col::kSeenChildren, Col::kRegisteredChildren},
                             {Col::kKnownSeen, Col::kKnownRegistered},
                             {Col::kKnownRegistered, Col::kKnownChildren},
                             {Col::kKnownNotRegistered, Col::kKnownChildren},
                             // the cohorts: a measure's children are some of its cohort's,
                             // and the first birthday's cohort some of the registered
                             {Col::kNeverSeenBy5, Col::kTurned5Children},
                             {Col::kSeenBefore1, Col::kTurned1Children},
                             {Col::kTurned1Children, Col::kRegisteredChildren},
                             {Col::kReachAreaNeverSeenBy5, Col::kReachAreaTurned5Children},
                             {Col::kReachAreaSeenBefore1, Col::kReachAreaTurned1Children},
                             {Col::kReachAreaTurned1Children, Col::kReachAreaRegistered},
                             {Col::kReachAreaSustained, Col::kReachAreaSeen},
                             {Col::kReachAreaSeen, Col::kReachAreaRegistered},
                             // groups_<layer>.csv: a group's and everyone else's counts
                             {Col::kGroupSeen, Col::kGroupRegistered},
                             {Col::kOthersSeen, Col::kOthersRegistered},
                             {Col::kGroupRegistered, Col::kRegisteredChildren},
                             {Col::kOthersRegistered, Col::kRegisteredChildren},
                             {Col::kGroupSeen, Col::kSeenChildren},
                             {Col::kOthersSeen, Col::kSeenChildren},
                             // fathers
                             {Col::kSeenWithFather, Col::kSeenChildren},
                             // settings: the headline's seen is some kinds' (or all)
                             {Col::kSeenChildren, Col::kSeenAnySetting}})
    out.emplace_back(name_of(a), name_of(b));
  const std::string ra_any =
      reach_area_seen_in_group(name_of(Col::kSeenAnySetting).substr(seen_in_group("").size()));
  out.emplace_back(name_of(Col::kReachAreaSeen), ra_any);
  // A group's counts in an area (seen_<g>, registered_<g>) and in a centre's reach area
  // (reach_area_seen_<g>, ...): the reach area's first, as its prefix holds the other.
  const std::string ra_seen = reach_area_seen_in_group(""),
                    ra_registered = reach_area_registered_in_group("");
  const std::string seen = seen_in_group(""), registered = registered_in_group("");
  for (const auto& name : groups) {
    if (name == name_of(Col::kSeenWithFather)) continue;  // above: not a target group's
    // carers_by_week: a kind's children are at most its contacts.
    if (const std::string children = carer_children(""); name.rfind(children, 0) == 0) {
      out.emplace_back(name, carer_contacts(name.substr(children.size())));
      continue;
    }
    // Anyone seen at all was seen by some setting (the children of a service, of a kind of
    // setting, more than one). A target group's seen is the headline's, a service's is not when
    // the headline counts some kinds of setting only (`settings`).
    const bool in_reach_area = name.rfind(ra_seen, 0) == 0;
    if (in_reach_area || name.rfind(seen, 0) == 0) {
      const std::string g = name.substr((in_reach_area ? ra_seen : seen).size());
      const std::string whole =
          in_reach_area ? reach_area_registered_in_group(g) : registered_in_group(g);
      const bool target_group = std::find(groups.begin(), groups.end(), whole) != groups.end();
      if (target_group) out.emplace_back(name, whole);
      const std::string headline =
          name_of(in_reach_area ? Col::kReachAreaSeen : Col::kSeenChildren);
      const std::string any = in_reach_area ? ra_any : name_of(Col::kSeenAnySetting);
      if (target_group || !settings) out.emplace_back(name, headline);
      if (settings && name != any) out.emplace_back(name, any);
    } else if (name.rfind(ra_registered, 0) == 0) {
      out.emplace_back(name, name_of(Col::kReachAreaRegistered));
    } else if (name.rfind(registered, 0) == 0) {
      out.emplace_back(name, name_of(Col::kRegisteredChildren));
    }
  }
  return out;
}

std::vector<std::pair<CellRef, CellRef>> column_orders(const std::vector<TableToProtect>& tables) {
  std::vector<std::pair<CellRef, CellRef>> out;
  for (std::size_t ti = 0; ti < tables.size(); ++ti) {
    const Table& tb = *tables[ti].table;
    std::vector<std::pair<int, int>> pairs;
    const auto add = [&](const std::string& a, const std::string& b) {
      const int ca = tb.column(a), cb = tb.column(b);
      if (ca >= 0 && cb >= 0 && is_count_kind(tb.columns[std::size_t(ca)].kind) &&
          is_count_kind(tb.columns[std::size_t(cb)].kind))
        pairs.emplace_back(ca, cb);
    };
    std::vector<std::string> groups;
    for (const auto& col : tb.columns)
      if (col.kind == ColumnKind::kGroupCount) groups.push_back(col.name);
    const bool settings = tb.column(Col::kSeenAnySetting) >= 0 ||
                          tb.column(reach_area_seen_in_group("any_setting")) >= 0;
    for (const auto& [a, b] : meaning_orders(groups, settings)) add(a, b);
    for (const auto& [a, b] : pairs)
      for (std::size_t r = 0; r < tb.rows.size(); ++r) {
        const auto va = cell_number(tb.rows[r][std::size_t(a)]);
        const auto vb = cell_number(tb.rows[r][std::size_t(b)]);
        if (va && vb && *va <= *vb)
          out.emplace_back(CellRef{ti, r, std::size_t(a)}, CellRef{ti, r, std::size_t(b)});
      }
  }
  return out;
}

}  // namespace reachmap
