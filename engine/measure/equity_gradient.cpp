#include "engine/measure/equity_gradient.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "engine/core/record_key.hpp"
#include "engine/measure/indicators.hpp"

namespace reachmap {

namespace {
constexpr Col kCounts[] = {Col::kRegisteredChildren, Col::kSeenChildren, Col::kSustainedChildren};

// The early-years cohorts ([run] never_seen_by_5, seen_before_1), when the area table has them:
// each cohort and its measure summed like the counts above, the share with its interval.
struct CohortColumns {
  Col all, hit, share, low, high;
};
constexpr CohortColumns kCohorts[] = {
    {Col::kTurned5Children, Col::kNeverSeenBy5, Col::kNeverSeenBy5Share, Col::kNeverSeenBy5ShareLow,
     Col::kNeverSeenBy5ShareHigh},
    {Col::kTurned1Children, Col::kSeenBefore1, Col::kSeenBefore1Share, Col::kSeenBefore1ShareLow,
     Col::kSeenBefore1ShareHigh}};

// The sum of `column` over `rows` of `in` and of its cell keys (0 and 0 without the column).
std::pair<std::int64_t, std::uint8_t> summed(const Table& in, Col column,
                                             const std::vector<std::size_t>& rows) {
  const int c = in.column(column);
  if (c < 0) return {0, 0};
  std::int64_t n = 0;
  std::uint8_t key = 0;
  const auto it = in.cell_keys.find(name_of(column));
  for (const std::size_t r : rows) {
    n += std::llround(cell_number(in.rows[r][std::size_t(c)]).value_or(0));
    if (it != in.cell_keys.end() && r < it->second.size()) add_key(key, it->second[r]);
  }
  return {n, key};
}

}  // namespace

std::string decile_group_name(int decile) {
  if (decile == 0) return "all areas";
  std::string name = "decile " + std::to_string(decile);
  if (decile == 1) name += " (most deprived)";
  if (decile == 10) name += " (least deprived)";
  return name;
}

EquityGradient equity_gradient(const Table& in) {
  EquityGradient out;
  Table& t = out.table;
  const Col pop = Col::kUnder5Population;
  // Kinds, sources, formulas and denominators are the registry's, as in the area table.
  // imd_decile is the registry's kPopulation here too (it was kRank before the registry held
  // kinds): the same in every output, as this table's decile cells are whole numbers.
  t.columns = {Col::kGroup,
               Col::kImdDecile,
               Col::kAreas,
               {pop,
                std::nullopt,
                std::nullopt,
                {{name_of(Col::kSeenChildren), name_of(Col::kUnreachedChildren)}}}};
  for (const Col c : kCounts) t.columns.push_back(c);
  t.columns.push_back(Col::kUnreachedChildren);
  // Each count's reach with its 95% interval.
  for (const Col c : {Col::kRegisteredReach, Col::kRegisteredReachLow, Col::kRegisteredReachHigh,
                      Col::kSeenReach, Col::kSeenReachLow, Col::kSeenReachHigh,
                      Col::kSustainedReach, Col::kSustainedReachLow, Col::kSustainedReachHigh})
    t.columns.push_back(c);
  std::vector<CohortColumns> cohorts;
  for (const CohortColumns& k : kCohorts)
    if (in.column(k.all) >= 0) {
      cohorts.push_back(k);
      for (const Col c : {k.all, k.hit, k.share, k.low, k.high}) t.columns.push_back(c);
    }
  for (const Col c : {Col::kRegisteredChildren, Col::kSeenChildren, Col::kSustainedChildren,
                      Col::kUnreachedChildren})
    t.columns.push_back({band_of(c), ColumnKind::kBand});
  for (const CohortColumns& k : cohorts)
    for (const Col c : {k.all, k.hit}) t.columns.push_back({band_of(c), ColumnKind::kBand});
  t.columns.push_back(Col::kSuppressed);

  const int c_pop = in.column(pop), c_decile = in.column(Col::kImdDecile);
  if (c_pop < 0) return out;
  int c_count[3];
  for (int k = 0; k < 3; ++k) c_count[k] = in.column(kCounts[k]);
  // Group 0 is every area; 1 to 10 the deciles.
  std::vector<std::vector<std::size_t>> members(11);
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    const auto p = cell_number(in.rows[r][std::size_t(c_pop)]);
    const auto seen =
        c_count[1] >= 0 ? cell_number(in.rows[r][std::size_t(c_count[1])]) : std::nullopt;
    if (!p || !seen) continue;  // no population, or not measured
    members[0].push_back(r);
    if (c_decile < 0) continue;
    const auto d = cell_number(in.rows[r][std::size_t(c_decile)]);
    if (d && *d >= 1 && *d <= 10) members[std::size_t(std::lround(*d))].push_back(r);
  }
  for (int g = 0; g <= 10; ++g) {
    if (members[std::size_t(g)].empty()) continue;
    double population = 0;
    std::int64_t counts[3] = {0, 0, 0};
    std::uint8_t keys[3] = {0, 0, 0};  // the cell keys: the sums of the areas' (additive)
    for (std::size_t r : members[std::size_t(g)]) {
      population += *cell_number(in.rows[r][std::size_t(c_pop)]);
      for (int k = 0; k < 3; ++k) {
        if (c_count[k] < 0) continue;
        counts[k] += std::llround(cell_number(in.rows[r][std::size_t(c_count[k])]).value_or(0));
        const auto it = in.cell_keys.find(name_of(kCounts[k]));
        if (it != in.cell_keys.end() && r < it->second.size()) add_key(keys[k], it->second[r]);
      }
    }
    for (int k = 0; k < 3; ++k) t.cell_keys[name_of(kCounts[k])].push_back(keys[k]);
    const std::optional<double> p = population;
    std::vector<Cell> row;
    row.emplace_back(decile_group_name(g));
    row.push_back(g == 0 ? Cell() : Cell(std::int64_t{g}));
    row.emplace_back(static_cast<std::int64_t>(members[std::size_t(g)].size()));
    row.emplace_back(population);
    for (auto n : counts) row.emplace_back(n);
    row.push_back(unreached_cell(counts[1], p));
    for (auto n : counts) {
      row.push_back(rate_cell(n, p));
      push_wilson_cells(row, n, p);
    }
    for (const CohortColumns& k : cohorts) {
      const auto [all, all_key] = summed(in, k.all, members[std::size_t(g)]);
      const auto [hit, hit_key] = summed(in, k.hit, members[std::size_t(g)]);
      t.cell_keys[name_of(k.all)].push_back(all_key);
      t.cell_keys[name_of(k.hit)].push_back(hit_key);
      const std::optional<double> den = double(all);
      row.insert(row.end(), {Cell(all), Cell(hit), rate_cell(hit, den)});
      push_wilson_cells(row, hit, den);
    }
    for (std::size_t b = 0; b < 4 + 2 * cohorts.size(); ++b) row.emplace_back();
    row.emplace_back(false);
    t.rows.push_back(std::move(row));
    out.members.push_back(members[std::size_t(g)]);
  }
  return out;
}

}  // namespace reachmap
