#include "engine/measure/group_equity.hpp"

#include <cmath>
#include <cstdio>

#include "engine/core/record_key.hpp"
#include "engine/measure/equity_gradient.hpp"

namespace reachmap {

namespace {

constexpr double kZ95 = 1.959963984540054;

// The columns of one row's sums, in the table's order.
struct Sums {
  double population = 0, group_population = 0;
  std::int64_t registered = 0, seen = 0, group_registered = 0, group_seen = 0;
  std::uint8_t registered_key = 0, seen_key = 0, group_registered_key = 0, group_seen_key = 0;
};

std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::optional<RatioInterval> reach_ratio(double a, double n1, double b, double n2) {
  if (!(a > 0 && b > 0 && n1 > 0 && n2 > 0) || a > n1 || b > n2) return std::nullopt;
  const double ratio = (a / n1) / (b / n2);
  const double se = std::sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2);
  return RatioInterval{ratio, ratio * std::exp(-kZ95 * se), ratio * std::exp(kZ95 * se)};
}

GroupEquity group_equity(const Table& in, const std::vector<TargetGroup>& groups) {
  GroupEquity out;
  Table& t = out.table;
  t.columns = {Col::kTargetGroup,      Col::kGroup,
               Col::kImdDecile,        Col::kAreas,
               Col::kUnder5Population, Col::kRegisteredChildren,
               Col::kSeenChildren,     Col::kGroupPopulation,
               Col::kGroupRegistered,  Col::kGroupSeen,
               Col::kOthersPopulation, Col::kOthersRegistered,
               Col::kOthersSeen};
  for (const Col c : {Col::kGroupRegisteredReach, Col::kGroupRegisteredReachLow,
                      Col::kGroupRegisteredReachHigh, Col::kGroupSeenReach, Col::kGroupSeenReachLow,
                      Col::kGroupSeenReachHigh, Col::kOthersRegisteredReach,
                      Col::kOthersRegisteredReachLow, Col::kOthersRegisteredReachHigh,
                      Col::kOthersSeenReach, Col::kOthersSeenReachLow, Col::kOthersSeenReachHigh})
    t.columns.push_back(c);
  for (const Col c : {Col::kRegisteredChildren, Col::kSeenChildren})
    t.columns.push_back({band_of(c), ColumnKind::kBand});
  t.columns.push_back(Col::kSuppressed);

  const int c_pop = in.column(Col::kUnder5Population), c_reg = in.column(Col::kRegisteredChildren),
            c_seen = in.column(Col::kSeenChildren), c_decile = in.column(Col::kImdDecile);
  if (c_pop < 0 || c_reg < 0 || c_seen < 0) return out;
  const auto number = [&](std::size_t r, int c) {
    return c >= 0 ? cell_number(in.rows[r][std::size_t(c)]) : std::nullopt;
  };
  const auto key = [&](const std::string& column, std::size_t r) -> std::uint8_t {
    const auto it = in.cell_keys.find(column);
    return it != in.cell_keys.end() && r < it->second.size() ? it->second[r] : 0;
  };
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const TargetGroup& g = groups[gi];
    if (g.flag < 0 || g.population < 0) continue;
    const std::string reg_name = registered_in_group(g.name), seen_name = seen_in_group(g.name);
    const int c_gpop = in.column(group_population(g.name)), c_greg = in.column(reg_name),
              c_gseen = in.column(seen_name);
    if (c_gpop < 0 || c_greg < 0 || c_gseen < 0) continue;
    // Group 0 is every area; 1 to 10 the deciles.
    std::vector<std::vector<std::size_t>> members(11);
    for (std::size_t r = 0; r < in.rows.size(); ++r) {
      if (!number(r, c_pop) || !number(r, c_gpop) || !number(r, c_seen) || !number(r, c_gseen))
        continue;  // no population, or not measured
      members[0].push_back(r);
      const auto d = number(r, c_decile);
      if (d && *d >= 1 && *d <= 10) members[std::size_t(std::lround(*d))].push_back(r);
    }
    for (int decile = 0; decile <= 10; ++decile) {
      const auto& m = members[std::size_t(decile)];
      if (m.empty() || (decile > 0 && c_decile < 0)) continue;
      Sums s;
      for (std::size_t r : m) {
        s.population += *number(r, c_pop);
        s.group_population += *number(r, c_gpop);
        s.registered += std::llround(number(r, c_reg).value_or(0));
        s.seen += std::llround(*number(r, c_seen));
        s.group_registered += std::llround(number(r, c_greg).value_or(0));
        s.group_seen += std::llround(*number(r, c_gseen));
        add_key(s.registered_key, key(name_of(Col::kRegisteredChildren), r));
        add_key(s.seen_key, key(name_of(Col::kSeenChildren), r));
        add_key(s.group_registered_key, key(reg_name, r));
        add_key(s.group_seen_key, key(seen_name, r));
      }
      // The cell keys are sums of the children's (everyone else's: the whole less the group).
      const std::pair<Col, std::uint8_t> keys[] = {
          {Col::kRegisteredChildren, s.registered_key},
          {Col::kSeenChildren, s.seen_key},
          {Col::kGroupRegistered, s.group_registered_key},
          {Col::kGroupSeen, s.group_seen_key},
          {Col::kOthersRegistered, std::uint8_t(s.registered_key - s.group_registered_key)},
          {Col::kOthersSeen, std::uint8_t(s.seen_key - s.group_seen_key)}};
      for (const auto& [c, k] : keys) t.cell_keys[name_of(c)].push_back(k);
      const double others_population = s.population - s.group_population;
      const std::int64_t others_registered = s.registered - s.group_registered,
                         others_seen = s.seen - s.group_seen;
      std::vector<Cell> row{g.name,
                            decile_group_name(decile),
                            decile == 0 ? Cell() : Cell(std::int64_t{decile}),
                            static_cast<std::int64_t>(m.size()),
                            s.population,
                            s.registered,
                            s.seen,
                            s.group_population,
                            s.group_registered,
                            s.group_seen,
                            others_population,
                            others_registered,
                            others_seen};
      const std::optional<double> gp = s.group_population, op = others_population;
      for (const auto& [n, p] : {std::pair{s.group_registered, gp},
                                 {s.group_seen, gp},
                                 {others_registered, op},
                                 {others_seen, op}}) {
        row.push_back(rate_cell(n, p));
        push_wilson_cells(row, n, p);
      }
      row.insert(row.end(), {Cell(), Cell(), Cell(false)});
      t.rows.push_back(std::move(row));
      out.members.push_back(m);
      out.group.push_back(gi);
    }
  }
  return out;
}

