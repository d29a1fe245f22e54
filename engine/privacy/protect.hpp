// The door between the analysis and every public file: the tables a run publishes, protected
// together under the config's [privacy] rule. No public figure comes from anything else.
#pragma once

#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/core/table.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/privacy/protect_periods.hpp"

namespace reachmap {

// The door: every public table protected together, so that no hidden count can be recovered
// from another table (a ward from its neighbourhoods, a reach area from its areas, a layer's
// total from the manifest).
struct PublicTables {
  std::vector<Table> layers;  // protected measures, then the public analysis's columns
  // Per layer: the public analysis, recomputed from the protected measures alone
  // (privacy/public_analysis.hpp); the staff's, of the true counts, is the Analysis's.
  std::vector<LayerStatistics> statistics;
  std::vector<Table> equity;  // per layer: reach by deprivation decile
  // Per layer: each target group's reach against everyone else's (group_equity.hpp), its
  // ratios worked out from its protected counts; empty without a group with a reach.
  std::vector<Table> groups;
  Table centres;
  std::optional<Table> carers;  // carers_by_week, when the run counts carers
  // Per layer, per equity table, the centres, per groups table, then the carers' table.
  std::vector<DisclosureSummary> disclosure;
  const DisclosureSummary& centres_disclosure() const { return disclosure[2 * layers.size()]; }
  PublicPeriods periods;  // [run] periods: each one's tables, protected with the run's
  AuditSummary audit;     // the intruder's audit of them all
};

PublicTables protect(const Analysis& analysis, int threads = 1);

}  // namespace reachmap
