#include "engine/privacy/period_relations.hpp"

#include <map>
#include <string>
#include <utility>

#include "engine/measure/group_equity.hpp"
#include "engine/measure/service_columns.hpp"
#include "engine/measure/setting_columns.hpp"
#include "engine/privacy/relations.hpp"

namespace reachmap {

namespace {

void append(std::vector<Relation>& to, std::vector<Relation> more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// What the settings' counts of an area say of each other and of the headline's seen, beyond
// the orders (relations.cpp): with a headline of every kind, seen_children is
// seen_any_setting; with one kind, it is that kind's; any setting's children are at most the
// kinds' sum when every centre has a kind, and the headline's at most its kinds'.
std::vector<Relation> setting_relations(const Table& t, std::size_t ti,
                                        const SettingTypes& settings,
                                        const Attendance& attendance) {
  std::vector<Relation> out;
  const int seen = t.column(Col::kSeenChildren), any = t.column(Col::kSeenAnySetting);
  if (seen < 0 || any < 0) return out;
  std::vector<std::size_t> kinds, headline;
  for (std::size_t k = 0; k < settings.types.size(); ++k) {
    kinds.push_back(std::size_t(t.column(seen_by_setting(settings.types[k].column))));
    if (settings.headline >> k & 1) headline.push_back(kinds.back());
  }
  const bool every_centre_listed =
      centres_not_listed(settings, attendance.contacts_by_centre).empty();
  const auto cells = [&](std::size_t r, const std::vector<std::size_t>& columns) {
    std::vector<CellRef> refs;
    for (const std::size_t c : columns) refs.push_back({ti, r, c});
    return refs;
  };
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (std::holds_alternative<std::monostate>(t.rows[r][std::size_t(seen)])) continue;
    const CellRef seen_here{ti, r, std::size_t(seen)}, any_here{ti, r, std::size_t(any)};
    if (settings.headline_is_any_setting(every_centre_listed))
      out.push_back({seen_here, {any_here}});
    else if (headline.size() == 1)
      out.push_back({seen_here, cells(r, headline)});
    else
      out.push_back({seen_here, cells(r, headline), true});
    if (every_centre_listed) out.push_back({any_here, cells(r, kinds), true});
  }
  return out;
}

// A reach area made of a layer's areas: its counts are the sums of theirs.
std::vector<Relation> reach_area_relations(const Analysis& a, const Table& layer,
                                           std::size_t layer_at, const Table& centres,
                                           std::size_t centres_at) {
  std::vector<Relation> out;
  std::vector<std::pair<std::string, std::string>> sums;  // (the centre's, its areas')
  for (const auto& [total, part] : {std::pair{Col::kReachAreaRegistered, Col::kRegisteredChildren},
                                    {Col::kReachAreaSeen, Col::kSeenChildren},
                                    {Col::kReachAreaSustained, Col::kSustainedChildren}})
    sums.emplace_back(name_of(total), name_of(part));
  for (const TargetGroup& g : a.settings.groups)
    if (g.flag >= 0) {
      sums.emplace_back(reach_area_registered_in_group(g.name), registered_in_group(g.name));
      sums.emplace_back(reach_area_seen_in_group(g.name), seen_in_group(g.name));
    }
  if (a.services)  // each type of service's children
    for (const ServiceLabel& type : a.services->types)
      sums.emplace_back(reach_area_seen_in_group(type.column), seen_at_type(type.column));
  if (a.setting_types) {  // any setting's, each kind's and more than one's children
    const auto totals = setting_count_columns(*a.setting_types, true);
    const auto parts = setting_count_columns(*a.setting_types, false);
    for (std::size_t j = 0; j < totals.size(); ++j) sums.emplace_back(totals[j], parts[j]);
  }
  for (const auto& [total, part] :  // the cohorts', when the run counts them
       {std::pair{Col::kReachAreaTurned5Children, Col::kTurned5Children},
        {Col::kReachAreaNeverSeenBy5, Col::kNeverSeenBy5},
        {Col::kReachAreaTurned1Children, Col::kTurned1Children},
        {Col::kReachAreaSeenBefore1, Col::kSeenBefore1}})
    if (centres.column(total) >= 0 && layer.column(part) >= 0)
      sums.emplace_back(name_of(total), name_of(part));
  std::map<std::string, std::size_t> centre_of;
  for (std::size_t k = 0; k < a.centres.size(); ++k) centre_of.emplace(a.centres[k].id, k);
  const int c_id = centres.column(Col::kCentreId);
  for (std::size_t r = 0; r < centres.rows.size(); ++r) {
    const auto it = centre_of.find(std::get<std::string>(centres.rows[r][std::size_t(c_id)]));
    if (it == centre_of.end() || !a.reach->by_centre[it->second]) continue;
    const auto& areas = a.reach->by_centre[it->second]->areas;
    for (const auto& [total, part] : sums)
      out.push_back(sum_relation({centres_at, r, std::size_t(centres.column(total))}, layer_at,
                                 std::size_t(layer.column(part)), areas));
  }
  return out;
}

}  // namespace

std::vector<Relation> area_sum_relations(const Analysis& a, const std::vector<const Table*>& layers,
                                         const PeriodTablesAt& at) {
  std::vector<Relation> out;
  for (std::size_t i = 0; i < layers.size(); ++i)
    append(out, total_relations(*layers[i], at.layers[i]));
  for (std::size_t i = 0; i < layers.size(); ++i)
    for (std::size_t j = 0; j < layers.size(); ++j)
      if (i != j)  // where the areas sit is the run's: the same in every period
        append(out, nesting_relations(*layers[i], at.layers[i], a.layers[i].area_of_child,
                                      *layers[j], at.layers[j], a.layers[j].area_of_child));
  return out;
}

std::vector<Relation> centre_and_setting_relations(const Analysis& a,
                                                   const std::vector<const Table*>& layers,
                                                   const Table& centres, const PeriodTablesAt& at) {
  std::vector<Relation> out;
  if (a.reach && a.reach->layer >= 0) {
    const auto li = static_cast<std::size_t>(a.reach->layer);
    append(out, reach_area_relations(a, *layers[li], at.layers[li], centres, at.centres));
  }
  if (a.setting_types)
    for (std::size_t i = 0; i < layers.size(); ++i)
      append(out, setting_relations(*layers[i], at.layers[i], *a.setting_types, a.attendance));
  return out;
}

std::vector<Relation> period_relations(const Analysis& a, const std::vector<const Table*>& layers,
                                       const Table& centres, const PeriodTablesAt& at) {
  std::vector<Relation> out = area_sum_relations(a, layers, at);
  append(out, centre_and_setting_relations(a, layers, centres, at));
  return out;
}

}  // namespace reachmap
