#include "engine/pipeline/measure_tables.hpp"

#include <set>
#include <string>

#include "engine/measure/carers.hpp"
#include "engine/measure/cohorts.hpp"
#include "engine/measure/service_columns.hpp"
#include "engine/measure/setting_columns.hpp"

namespace reachmap {

namespace {

std::vector<std::uint8_t> child_keys(const Analysis& a) {
  std::vector<std::uint8_t> keys;
  keys.reserve(a.registrations.children.size());
  for (const Child& c : a.registrations.children) keys.push_back(c.key);
  return keys;
}

// The cohorts in each centre's reach area: the sums of its layer areas', or its polygon's.
void add_reach_area_cohorts(const Config& config, const Analysis& a, const MeasureView& view,
                            Table& centres) {
  const CentreReachAreas& reach = *a.reach;
  std::vector<std::optional<std::vector<std::size_t>>> areas_of_centre(a.centres.size());
  for (std::size_t k = 0; k < a.centres.size() && k < view.reach_by_centre.size(); ++k) {
    if (!view.reach_by_centre[k]) continue;
    if (reach.layer >= 0) {
      areas_of_centre[k] = view.reach_by_centre[k]->areas;
    } else if (reach.polygons) {
      if (const long p = reach.polygons->find(a.centres[k].id); p >= 0)
        areas_of_centre[k] = std::vector<std::size_t>{std::size_t(p)};
    }
  }
  const bool layer = reach.layer >= 0;
  const std::vector<long>& of_child =
      layer ? *view.area_of_child[std::size_t(reach.layer)] : *view.reach_area_of_child;
  const std::vector<long>& of_turned_5 =
      layer ? *view.area_of_turned_5[std::size_t(reach.layer)] : *view.reach_area_of_turned_5;
  add_centre_cohort_columns(centres, a.centres, areas_of_centre, config.run.cohorts,
                            {a.registrations, view.period, a.attendance.first_contact, of_child,
                             view.turned_5, of_turned_5});
}

}  // namespace

MeasureView own_period(const Analysis& a) {
  static const std::vector<std::optional<ReachArea>> kNoReach;
  MeasureView view{a.settings.period, a.attendance, {},
                   a.turned_5,        {},           a.reach ? a.reach->by_centre : kNoReach};
  for (const LayerResult& layer : a.layers) {
    view.area_of_child.push_back(&layer.area_of_child);
    view.area_of_turned_5.push_back(&layer.area_of_turned_5);
  }
  if (a.reach) {
    view.reach_area_of_child = &a.reach->area_of_child;
    view.reach_area_of_turned_5 = &a.reach->area_of_turned_5;
  }
  return view;
}

Table measure_layer(const Config& config, const Analysis& a, std::size_t i,
                    const MeasureView& view) {
  const LayerResult& layer = a.layers[i];
  const std::vector<long>& area_of_child = *view.area_of_child[i];
  static const std::vector<std::optional<double>> kNone;
  std::vector<bool> unmeasured(layer.boundary.areas.size(), false);
  if (config.layers[i].directory_code.empty())
    for (std::size_t k = 0; k < unmeasured.size(); ++k)
      unmeasured[k] = layer.boundary.areas[k].wkb.empty();
  Table t = area_indicators(layer.boundary, area_of_child, a.registrations, view.attendance,
                            config.run.sustained_min_contacts,
                            layer.population ? layer.population->by_area : kNone, unmeasured,
                            a.settings.groups, layer.group_populations);
  if (a.known) {
    std::set<std::string> before;
    for (const TableColumn& c : t.columns) before.insert(c.name);
    add_known_columns(t, *a.known, layer.area_of_known, view.attendance);
    // The known list is of the run's last day (under 5 then, matched to the children counted
    // then): a period ending earlier has its columns, blank.
    if (view.period.to != a.settings.period.to)
      for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (!before.count(t.columns[c].name))
          for (auto& row : t.rows) row[c] = std::monostate{};
  }
  if (config.run.cohorts.any())
    add_cohort_columns(t, config.run.cohorts,
                       {a.registrations, view.period, a.attendance.first_contact, area_of_child,
                        view.turned_5, *view.area_of_turned_5[i]});
  const auto keys = child_keys(a);
  if (view.attendance.carers && view.attendance.carers->kinds.father() >= 0)
    add_father_columns(t, area_of_child, *view.attendance.carers, keys);
  if (a.services)
    add_service_columns(t, area_of_child, view.attendance.service_marks, keys, *a.services,
                        config.language_gaps, a.settings.groups);
  if (a.setting_types)
    add_setting_columns(t, area_of_child, view.attendance.setting_marks, keys, *a.setting_types);
  // An estimated denominator says so on every row that has one.
  if (layer.population && layer.population->estimate)
    mark_estimated(t, layer.population->estimated_areas);
  return t;
}

Table measure_centres(const Config& config, const Analysis& a, const MeasureView& view) {
  const auto keys = child_keys(a);
  std::vector<LayerAreas> layer_areas;
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    layer_areas.push_back({a.layers[i].boundary.name, view.area_of_child[i]});
  std::vector<std::uint64_t> child_groups;
  if (!a.registrations.groups.empty())
    for (const Child& c : a.registrations.children) child_groups.push_back(c.groups);
  Table t =
      centre_indicators(view.attendance, layer_areas, a.centres, config.run.sustained_min_contacts,
                        view.reach_by_centre, keys, a.settings.groups, child_groups);
  if (const auto& carers = view.attendance.carers; carers && carers->kinds.father() >= 0)
    add_centre_father_columns(t, *carers, keys);
  if (config.run.cohorts.any() && a.reach) add_reach_area_cohorts(config, a, view, t);
  if (a.services && a.reach)
    add_centre_service_columns(t, a.centres, view.reach_by_centre, view.attendance.service_marks,
                               keys, *a.services);
  if (a.setting_types)
    add_centre_setting_columns(t, a.centres, view.reach_by_centre, view.attendance.setting_marks,
                               keys, *a.setting_types);
  return t;
}

}  // namespace reachmap
