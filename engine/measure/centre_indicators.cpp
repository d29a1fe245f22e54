#include "engine/measure/centre_indicators.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "engine/core/record_key.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

namespace {
constexpr Col kSeen = Col::kSeenChildren, kPop = Col::kReachAreaUnder5Population,
              kRaReg = Col::kReachAreaRegistered, kRaSeen = Col::kReachAreaSeen,
              kRaSus = Col::kReachAreaSustained, kRaUnreached = Col::kReachAreaUnreached,
              kHereIn = Col::kSeenHereInReachArea, kHereOut = Col::kSeenHereOutsideReachArea,
              kElsewhere = Col::kReachAreaSeenOnlyElsewhere;

void add_reach_columns(Table& t, const std::vector<TargetGroup>& groups) {
  t.columns[2].sums.push_back({name_of(kHereIn), name_of(kHereOut)});
  t.columns.push_back(
      {kPop, std::nullopt, std::nullopt, {{name_of(kRaSeen), name_of(kRaUnreached)}}});
  t.columns.push_back(Col::kReachAreaPopulationEstimated);
  t.columns.push_back(kRaReg);
  t.columns.push_back(
      {kRaSeen, std::nullopt, std::nullopt, {{name_of(kHereIn), name_of(kElsewhere)}}});
  t.columns.push_back(kRaSus);
  t.columns.push_back(kRaUnreached);
  // The area table's reach columns over the reach area's counts (kinds and formulas are the
  // registry's; the sources and the denominator are this table's).
  t.columns.push_back({Col::kRegisteredReach, kRaReg, kPop});
  t.columns.push_back({Col::kSeenReach, kRaSeen, kPop});
  t.columns.push_back({Col::kSeenReachLow, kRaSeen, kPop});
  t.columns.push_back({Col::kSeenReachHigh, kRaSeen, kPop});
  t.columns.push_back({Col::kSustainedReach, kRaSus, kPop});
  t.columns.push_back(kHereIn);
  t.columns.push_back(kHereOut);
  t.columns.push_back(Col::kOutsideReachAreaShare);
  t.columns.push_back(kElsewhere);
  // Each target group's children in the reach area, then its population there and reach.
  for (const TargetGroup& g : groups) {
    if (g.flag < 0) continue;
    t.columns.push_back({reach_area_registered_in_group(g.name), ColumnKind::kGroupCount});
    t.columns.push_back({reach_area_seen_in_group(g.name), ColumnKind::kGroupCount});
  }
  add_group_reach_columns(t, groups, reach_area_registered_in_group, reach_area_seen_in_group);
  for (const Col c : {kRaReg, kRaSeen, kRaSus, kRaUnreached})
    t.columns.push_back({band_of(c), ColumnKind::kBand});
}

// Sets the cell key of `column` in row `r`.
void put_key(Table& t, const std::string& column, std::size_t r, std::uint8_t key) {
  auto& keys = t.cell_keys[column];
  if (keys.size() <= r) keys.resize(r + 1);
  keys[r] = key;
}

}  // namespace

