// Newcombe's hybrid score interval for the difference of two independent proportions
// (Newcombe 1998, "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Statistics in Medicine 17:873-890, method 10): each
// proportion's Wilson interval, combined as the square root of the sum of the squared
// distances on the side each moves the difference. Good coverage at small counts, never
// outside [-1, 1], and no zero-width interval at 0 or n (the simple Wald interval has both).
#pragma once

#include "engine/stats/wilson.hpp"

namespace reachmap {

// The 95% (or `z`) interval for p_new - p_old, p = x / n. Requires 0 <= x <= n and n > 0
// for both (n need not be whole: an area's population estimate).
Interval newcombe_difference(double x_old, double n_old, double x_new, double n_new,
                             double z = kZ95);

}  // namespace reachmap
