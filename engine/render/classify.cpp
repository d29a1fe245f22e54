#include "engine/render/classify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

#include "engine/core/number_format.hpp"

namespace reachmap {

int Classes::class_of(double v) const {
  const int k = count();
  if (k <= 0) return -1;
  // First edge strictly greater than v, among the inner edges.
  const auto it = std::upper_bound(edges.begin() + 1, edges.end() - 1, v);
  return static_cast<int>(it - (edges.begin() + 1));
}

namespace {
Classes from_edges(std::vector<double> edges) {
  // Drop duplicate edges (ties): no empty class, no class listed twice. A last class holding
  // only the maximum is [max, max], so a repeated final edge is kept once more.
  const bool single_top = edges.size() >= 3 && edges[edges.size() - 1] == edges[edges.size() - 2] &&
                          edges[edges.size() - 3] < edges[edges.size() - 2];
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  if (single_top && edges.size() >= 2) edges.push_back(edges.back());
  if (edges.size() == 1) edges.push_back(edges[0]);  // one distinct value: one class [v, v]
  return Classes{std::move(edges)};
}
}  // namespace

Classes classify_quantile(std::vector<double> values, int k) {
  if (values.empty() || k < 1) return {};
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  std::vector<double> distinct = values;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.size() <= static_cast<std::size_t>(k)) {  // each value its own class (as classInt)
    distinct.push_back(distinct.back());
    if (distinct.size() == 2) return Classes{distinct};
    return Classes{std::move(distinct)};
  }
  std::vector<double> edges{values.front()};
  for (int i = 1; i < k; ++i) {
    // Hyndman & Fan type 7 (R's default): linear interpolation between order statistics.
    const double h = (static_cast<double>(n) - 1) * i / k;
    const std::size_t lo = static_cast<std::size_t>(std::floor(h));
    const double frac = h - static_cast<double>(lo);
    edges.push_back(lo + 1 < n ? values[lo] + frac * (values[lo + 1] - values[lo]) : values[lo]);
  }
  edges.push_back(values.back());
  return drop_empty_classes(from_edges(std::move(edges)), values);
}

Classes drop_empty_classes(Classes c, std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t i = 1;
  while (i + 1 < c.edges.size()) {
    // Class i is [edges[i], edges[i+1]); an empty one is merged into the class before it.
    // (The last class is closed: [edges[k-1], edges[k]].)
    const bool last = i + 2 == c.edges.size();
    const auto first = std::lower_bound(values.begin(), values.end(), c.edges[i]);
    if (first == values.end() || (last ? *first > c.edges[i + 1] : *first >= c.edges[i + 1]))
      c.edges.erase(c.edges.begin() + static_cast<long>(i));
    else
      ++i;
  }
  return c;
}

Classes classify_equal(const std::vector<double>& values, int k) {
  if (values.empty() || k < 1) return {};
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  std::vector<double> edges;
  for (int i = 0; i < k; ++i) edges.push_back(*lo + (*hi - *lo) * i / k);
  edges.push_back(*hi);
  return from_edges(std::move(edges));
}

