#include "engine/render/scale_bar.hpp"

#include <cmath>
#include <cstdio>

namespace reachmap {

double round_scale_length(double metres_across, double max_share) {
  const double limit = metres_across * max_share;
  double best = 1;
  for (double p = 1; p <= 1e7; p *= 10)
    for (double m : {1.0, 2.0, 5.0})
      if (m * p <= limit) best = m * p;
  return best;
}

std::string scale_label(double metres) {
  char buf[32];
  if (metres < 1000)
    std::snprintf(buf, sizeof buf, "%.0f m", metres);
  else if (std::fmod(metres, 1000) == 0)
    std::snprintf(buf, sizeof buf, "%.0f km", metres / 1000);
  else
    std::snprintf(buf, sizeof buf, "%.1f km", metres / 1000);
  return buf;
}

}  // namespace reachmap
