// The funnel plot for change (Spiegelhalter 2005, "Funnel plots for comparing institutional
// performance", Statistics in Medicine 24:1185-1202: changes between two periods): each area's
// change in a proportion against its size, with 95% and 99.8% limits around the change of all
// the areas together. The Newcombe flag asks "did this area move?"; the funnel asks "did it
// move more than the whole town did, by more than chance?", which tells an area's own movers
// (outreach there, a centre closed) from a change everywhere (a new recording system).
//
// Under the null an area's change equals the overall one, with the variance of a difference
// of two independent binomial proportions at the area's own pooled proportion
// p_i = (x_old + x_new) / (n_old + n_new): V_i = p_i (1 - p_i) (1 / n_old + 1 / n_new). So that
// one funnel serves every area, each is drawn at its effective size m_i = g / V_i with
// g = 2 p (1 - p) at the overall pooled p: an area of the town's average reach and the same
// population in both periods sits at its population, and a point lies outside a drawn limit
// exactly when its z-score does.
#pragma once

#include <string>
#include <vector>

namespace reachmap {

struct ChangeCounts {
  double x_old, n_old, x_new, n_new;  // 0 <= x <= n, n > 0
};

struct ChangeFunnelResult {
  double target = 0;              // overall change: sum x_new / sum n_new - sum x_old / sum n_old
  double g = 0;                   // 2 p (1 - p) at the overall pooled proportion
  double phi = 1;                 // overdispersion factor of the z-scores (winsorised), at least 1
  bool widened = false;           // the limits and z-scores widened by phi
  std::vector<double> size;       // each area's effective size m_i
  std::vector<double> z;          // (change_i - target) / sqrt(V_i), over sqrt(phi) if widened
  std::vector<std::string> flag;  // as funnel(): below 99.8% ... above 99.8%
};

// `widen`: divide the z-scores by sqrt(phi) (limits widened) when the areas vary more than
// chance allows. Empty input gives an empty result.
ChangeFunnelResult change_funnel(const std::vector<ChangeCounts>& areas, bool widen = false,
                                 double winsor = 0.1);

// The limit at effective size m for a two-sided z (negative: lower).
double change_funnel_limit(const ChangeFunnelResult& f, double m, double z);

}  // namespace reachmap
