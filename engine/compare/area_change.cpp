#include "engine/compare/area_change.hpp"

#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/stats/newcombe.hpp"

namespace reachmap {

const char* change_flag_text(ChangeFlag flag) {
  switch (flag) {
    case ChangeFlag::kImproved:
      return "improved";
    case ChangeFlag::kWorsened:
      return "worsened";
    case ChangeFlag::kNoClearChange:
      return "no clear change";
    case ChangeFlag::kHidden:
      return "hidden";
    case ChangeFlag::kNoEstimate:
      return "no estimate";
  }
  return "";
}

namespace {

// A count as published: a number, or none (blank: hidden; a band such as "0-4" is not one).
std::optional<double> count_of(const TextTable& t, std::size_t row, const std::string& column) {
  return t.number(row, column);
}

ReachChange reach_change(std::optional<double> x_old, std::optional<double> n_old,
                         std::optional<double> x_new, std::optional<double> n_new) {
  ReachChange c;
  c.count_old = x_old, c.count_new = x_new;
  const auto reach = [](std::optional<double> x, std::optional<double> n) {
    return x && n && *n > 0 ? std::optional<double>(*x / *n) : std::nullopt;
  };
  c.reach_old = reach(x_old, n_old), c.reach_new = reach(x_new, n_new);
  if (!n_old || !n_new || *n_old <= 0 || *n_new <= 0) return c;  // no estimate
  if (!x_old || !x_new) {
    c.flag = ChangeFlag::kHidden;
    return c;
  }
  // Wilson's interval (and so Newcombe's) needs 0 <= x <= n: more children than the estimate
  // says live there has no binomial interval, and a change without one is no estimate.
  if (*x_old < 0 || *x_new < 0 || *x_old > *n_old || *x_new > *n_new) return c;
  c.change = *c.reach_new - *c.reach_old;
  const Interval ci = newcombe_difference(*x_old, *n_old, *x_new, *n_new);
  c.low = ci.low, c.high = ci.high;
  c.flag = ci.low > 0    ? ChangeFlag::kImproved
           : ci.high < 0 ? ChangeFlag::kWorsened
                         : ChangeFlag::kNoClearChange;
  return c;
}

std::string field(std::optional<double> v) {
  return v ? format_number(*v) : std::string();
}

// A share to 4 decimals (a hundredth of a percentage point), as the indicator tables write
// reach.
std::string share_field(std::optional<double> v) {
  if (!v) return {};
  return format_number(std::round(*v * 1e4) / 1e4);
}

}  // namespace

ChangeColumns area_columns() {
  return {name_of(Col::kAreaId),
          name_of(Col::kAreaName),
          name_of(Col::kUnder5Population),
          name_of(Col::kSeenChildren),
          name_of(Col::kRegisteredChildren),
          name_of(Col::kPriorityRank)};
}

ChangeColumns centre_columns() {
  return {name_of(Col::kCentreId),
          name_of(Col::kCentreName),
          name_of(Col::kReachAreaUnder5Population),
          name_of(Col::kReachAreaSeen),
          name_of(Col::kReachAreaRegistered),
          "",
          false};
}

std::vector<AreaChange> area_changes(const TextTable& before, const TextTable& now,
                                     const std::string& before_file, const std::string& now_file,
                                     const ChangeColumns& columns) {
  const std::string &id = columns.id, &name = columns.name, &pop = columns.population;
  const std::string &seen = columns.seen, &reg = columns.registered, &rank = columns.rank;
  // Centres open and close between periods: only those of both are compared. Areas must match.
  const bool centres = id == name_of(Col::kCentreId);
  const std::string what = centres ? "centre" : "area";
  const auto refuse = [&](const std::string& file, const std::string& why) {
    return Error(ErrorCode::kBadInput, what + " " + why, {file},
                 "compare two runs over the same boundaries (the same layers and area codes)");
  };
  std::unordered_map<std::string, std::size_t> row_before;
  for (std::size_t r = 0; r < before.size(); ++r)
    if (!row_before.emplace(before.get(r, id), r).second)
      throw refuse(before_file, "'" + before.get(r, id) + "' is in the table twice");
  std::unordered_set<std::string> in_now;
  std::vector<AreaChange> out;
  for (std::size_t r = 0; r < now.size(); ++r) {
    const std::string area = now.get(r, id);
    if (!in_now.insert(area).second) throw refuse(now_file, "'" + area + "' is in the table twice");
    const auto it = row_before.find(area);
    if (it == row_before.end()) {
      if (centres) continue;
      throw refuse(now_file, "'" + area + "' is in the new period's table but not the old one's");
    }
    const std::size_t b = it->second;
    AreaChange a;
    a.id = area, a.name = now.get(r, name);
    a.population_old = before.number(b, pop), a.population_new = now.number(r, pop);
    a.seen = reach_change(count_of(before, b, seen), a.population_old, count_of(now, r, seen),
                          a.population_new);
    a.registered = reach_change(count_of(before, b, reg), a.population_old, count_of(now, r, reg),
                                a.population_new);
    if (!rank.empty()) a.rank_old = before.number(b, rank), a.rank_new = now.number(r, rank);
    out.push_back(std::move(a));
  }
  if (!centres)
    for (std::size_t r = 0; r < before.size(); ++r)
      if (!in_now.count(before.get(r, id)))
        throw refuse(before_file, "'" + before.get(r, id) +
                                      "' is in the old period's table but not the new one's");
  return out;
}

ChangeFunnels add_change_funnels(std::vector<AreaChange>& changes, bool widen) {
  ChangeFunnels out;
  for (const bool seen : {true, false}) {
    std::vector<ChangeCounts> counts;
    std::vector<ReachChange*> placed;
    for (AreaChange& a : changes) {
      ReachChange& c = seen ? a.seen : a.registered;
      if (!c.change) continue;  // hidden, or no estimate
      counts.push_back({*c.count_old, *a.population_old, *c.count_new, *a.population_new});
      placed.push_back(&c);
    }
    ChangeFunnelResult f = change_funnel(counts, widen);
    for (std::size_t i = 0; i < placed.size(); ++i) {
      placed[i]->funnel = f.flag[i];
      placed[i]->funnel_z = f.z[i], placed[i]->funnel_size = f.size[i];
    }
    (seen ? out.seen : out.registered) = std::move(f);
  }
  return out;
}

std::vector<std::string> change_header(const ChangeColumns& c) {
  std::vector<std::string> h{c.id, c.name, c.population + "_old", c.population + "_new"};
  for (const auto& [m, count] :
       {std::pair{std::string("seen"), c.seen}, {"registered", c.registered}}) {
    h.push_back(count + "_old");
    h.push_back(count + "_new");
    for (const std::string s :
         {"reach_old", "reach_new", "reach_change", "reach_change_low", "reach_change_high"})
      h.push_back(m + "_" + s);
    h.push_back(m == "seen" ? "change_flag" : "registered_change_flag");
    if (c.funnel) h.push_back(m == "seen" ? "change_funnel" : "registered_change_funnel");
  }
  if (!c.rank.empty()) {
    h.push_back(c.rank + "_old");
    h.push_back(c.rank + "_new");
  }
  return h;
}

std::vector<std::string> change_fields(const AreaChange& a, const ChangeColumns& columns) {
  std::vector<std::string> f{a.id, a.name, field(a.population_old), field(a.population_new)};
  for (const ReachChange* c : {&a.seen, &a.registered}) {
    f.push_back(field(c->count_old));
    f.push_back(field(c->count_new));
    f.push_back(share_field(c->reach_old));
    f.push_back(share_field(c->reach_new));
    f.push_back(share_field(c->change));
    f.push_back(share_field(c->low));
    f.push_back(share_field(c->high));
    f.push_back(change_flag_text(c->flag));
    if (columns.funnel) f.push_back(c->funnel);
  }
  if (!columns.rank.empty()) {
    f.push_back(field(a.rank_old));
    f.push_back(field(a.rank_new));
  }
  return f;
}

}  // namespace reachmap
