#include "engine/stats/change_funnel.hpp"

#include <cmath>

#include "engine/stats/funnel.hpp"

namespace reachmap {

ChangeFunnelResult change_funnel(const std::vector<ChangeCounts>& areas, bool widen,
                                 double winsor) {
  ChangeFunnelResult r;
  if (areas.empty()) return r;
  double xo = 0, no = 0, xn = 0, nn = 0;
  for (const ChangeCounts& a : areas) xo += a.x_old, no += a.n_old, xn += a.x_new, nn += a.n_new;
  r.target = xn / nn - xo / no;
  const double p = (xo + xn) / (no + nn);
  r.g = 2 * p * (1 - p);
  for (const ChangeCounts& a : areas) {
    double pi = (a.x_old + a.x_new) / (a.n_old + a.n_new);
    // An area with none or all seen in both periods has no binomial spread of its own: the
    // town's proportion stands in, so it is neither certain nor impossible to move.
    if (pi <= 0 || pi >= 1) pi = p;
    const double v = pi * (1 - pi) * (1 / a.n_old + 1 / a.n_new);
    const double change = a.x_new / a.n_new - a.x_old / a.n_old;
    r.size.push_back(v > 0 ? r.g / v : 0);
    r.z.push_back(v > 0 ? (change - r.target) / std::sqrt(v) : 0);
  }
  r.phi = winsorised_phi(r.z, winsor);
  r.widened = widen && r.phi > 1;
  for (double& z : r.z) {
    if (r.widened) z /= std::sqrt(r.phi);
    r.flag.push_back(funnel_flag(z));
  }
  return r;
}

double change_funnel_limit(const ChangeFunnelResult& f, double m, double z) {
  return f.target + z * std::sqrt((f.widened ? f.phi : 1) * f.g / m);
}

}  // namespace reachmap