Table centre_indicators(const Attendance& attendance, const std::vector<LayerAreas>& layers,
                        const std::vector<Centre>& centres, int sustained_min_contacts,
                        const std::vector<std::optional<ReachArea>>& reach,
                        const std::vector<std::uint8_t>& child_keys,
                        const std::vector<TargetGroup>& groups,
                        const std::vector<std::uint64_t>& child_groups) {
  Table t;
  const auto key_at = [&](std::size_t c) -> std::uint8_t {
    return c < child_keys.size() ? child_keys[c] : 0;
  };
  const auto key_of = [&](const std::vector<std::size_t>& children) {
    std::uint8_t key = 0;
    for (std::size_t c : children) add_key(key, key_at(c));
    return key;
  };
  t.columns = {Col::kCentreId, Col::kCentreName, kSeen};
  const bool has_reach =
      std::any_of(reach.begin(), reach.end(), [](const auto& r) { return r.has_value(); });
  if (has_reach) add_reach_columns(t, groups);
  // Children seen here living inside and outside each layer's areas: both are counts, so
  // neither can be worked out from the other and a share (seen = inside + outside).
  for (const auto& l : layers) {
    const std::string in = seen_inside(l.name), out = seen_outside(l.name);
    t.columns[2].sums.push_back({in, out});
    t.columns.push_back({in, ColumnKind::kCount});
    t.columns.push_back({out, ColumnKind::kCount});
    t.columns.push_back(
        {inside_share(l.name), ColumnKind::kRate, in, Formula::kProportion, name_of(kSeen)});
  }
  t.columns.push_back(Col::kSuppressed);
  std::map<std::string, std::string> names;
  std::map<std::string, std::size_t> listed;
  for (std::size_t i = 0; i < centres.size(); ++i) {
    names[centres[i].id] = centres[i].name;
    listed[centres[i].id] = i;
  }
  for (const auto& [id, children] : attendance.children_by_centre) names.try_emplace(id, id);
  static const std::vector<std::size_t> kNone;
  for (const auto& [id, name] : names) {
    auto it = attendance.children_by_centre.find(id);
    const auto& children = it == attendance.children_by_centre.end() ? kNone : it->second;
    const auto n = static_cast<std::int64_t>(children.size());
    std::vector<Cell> row{id, name, n};
    // Beside each count, its cell key: the sum of its children's record keys (a difference of
    // nested sets is the difference of their keys).
    const std::size_t r = t.rows.size();
    const auto put = [&](Col column, std::uint8_t key) { put_key(t, name_of(column), r, key); };
    const std::uint8_t n_key = key_of(children);
    put(kSeen, n_key);
    if (has_reach) {
      const auto li = listed.find(id);
      const ReachArea* ra = li != listed.end() && li->second < reach.size() && reach[li->second]
                                ? &*reach[li->second]
                                : nullptr;
      if (!ra) {
        row.resize(t.columns.size() - 1 - 3 * layers.size());
      } else {
        std::int64_t reg = 0, seen = 0, sus = 0;
        std::uint8_t reg_key = 0, seen_key = 0, sus_key = 0, here_in_key = 0;
        for (std::size_t c : ra->children) {
          const std::uint8_t key = key_at(c);
          ++reg, add_key(reg_key, key);
          if (attendance.contacts[c] >= 1) ++seen, add_key(seen_key, key);
          if (attendance.contacts[c] >= sustained_min_contacts) ++sus, add_key(sus_key, key);
        }
        // Both lists are sorted: the children seen here who live in the reach area.
        std::int64_t here_in = 0;
        for (std::size_t i = 0, j = 0; i < children.size() && j < ra->children.size();) {
          if (children[i] < ra->children[j]) {
            ++i;
          } else if (ra->children[j] < children[i]) {
            ++j;
          } else {
            ++here_in, add_key(here_in_key, key_at(children[i]));
            ++i, ++j;
          }
        }
        put(kRaReg, reg_key);
        put(kRaSeen, seen_key);
        put(kRaSus, sus_key);
        put(kHereIn, here_in_key);
        put(kHereOut, static_cast<std::uint8_t>(n_key - here_in_key));
        put(kElsewhere, static_cast<std::uint8_t>(seen_key - here_in_key));
        const auto& pop = ra->population;
        row.push_back(pop ? Cell(*pop) : Cell());
        row.push_back(pop ? Cell(ra->population_estimated) : Cell());
        row.insert(row.end(), {reg, seen, sus});
        row.push_back(unreached_cell(seen, pop));
        row.push_back(rate_cell(reg, pop));
        row.push_back(rate_cell(seen, pop));
        push_wilson_cells(row, seen, pop);
        row.push_back(rate_cell(sus, pop));
        row.insert(row.end(), {here_in, n - here_in});
        row.push_back(rate_cell(n - here_in, static_cast<double>(n)));
        row.push_back(seen - here_in);
        std::vector<std::int64_t> group_reg(groups.size()), group_seen(groups.size());
        for (std::size_t gi = 0; gi < groups.size(); ++gi) {
          const long f = groups[gi].flag;
          if (f < 0) continue;
          std::uint8_t reg_k = 0, seen_k = 0;
          for (std::size_t c : ra->children) {
            if (c >= child_groups.size() || !(child_groups[c] >> f & 1)) continue;
            ++group_reg[gi], add_key(reg_k, key_at(c));
            if (attendance.contacts[c] >= 1) ++group_seen[gi], add_key(seen_k, key_at(c));
          }
          put_key(t, reach_area_registered_in_group(groups[gi].name), r, reg_k);
          put_key(t, reach_area_seen_in_group(groups[gi].name), r, seen_k);
          row.insert(row.end(), {group_reg[gi], group_seen[gi]});
        }
        for (std::size_t gi = 0; gi < groups.size(); ++gi)
          if (groups[gi].population >= 0) {
            const std::size_t j = std::size_t(groups[gi].population);
            push_group_reach_cells(
                row, j < ra->group_population.size() ? ra->group_population[j] : std::nullopt,
                groups[gi].flag >= 0, group_reg[gi], group_seen[gi]);
          }
        row.insert(row.end(), 4, Cell());
      }
    }
    for (const auto& l : layers) {
      std::int64_t inside = 0;
      std::uint8_t inside_key = 0;
      for (std::size_t c : children)
        if ((*l.area_of_child)[c] >= 0) ++inside, add_key(inside_key, key_at(c));
      put_key(t, seen_inside(l.name), r, inside_key);
      put_key(t, seen_outside(l.name), r, static_cast<std::uint8_t>(n_key - inside_key));
      row.emplace_back(inside);
      row.emplace_back(n - inside);
      row.push_back(rate_cell(inside, static_cast<double>(n)));
    }
    row.emplace_back(false);
    t.rows.push_back(std::move(row));
  }
  for (auto& [column, keys] : t.cell_keys) keys.resize(t.rows.size());
  return t;
}

}  // namespace reachmap
