// Geometry a run needs late but can make from the boundaries (and the centres' lists of areas)
// alone, made at the lowest priority beside the reading of the inputs: the postcode directory
// and the registrations each end in a step on one thread, which leaves a core idle for over a
// second nationally, while contiguity (in analyse) and the reach areas' unions (beside protect)
// came when both cores were busy. The results are the same bytes whenever they are made.
#pragma once

#include <future>
#include <optional>
#include <string>
#include <vector>

#include "engine/geo/boundary_layer.hpp"
#include "engine/stats/layer_analysis.hpp"

namespace reachmap {

// Contiguity (queen or rook, as `options` say) between the layer's areas with a geometry, by
// row: what analyse_layer builds for any set of them, which it takes as known neighbours. From
// the shared points the layer's index file kept when they were found at the same snap.
Neighbours layer_contiguity(const BoundaryLayer& layer, const AnalysisOptions& options);

// Whether the analysis's weights are contiguity (the other kinds are built from points).
bool uses_contiguity(const AnalysisOptions& options);

// The snap of the analysis's contiguity, which a layer's index file keeps the shared points at;
// none when its weights are not contiguity.
std::optional<double> contiguity_snap(const AnalysisOptions& options);

// Each reach area as one polygon (WKB), the union of its areas of `layer` (their rows, in
// `members` order; geo/dissolve.hpp).
std::vector<std::string> reach_area_shapes(const std::vector<std::vector<std::size_t>>& members,
                                           const BoundaryLayer& layer);

}  // namespace reachmap
