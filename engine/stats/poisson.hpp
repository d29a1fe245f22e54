// Confidence intervals for a count: exact (Garwood 1936, from chi-square quantiles) below 10,
// Byar's approximation from 10 up (as the PHE/OHID indicator methods).
#pragma once

#include "engine/stats/wilson.hpp"

namespace reachmap {

Interval poisson_interval(double count, double z = kZ95);

// Regularised lower incomplete gamma P(a, x), and its inverse in x.
double gamma_p(double a, double x);
double gamma_p_inverse(double a, double p);

}  // namespace reachmap
