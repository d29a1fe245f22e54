#include "engine/stats/poisson.hpp"

#include <array>
#include <cmath>
#include <optional>

namespace reachmap {

double gamma_p(double a, double x) {
  if (x <= 0) return 0;
  const double log_prefix = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1) {  // series
    double sum = 1 / a, term = sum;
    for (int n = 1; n < 1000; ++n) {
      term *= x / (a + n);
      sum += term;
      if (std::fabs(term) < std::fabs(sum) * 1e-16) break;
    }
    return sum * std::exp(log_prefix);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  double b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (int i = 1; i < 1000; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (std::fabs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < 1e-16) break;
  }
  return 1 - std::exp(log_prefix) * h;
}

double gamma_p_inverse(double a, double p) {
  double lo = 0, hi = a + 10 * std::sqrt(a) + 20;
  while (gamma_p(a, hi) < p) hi *= 2;
  for (int i = 0; i < 200; ++i) {  // bisection: slow but sure, and only used below 10
    const double mid = (lo + hi) / 2;
    (gamma_p(a, mid) < p ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

namespace {
// The exact interval by bisection: 400 incomplete gammas, 40-80 us.
Interval exact_interval(double x, double tail) {
  // Chi-square(2k) quantile / 2 is the Gamma(k, 1) quantile.
  const double low = x == 0 ? 0.0 : gamma_p_inverse(x, tail);
  return {low, gamma_p_inverse(x + 1, 1 - tail)};
}
}  // namespace

Interval poisson_interval(double x, double z) {
  const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));  // one-sided tail, 0.025 for 95%
  if (x < 10) {
    // A whole count below 10 is one of ten, asked for tens of thousands of times a national run
    // (every small count of every area, staff's and public): each worked out once a thread and
    // level, the same value.
    if (x >= 0 && x == std::floor(x)) {
      thread_local double cached_z = std::nan("");
      thread_local std::array<std::optional<Interval>, 10> cached;
      if (!(cached_z == z)) cached_z = z, cached.fill(std::nullopt);
      std::optional<Interval>& slot = cached[static_cast<std::size_t>(x)];
      if (!slot) slot = exact_interval(x, tail);
      return *slot;
    }
    return exact_interval(x, tail);
  }
  const double low = x * std::pow(1 - 1 / (9 * x) - z / (3 * std::sqrt(x)), 3);
  const double y = x + 1;
  return {low, y * std::pow(1 - 1 / (9 * y) + z / (3 * std::sqrt(y)), 3)};
}

}  // namespace reachmap
