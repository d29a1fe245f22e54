#include "engine/stats/wilson.hpp"

#include <algorithm>
#include <cmath>

namespace reachmap {

Interval wilson_interval(double x, double n, double z) {
  const double p = x / n, z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  // At x = 0 or x = n the exact bound is 0 or 1; guard against rounding just past it.
  return {x == 0 ? 0.0 : std::max(0.0, centre - half), x == n ? 1.0 : std::min(1.0, centre + half)};
}

}  // namespace reachmap
