#include "engine/stats/priority.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/core/number_format.hpp"

namespace reachmap {

std::vector<double> percentile_ranks(const std::vector<double>& v) {
  const std::size_t n = v.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(n, 0.5);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && v[order[j + 1]] == v[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2;
    for (std::size_t t = i; t <= j; ++t)
      r[order[t]] = n > 1 ? mean_rank / static_cast<double>(n - 1) : 0.5;
    i = j + 1;
  }
  return r;
}

double gap_evidence(double z) {
  return z > 0 ? 1 - std::exp(-z / kGapZScale) : 0.0;
}

namespace {
PriorityWeights effective(PriorityWeights w, bool has_need) {
  if (!has_need) w.gap += w.need, w.need = 0;
  return w;
}
}  // namespace

Priority outreach_priority(const std::vector<PriorityInput>& areas,
                           const PriorityWeights& weights) {
  const std::size_t n = areas.size();
  Priority p;
  p.used_need = n > 0 && std::all_of(areas.begin(), areas.end(),
                                     [](const PriorityInput& a) { return a.need.has_value(); });
  const PriorityWeights w = effective(weights, p.used_need);
  std::vector<double> unreached(n), need(n, 0);
  p.gap_z.resize(n);
  p.shortfall.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const PriorityInput& a = areas[i];
    // Binomial z of the seen count against the expected reach; the expected share is kept
    // off 0 and 1 so that the variance is never 0.
    const double e = std::clamp(a.expected_reach, 0.005, 0.995);
    p.gap_z[i] = (e * a.population - a.seen) / std::sqrt(a.population * e * (1 - e));
    p.shortfall[i] = (a.expected_reach - a.seen / a.population) * a.population;
    unreached[i] = std::max(0.0, a.population - a.seen);
    if (p.used_need) need[i] = *a.need;
  }
  // The gap counts by its evidence, not its rank (a rank would put a z of 1.7 level with a z
  // of 5): 1 - exp(-z / 3.09), 0 at or above the expected reach, 0.63 at the 99.8% limit, near
  // 1 for overwhelming evidence, and never flat, so that a z of 14 still comes before a z of 4.
  std::vector<double> pg(n);
  for (std::size_t i = 0; i < n; ++i) pg[i] = gap_evidence(p.gap_z[i]);
  const auto ps = percentile_ranks(p.shortfall), pn = percentile_ranks(need),
             pu = percentile_ranks(unreached);
  const double total = w.gap + w.shortfall + w.need + w.unreached + w.low_low;
  p.score.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    p.score[i] = (w.gap * pg[i] + w.shortfall * ps[i] + w.need * pn[i] + w.unreached * pu[i] +
                  w.low_low * (areas[i].low_low ? 1.0 : 0.0)) /
                 total;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p.score[a] > p.score[b]; });
  p.rank.resize(n);
  for (std::size_t k = 0; k < n; ++k) p.rank[order[k]] = static_cast<long>(k + 1);
  return p;
}

std::string describe_priority(const PriorityWeights& weights, bool has_need) {
  const PriorityWeights w = effective(weights, has_need);
  std::string s;
  const auto term = [&](double weight, const char* what) {
    if (weight <= 0) return;
    s += (s.empty() ? "" : " + ") + format_number(weight) + " " + what;
  };
  term(w.gap, "gap (1 - exp(-z / 3.09), z of seen children below the expected reach)");
  term(w.shortfall, "shortfall (children short of the expected reach)");
  term(w.need, "deprivation");
  term(w.unreached, "unreached children");
  term(w.low_low, "low-low cluster");
  return s +
         "; the others as percentile ranks among the areas analysed (low-low: 0 or 1); "
         "divided by the sum of the weights";
}

std::string describe_priority_briefly(const PriorityWeights& weights, bool has_need) {
  const PriorityWeights w = effective(weights, has_need);
  std::string s;
  for (const auto& [weight, what] : {std::pair{w.gap, "gap below expected reach"},
                                     {w.shortfall, "shortfall"},
                                     {w.need, "deprivation"},
                                     {w.unreached, "unreached"},
                                     {w.low_low, "low-low cluster"}})
    if (weight > 0) s += (s.empty() ? "" : ", ") + std::string(what) + " " + format_number(weight);
  return s;
}

std::vector<std::pair<long, std::size_t>> first_by_priority(
    const std::vector<std::optional<double>>& rank_by_row, std::size_t n) {
  std::vector<std::pair<long, std::size_t>> ranked;
  for (std::size_t r = 0; r < rank_by_row.size(); ++r)
    if (const auto& rank = rank_by_row[r]; rank && *rank >= 1 && *rank <= double(n))
      ranked.emplace_back(long(*rank), r);
  std::sort(ranked.begin(), ranked.end());
  return ranked;
}

std::vector<std::pair<long, std::size_t>> first_by_priority(const Table& t, std::size_t n) {
  const int c_rank = t.column(Col::kPriorityRank);
  if (c_rank < 0) return {};
  std::vector<std::optional<double>> ranks;
  for (const auto& row : t.rows) ranks.push_back(cell_number(row[std::size_t(c_rank)]));
  return first_by_priority(ranks, n);
}

}  // namespace reachmap
