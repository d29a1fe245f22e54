// The public analysis: a layer's statistics (empirical Bayes, funnel, LISA, Gi*, expected reach,
// gap, priority) recomputed from its protected table alone, so that no public figure says more
// than the protected counts already do. Staff keep the analysis of the true counts (private/).
//
// What enters, from the protected table only: a published count as published (rounded, under
// the round rule); a count hidden with its band ("1-4") at the band's middle; an area whose seen
// count is hidden without a band (hidden only to protect another) is left out of the public
// analysis, as an area without a population is. Rates are recomputed from those counts.
#pragma once

#include "engine/analysis/analysis.hpp"
#include "engine/core/table.hpp"
#include "engine/stats/layer_analysis.hpp"

namespace reachmap {

// The protected measures of a layer as the public analysis reads them (see above). `table`
// holds the measure columns only (before LayerStatistics::first_column).
Table public_measures(const Table& table);

// Runs the analysis of `layer` on `table` (its protected measures: public_measures of it) and
// appends the covariates and statistics to `table`, rounded to their published decimals.
LayerStatistics analyse_in_public(Table& table, const LayerResult& layer,
                                  const RunSettings& settings, int threads);

}  // namespace reachmap