std::string group_finding(const std::string& group, const std::string& where,
                          const std::optional<RatioInterval>& ratio, const std::string& why) {
  const std::string lead = "In " + where + ", children in the group " + group;
  if (!ratio) return lead + ": no ratio, " + why + ".";
  const std::string said = lead + " were seen " + two_decimals(ratio->ratio) +
                           " times as often as other children (95% interval " +
                           two_decimals(ratio->low) + " to " + two_decimals(ratio->high) + ")";
  if (ratio->high < 1) return said + ": less often, beyond what chance explains.";
  if (ratio->low > 1) return said + ": more often, beyond what chance explains.";
  return said + ": no clear difference (the interval includes 1).";
}

void add_group_comparison(Table& t) {
  const auto col = [&](Col c) { return t.column(c); };
  const int c_target = col(Col::kTargetGroup), c_where = col(Col::kGroup),
            c_gpop = col(Col::kGroupPopulation), c_opop = col(Col::kOthersPopulation);
  const std::pair<int, int> registered{col(Col::kGroupRegistered), col(Col::kOthersRegistered)},
      seen{col(Col::kGroupSeen), col(Col::kOthersSeen)};
  for (const Col c :
       {Col::kRegisteredReachRatio, Col::kRegisteredReachRatioLow, Col::kRegisteredReachRatioHigh,
        Col::kSeenReachRatio, Col::kSeenReachRatioLow, Col::kSeenReachRatioHigh, Col::kFinding})
    t.columns.push_back(c);
  for (auto& row : t.rows) {
    const auto number = [&](int c) {
      return c >= 0 ? cell_number(row[std::size_t(c)]) : std::nullopt;
    };
    std::string why;
    const auto ratio_of = [&](const std::pair<int, int>& counts) -> std::optional<RatioInterval> {
      const auto a = number(counts.first), b = number(counts.second);
      const auto n1 = number(c_gpop), n2 = number(c_opop);
      if (!a || !b) {
        why = "a count of this row is hidden (too few children to publish)";
        return std::nullopt;
      }
      if (!n1 || !n2 || *n1 <= 0 || *n2 <= 0) {
        why = "the group or everyone else has no population here";
        return std::nullopt;
      }
      if (*a > *n1 || *b > *n2) {
        why =
            "more children are counted than the population gives (check the group's "
            "population source)";
        return std::nullopt;
      }
      if (*a == 0 || *b == 0) {
        why = "no child of the group, or no other child, was counted";
        return std::nullopt;
      }
      return reach_ratio(*a, *n1, *b, *n2);
    };
    std::optional<RatioInterval> r;
    for (const auto& counts : {registered, seen}) {
      r = ratio_of(counts);
      for (const double RatioInterval::*end :
           {&RatioInterval::ratio, &RatioInterval::low, &RatioInterval::high}) {
        if (r)
          row.emplace_back(double((*r).*end));
        else
          row.emplace_back(std::monostate{});
      }
    }
    // The sentence is of seen reach, the last worked out.
    row.emplace_back(group_finding(std::get<std::string>(row[std::size_t(c_target)]),
                                   std::get<std::string>(row[std::size_t(c_where)]), r, why));
  }
}

}  // namespace reachmap
