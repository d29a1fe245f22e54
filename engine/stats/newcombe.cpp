#include "engine/stats/newcombe.hpp"

#include <cmath>

namespace reachmap {

Interval newcombe_difference(double x_old, double n_old, double x_new, double n_new, double z) {
  const double p1 = x_old / n_old, p2 = x_new / n_new, d = p2 - p1;
  const Interval w1 = wilson_interval(x_old, n_old, z), w2 = wilson_interval(x_new, n_new, z);
  // The difference falls as p2 falls to its lower bound and p1 rises to its upper one.
  const double down = std::hypot(p2 - w2.low, w1.high - p1);
  const double up = std::hypot(w2.high - p2, p1 - w1.low);
  return {d - down, d + up};
}

}  // namespace reachmap