// Fisher (1958) optimal grouping: minimise the total within-class sum of squared deviations.
// Exact dynamic programme over the distinct values (weighted by multiplicity, so ties never
// split), with the divide-and-conquer speed-up that the 1-D k-means cost allows (its optimal
// split points are monotone, as in Ckmeans.1d.dp): O(k m log m) for m distinct values.
Classes classify_jenks(std::vector<double> values, int k) {
  if (values.empty() || k < 1) return {};
  std::sort(values.begin(), values.end());
  std::vector<double> u, w;
  for (double v : values) {
    if (!u.empty() && u.back() == v) {
      w.back() += 1;
    } else {
      u.push_back(v);
      w.push_back(1);
    }
  }
  const std::size_t m = u.size();
  const int classes = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(k), m));
  const double shift = u[m / 2];  // centring keeps the prefix sums well conditioned
  std::vector<double> sw(m + 1, 0), s1(m + 1, 0), s2(m + 1, 0);
  for (std::size_t j = 0; j < m; ++j) {
    const double x = u[j] - shift;
    sw[j + 1] = sw[j] + w[j];
    s1[j + 1] = s1[j] + w[j] * x;
    s2[j + 1] = s2[j] + w[j] * x * x;
  }
  // Cost of one class holding distinct values i..j (0-based, inclusive).
  const auto cost = [&](std::size_t i, std::size_t j) {
    const double W = sw[j + 1] - sw[i], S = s1[j + 1] - s1[i];
    return std::max(0.0, (s2[j + 1] - s2[i]) - S * S / W);
  };
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // prev[j]: best cost of values 0..j in c-1 classes; cur[j]: in c classes; split[c][j]: first
  // value of the last class.
  std::vector<double> prev(m), cur(m);
  std::vector<std::vector<std::size_t>> split(static_cast<std::size_t>(classes),
                                              std::vector<std::size_t>(m, 0));
  for (std::size_t j = 0; j < m; ++j) prev[j] = cost(0, j);
  for (int c = 1; c < classes; ++c) {
    auto& sp = split[static_cast<std::size_t>(c)];
    std::fill(cur.begin(), cur.end(), kInf);
    // Fill cur[j] for j in [jl, jr], knowing the optimal split lies in [sl, sr].
    std::function<void(long, long, std::size_t, std::size_t)> solve =
        [&](long jl, long jr, std::size_t sl, std::size_t sr) {
          if (jl > jr) return;
          const long jm = (jl + jr) / 2;
          const std::size_t j = static_cast<std::size_t>(jm);
          double best = kInf;
          std::size_t best_s = std::max<std::size_t>(sl, static_cast<std::size_t>(c));
          // The last class starts at s (>= c so that earlier classes are non-empty).
          for (std::size_t s = std::max<std::size_t>(sl, static_cast<std::size_t>(c));
               s <= std::min(sr, j); ++s) {
            const double v = prev[s - 1] + cost(s, j);
            if (v < best) best = v, best_s = s;
          }
          cur[j] = best;
          sp[j] = best_s;
          solve(jl, jm - 1, sl, best_s);
          solve(jm + 1, jr, best_s, sr);
        };
    solve(c, static_cast<long>(m) - 1, static_cast<std::size_t>(c), m - 1);
    std::swap(prev, cur);
  }
  // Walk the splits back from the last value.
  std::vector<double> edges(static_cast<std::size_t>(classes) + 1);
  edges[static_cast<std::size_t>(classes)] = u[m - 1];
  std::size_t j = m - 1;
  for (int c = classes - 1; c >= 1; --c) {
    const std::size_t s = split[static_cast<std::size_t>(c)][j];
    edges[static_cast<std::size_t>(c)] = u[s];
    j = s - 1;
  }
  edges[0] = u[0];
  return from_edges(std::move(edges));
}

Classes classify_fixed(const std::vector<double>& values, const std::vector<double>& breaks) {
  if (values.empty()) return {};
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  std::vector<double> edges{std::min(*lo, breaks.empty() ? *lo : breaks.front())};
  for (double b : breaks) edges.push_back(b);
  edges.push_back(std::max(*hi, breaks.empty() ? *hi : breaks.back()));
  return from_edges(std::move(edges));
}

std::string legend_number(double v, bool percent, int decimals) {
  char buf[64];
  if (percent) {
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, v * 100);
    return buf;
  }
  if (decimals == 0) {  // thousands separators for whole numbers
    const std::string digits = std::to_string(std::llabs(std::llround(v)));
    std::string out = std::llround(v) < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  }
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

int legend_decimals(const Classes& c, bool percent) {
  // The fewest decimals that write every edge exactly enough to tell them all apart.
  for (int d = 0; d < 4; ++d) {
    bool ok = true;
    for (std::size_t i = 0; i < c.edges.size() && ok; ++i) {
      const double scaled = (percent ? c.edges[i] * 100 : c.edges[i]) * std::pow(10.0, d);
      ok = std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, std::fabs(scaled));
    }
    if (ok) return d;
    ok = true;
    for (std::size_t i = 1; i < c.edges.size() && ok; ++i)
      ok = legend_number(c.edges[i - 1], percent, d) != legend_number(c.edges[i], percent, d);
    if (ok && d >= (percent ? 0 : 1)) return d;
  }
  return 4;
}

std::string class_label(const Classes& c, int i, bool percent) {
  const int d = legend_decimals(c, percent);
  const auto lo = legend_number(c.edges[static_cast<std::size_t>(i)], percent, d);
  const auto hi = legend_number(c.edges[static_cast<std::size_t>(i) + 1], percent, d);
  if (i == c.count() - 1) return lo == hi ? lo : lo + " to " + hi;
  return lo + " to <" + hi;
}

}  // namespace reachmap
