#include "engine/core/perturbation_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace reachmap {

namespace {

// The maximum entropy distribution over `support` (containing negative and positive values)
// with mean 0 and variance `target` (strictly between the smallest and largest the support
// allows): p(v) = exp(a v + b v^2) / Z, from Newton's method on the convex dual
// log Z(a, b) - b target, with backtracking.
std::vector<double> max_entropy(const std::vector<int>& support, double target) {
  double a = 0, b = 0;
  const auto dual = [&](double x, double y) {
    double z = 0;
    for (const int v : support) z += std::exp(x * v + y * v * v);
    return std::log(z) - y * target;
  };
  std::vector<double> p(support.size());
  for (int iter = 0; iter < 200; ++iter) {
    double z = 0;
    for (std::size_t k = 0; k < support.size(); ++k) {
      const double v = support[k];
      p[k] = std::exp(a * v + b * v * v);
      z += p[k];
    }
    double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    for (std::size_t k = 0; k < support.size(); ++k) {
      p[k] /= z;
      const double v = support[k];
      m1 += p[k] * v, m2 += p[k] * v * v, m3 += p[k] * v * v * v, m4 += p[k] * v * v * v * v;
    }
    const double g1 = m1, g2 = m2 - target;
    if (std::abs(g1) < 1e-13 && std::abs(g2) < 1e-13) break;
    // Hessian: the covariance of (v, v^2).
    const double h11 = m2 - m1 * m1, h12 = m3 - m1 * m2, h22 = m4 - m2 * m2;
    const double det = h11 * h22 - h12 * h12;
    if (!(det > 1e-300)) break;
    const double da = -(h22 * g1 - h12 * g2) / det, db = -(h11 * g2 - h12 * g1) / det;
    const double now = dual(a, b);
    double step = 1;
    while (step > 1e-12 &&
           dual(a + step * da, b + step * db) > now + 1e-4 * step * (g1 * da + g2 * db))
      step /= 2;
    a += step * da, b += step * db;
  }
  return p;
}

// Whole keys per value of `support` from probabilities `p`: the floors, the keys left over to
// the largest remainders, then single keys moved until the mean is as near 0 as whole keys
// allow (the smallest moves first).
std::vector<int> whole_keys(const std::vector<int>& support, const std::vector<double>& p) {
  const std::size_t n = support.size();
  std::vector<int> keys(n);
  // A symmetric row (every count past the small ones) stays symmetric: each v > 0 and -v get
  // the nearest whole keys, 0 the rest; its mean is 0 exactly.
  bool symmetric = n % 2 == 1;
  for (std::size_t k = 0; k < n && symmetric; ++k) symmetric = support[k] == -support[n - 1 - k];
  if (symmetric) {
    int rest = kCellKeys;
    for (std::size_t k = 0; k < n / 2; ++k) {
      keys[k] = keys[n - 1 - k] = static_cast<int>(std::lround(p[k] * kCellKeys));
      rest -= 2 * keys[k];
    }
    keys[n / 2] = rest;
    return keys;
  }
  std::vector<std::size_t> order(n);
  int given = 0;
  for (std::size_t k = 0; k < n; ++k) {
    keys[k] = static_cast<int>(std::floor(p[k] * kCellKeys));
    given += keys[k];
    order[k] = k;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const double rx = p[x] * kCellKeys - keys[x], ry = p[y] * kCellKeys - keys[y];
    if (rx != ry) return rx > ry;
    return std::abs(support[x]) < std::abs(support[y]);
  });
  for (std::size_t k = 0; given < kCellKeys; k = (k + 1) % n, ++given) ++keys[order[k]];
  long sum = 0;
  for (std::size_t k = 0; k < n; ++k) sum += long(keys[k]) * support[k];
  while (sum != 0) {
    std::size_t from = n, to = n;
    long best = 0;
    int best_step = 0;
    for (std::size_t x = 0; x < n; ++x) {
      if (keys[x] == 0) continue;
      for (std::size_t y = 0; y < n; ++y) {
        const int step = std::abs(support[y] - support[x]);
        const long after = std::abs(sum + support[y] - support[x]);
        if (y == x || after >= std::abs(sum)) continue;
        if (from == n || after < best || (after == best && step < best_step))
          from = x, to = y, best = after, best_step = step;
      }
    }
    if (from == n) break;  // whole keys come no nearer
    --keys[from], ++keys[to];
    sum += support[to] - support[from];
  }
  return keys;
}

}  // namespace

