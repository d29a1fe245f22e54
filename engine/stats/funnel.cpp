#include "engine/stats/funnel.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/stats/wilson.hpp"

namespace reachmap {

double funnel_limit(double target, double n, double z, double phi) {
  const double zz = std::fabs(z) * std::sqrt(phi);
  // The lower limit is the p whose Wilson upper bound equals the target; the upper limit the p
  // whose Wilson lower bound does. Both bounds increase with p, so bisection finds them.
  const bool lower = z < 0;
  const auto bound = [&](double p) {
    const Interval ci = wilson_interval(p * n, n, zz);
    return lower ? ci.high : ci.low;
  };
  double lo = lower ? 0.0 : target, hi = lower ? target : 1.0;
  if (lower && bound(0) >= target) return 0;
  if (!lower && bound(1) <= target) return 1;
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (bound(mid) < target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

double winsorised_phi(const std::vector<double>& z, double winsor) {
  const std::size_t n = z.size();
  if (n < 2) return 1;
  std::vector<double> sorted = z;
  std::sort(sorted.begin(), sorted.end());
  const auto cut = static_cast<std::size_t>(std::floor(winsor * static_cast<double>(n)));
  const double lo = sorted[cut], hi = sorted[n - 1 - cut];
  double sum = 0;
  for (double v : z) {
    const double w = std::clamp(v, lo, hi);
    sum += w * w;
  }
  return std::max(1.0, sum / static_cast<double>(n));
}

const char* funnel_flag(double z) {
  return z < -kZ998        ? "below 99.8%"
         : z < -kZ95Funnel ? "below 95%"
         : z > kZ998       ? "above 99.8%"
         : z > kZ95Funnel  ? "above 95%"
                           : "within";
}

FunnelResult funnel(const std::vector<double>& events, const std::vector<double>& denominators,
                    const FunnelOptions& options) {
  FunnelResult r;
  const std::size_t n = events.size();
  r.target = std::accumulate(events.begin(), events.end(), 0.0) /
             std::accumulate(denominators.begin(), denominators.end(), 0.0);
  r.z.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    r.z[i] = (events[i] / denominators[i] - r.target) /
             std::sqrt(r.target * (1 - r.target) / denominators[i]);
  if (options.overdispersion) r.phi = winsorised_phi(r.z, options.winsor);
  r.flag.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    r.z[i] /= std::sqrt(r.phi);
    r.flag[i] = funnel_flag(r.z[i]);
  }
  return r;
}

}  // namespace reachmap
