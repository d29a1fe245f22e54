// The analyse stage for one boundary layer: empirical Bayes, funnel limits, spatial weights,
// Moran's I, LISA, Gi*, expected reach (population-weighted regression on deprivation and
// access) and the outreach priority. Adds its columns to the layer's indicators (blank for the
// areas left out: no population, or suppressed) and returns what the manifest reports.
#pragma once

#include <string>
#include <vector>

#include "engine/pipeline/pipeline.hpp"

namespace reachmap {

// Runs on `layer` (its indicators must still be full precision); deprivation values per area
// may be empty.
LayerStatistics analyse_layer(LayerResult& layer, const Analysis& analysis,
                              const std::vector<std::optional<double>>& decile,
                              const std::vector<std::optional<double>>& score, int threads);

}  // namespace reachmap
