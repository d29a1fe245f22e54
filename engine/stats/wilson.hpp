// Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3).
#pragma once

namespace reachmap {

struct Interval {
  double low, high;
};

inline constexpr double kZ95 = 1.959963984540054;  // two-sided 95%

// Requires 0 <= successes <= trials and trials > 0.
Interval wilson_interval(double successes, double trials, double z = kZ95);

}  // namespace reachmap
