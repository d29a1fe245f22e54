// Getis-Ord Gi* z-scores (Ord and Getis 1995), each area in its own neighbourhood: as
// spdep::localG on a listw built from include.self(nb).
#pragma once

#include <vector>

#include "engine/stats/weights.hpp"

namespace reachmap {

// `w_self` must include the diagonal (each area its own neighbour).
std::vector<double> getis_ord_gi_star(const std::vector<double>& x, const WeightsMatrix& w_self);

// Neighbour lists with each area added to its own list.
Neighbours include_self(const Neighbours& nb);

}  // namespace reachmap
