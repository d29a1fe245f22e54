// Empirical Bayes smoothing of rates (Marshall 1991, method of moments): small areas' rates
// are pulled towards the mean in proportion to how little their own numbers can say.
#pragma once

#include <vector>

#include "engine/stats/weights.hpp"

namespace reachmap {

// Global: as spdep::EBest(n, x) (Poisson family). `events` and `population` per area; areas
// with population <= 0 are not allowed here (leave them out before calling).
std::vector<double> eb_global(const std::vector<double>& events,
                              const std::vector<double>& population);

// Local: the prior mean and variance come from each area and its neighbours, as
// spdep::EBlocal(n, x, nb).
std::vector<double> eb_local(const std::vector<double>& events,
                             const std::vector<double>& population, const Neighbours& nb);

}  // namespace reachmap
