// Moran's I, global and local (LISA), with permutation inference. Permutations draw from a
// counter-based RNG keyed on (seed, area, permutation), so results are identical at any
// thread count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/stats/weights.hpp"

namespace reachmap {

struct GlobalMoran {
  double I = 0, expected = 0, variance = 0, z = 0;  // variance under randomisation
  double p_sim = 1;                                 // folded permutation pseudo p-value
  int permutations = 0;
};

// `w` is any weights matrix (usually row-standardised); `x` one value per row.
GlobalMoran global_moran(const std::vector<double>& x, const WeightsMatrix& w, int permutations,
                         std::uint64_t seed, int threads = 1);

enum class LisaCluster { kNotSignificant, kHighHigh, kLowLow, kLowHigh, kHighLow };
const char* lisa_label(LisaCluster c);

struct LocalMoran {
  std::vector<double> I;      // Ii = (z_i / m2) * sum_j w_ij z_j, m2 = sum z^2 / n
  std::vector<double> p_sim;  // conditional permutation pseudo p-values (folded)
  std::vector<LisaCluster> cluster;
  double alpha = 0.05;  // the threshold used for clusters (after FDR when asked)
};

// Conditional permutations: for area i, its neighbours' values are replaced by |N_i| values
// drawn without replacement from the other n-1 areas. Runs on `threads` threads.
LocalMoran local_moran(const std::vector<double>& x, const Neighbours& nb, const WeightsMatrix& w,
                       int permutations, std::uint64_t seed, double alpha, bool fdr, int threads);

// Benjamini-Hochberg: the largest p(k) with p(k) <= k alpha / n, or 0 when none.
double fdr_threshold(std::vector<double> p, double alpha);

}  // namespace reachmap