PerturbationTable::PerturbationTable(int max_perturbation, int small_counts, double variance)
    : d_(std::max(1, max_perturbation)), js_(std::clamp(small_counts, 0, d_)) {
  const int last = d_ + js_ + 1;
  for (int i = 0; i <= last; ++i) {
    std::vector<int> row(std::size_t(2 * d_ + 1), 0);
    std::vector<int> support;
    for (int v = -d_; v <= d_; ++v) {
      const int to = i + v;
      if (to >= 0 && !(to >= 1 && to <= js_)) support.push_back(v);
    }
    const bool zero_allowed = std::find(support.begin(), support.end(), 0) != support.end();
    const bool two_sided = !support.empty() && support.front() < 0 && support.back() > 0;
    if (i == 0 || !two_sided) {  // a zero stays zero; so does a count with nowhere to go both ways
      row[std::size_t(d_)] = kCellKeys;
      slots_.push_back(std::move(row));
      continue;
    }
    // The variances a mean-0 distribution over the support can have.
    const int lo = support.front(), hi = support.back();
    int below = lo, above = hi;  // the nearest values either side of 0
    for (const int v : support) {
      if (v < 0) below = v;
      if (v > 0 && v < above) above = v;
    }
    const double vmax = -double(lo) * hi, vmin = zero_allowed ? 0.0 : -double(below) * above;
    std::vector<double> p(support.size(), 0.0);
    if (vmax - vmin < 1e-9) {  // one distribution only: the two values nearest 0
      for (std::size_t k = 0; k < support.size(); ++k) {
        if (support[k] == below) p[k] = double(above) / (above - below);
        if (support[k] == above) p[k] = double(-below) / (above - below);
      }
    } else {
      const double margin = 0.02 * (vmax - vmin);
      p = max_entropy(support, std::clamp(variance, vmin + margin, vmax - margin));
    }
    const std::vector<int> keys = whole_keys(support, p);
    for (std::size_t k = 0; k < support.size(); ++k) row[std::size_t(support[k] + d_)] = keys[k];
    slots_.push_back(std::move(row));
  }
}

const std::vector<int>& PerturbationTable::slots(std::int64_t value) const {
  const std::int64_t r = std::clamp<std::int64_t>(value, 0, rows() - 1);
  return slots_[std::size_t(r)];
}

int PerturbationTable::perturbation(std::int64_t value, std::uint8_t key) const {
  const std::vector<int>& row = slots(value);
  int seen = 0;
  for (std::size_t k = 0; k < row.size(); ++k) {
    seen += row[k];
    if (int(key) < seen) return int(k) - d_;
  }
  return 0;  // unreachable: a row holds 256 keys
}

double PerturbationTable::mean(std::int64_t value) const {
  const std::vector<int>& row = slots(value);
  double sum = 0;
  for (std::size_t k = 0; k < row.size(); ++k) sum += double(row[k]) * (int(k) - d_);
  return sum / kCellKeys;
}

double PerturbationTable::variance(std::int64_t value) const {
  const std::vector<int>& row = slots(value);
  const double m = mean(value);
  double sum = 0;
  for (std::size_t k = 0; k < row.size(); ++k) {
    const double dv = (int(k) - d_) - m;
    sum += double(row[k]) * dv * dv;
  }
  return sum / kCellKeys;
}

}  // namespace reachmap
