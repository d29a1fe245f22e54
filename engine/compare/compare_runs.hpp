// `reachmap compare OLD_OUT NEW_OUT --out CHANGE_OUT`: is it getting better? Two finished
// output folders of the same boundaries and rules (two periods), read as the report reads
// them, compared area by area: change_<layer>.csv (seen and registered reach, each period's
// and the change with Newcombe's 95% interval, a flag, the priority rank in each), a change
// map of seen reach per layer, and change.html. The public change is worked out from the
// public tables alone, so it tells no one more than the two folders do; when both folders
// hold their staff's private/ tables, private/change_<layer>.csv is the same from the true
// counts.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace reachmap {

struct CompareOptions {
  std::string before, now;  // the earlier and the later period's output folders
  std::string out;
  // Periods before `before`, oldest first: in the trend (trend.csv, change.html's charts) and
  // checked comparable as `before` is; the change is `before` against `now`.
  std::vector<std::string> earlier;
};

struct LayerChangeSummary {
  std::string layer;
  std::size_t areas = 0;
  std::map<std::string, std::size_t> seen_flags;   // "improved" -> areas, ...
  std::size_t outreach_before = 0;                 // the earlier period's outreach areas
  std::size_t outreach_improved = 0;               // of them, improved beyond chance
  std::map<std::string, std::size_t> seen_funnel;  // "above 99.8%" -> areas, ...
  double funnel_target = 0, funnel_phi = 1;        // the change funnel's overall change, phi
  bool funnel_widened = false;
};

struct CompareResult {
  std::string out;
  std::string period_before, period_now;  // "2025-04-01..2026-03-31"
  std::size_t periods = 2;                // in the trend
  std::vector<LayerChangeSummary> layers;
  bool staff = false;  // private/change_<layer>.csv written
};

// Throws Error (exit 4, kBadInput) naming the first mismatch when the folders differ in their
// layers, area codes, disclosure rule or population source; Error (kOutput) when `out`
// cannot be written (it is replaced as a run's folder is: engine/io/output_set.hpp).
CompareResult compare_runs(const CompareOptions& options);

}  // namespace reachmap
