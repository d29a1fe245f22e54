// Funnel plot limits for proportions (Spiegelhalter 2005): each area's proportion against its
// denominator, with 95% and 99.8% limits around the overall proportion, optionally widened for
// overdispersion (winsorised z-scores, multiplicative factor). The limits follow the PHE/OHID
// Fingertips method: a limit at denominator n is the proportion whose Wilson score interval
// just reaches the target, which stays inside [0, 1] and tends to the normal limits for large n.
#pragma once

#include <string>
#include <vector>

namespace reachmap {

struct FunnelOptions {
  bool overdispersion = false;
  double winsor = 0.1;  // share winsorised at each end when estimating the dispersion factor
};

struct FunnelResult {
  double target = 0;              // overall proportion, sum(events) / sum(denominators)
  double phi = 1;                 // dispersion factor (1 when not adjusted or not overdispersed)
  std::vector<double> z;          // (p - target) / sd, divided by sqrt(phi)
  std::vector<std::string> flag;  // below 99.8%, below 95%, within, above 95%, above 99.8%
};

FunnelResult funnel(const std::vector<double>& events, const std::vector<double>& denominators,
                    const FunnelOptions& options = {});

// Spiegelhalter's (2005) multiplicative overdispersion factor: the mean square of the z-scores
// winsorised at `winsor` of them at each end, at least 1 (1 for fewer than two).
double winsorised_phi(const std::vector<double>& z, double winsor);
// A z-score's place against the limits: "below 99.8%", "below 95%", "within", "above 95%",
// "above 99.8%".
const char* funnel_flag(double z);

// A control limit for a denominator: lower for z < 0, upper for z > 0; with phi > 1 the z is
// scaled by sqrt(phi).
double funnel_limit(double target, double n, double z, double phi = 1);

inline constexpr double kZ95Funnel = 1.959963984540054;
inline constexpr double kZ998 = 3.090232306167813;

}  // namespace reachmap
