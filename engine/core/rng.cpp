#include "engine/core/rng.hpp"

#include <cmath>

namespace reachmap {

double Rng::normal() {
  double u1 = uniform();
  if (u1 <= 0.0) u1 = 0x1.0p-53;
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

}  // namespace reachmap
