// [run] periods measured in the run's one pass over the inputs: who counts in each period
// (before the attendance is read, which tallies every period's contacts as it goes), every
// child placed once, then each period's tables measured and analysed as the run's own.
#pragma once

#include "engine/analysis/analysis.hpp"
#include "engine/config/config.hpp"
#include "engine/pipeline/pipeline.hpp"

namespace reachmap {

// The periods of [run] periods and the ones each child counts in (nullopt when none are asked).
std::optional<RunPeriods> periods_of(const Config& config, const Registrations& registrations);

// Every child of the registrations placed in every layer and reach polygons
// (RunPeriods::area_of_child): while the layers' indexes are still held.
void place_every_child(const Config& config, Analysis& a, int threads);

// Each period's tables (RunPeriods::tables): the same columns, statistics and ranks as the
// run's own, from its children and its contacts.
void measure_periods(const Config& config, Analysis& a, int threads);

}  // namespace reachmap
