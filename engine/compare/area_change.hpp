// Per area, how reach moved between two periods: each period's count and population as its
// table publishes them, the change in reach with Newcombe's 95% interval, and a flag a
// manager can act on (improved, worsened, no clear change). Built from two tables of one
// layer (public ones for the public change table, private/ ones for the staff's), matched by
// area id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/report/report_input.hpp"
#include "engine/stats/change_funnel.hpp"

namespace reachmap {

enum class ChangeFlag {
  kImproved,       // the interval for new - old lies above 0
  kWorsened,       // below 0
  kNoClearChange,  // it holds 0
  kHidden,         // a count of either period was not published (disclosure control)
  kNoEstimate,     // no population, or more children counted than the population estimate
};
const char* change_flag_text(ChangeFlag flag);

struct ReachChange {
  std::optional<double> count_old, count_new;  // children (registered or seen)
  std::optional<double> reach_old, reach_new;  // count / population
  std::optional<double> change, low, high;     // new - old, and its 95% interval
  ChangeFlag flag = ChangeFlag::kNoEstimate;
  // Against the change of all the layer's areas (add_change_funnels): "within", "above 95%",
  // ...; empty without a change. The z-score and effective size place it on the funnel plot.
  std::string funnel;
  std::optional<double> funnel_z, funnel_size;
};

struct AreaChange {
  std::string id, name;
  std::optional<double> population_old, population_new;
  ReachChange seen, registered;
  std::optional<double> rank_old, rank_new;  // priority_rank (1 = first for outreach)
};

// Where a table keeps what a change is made of: an area table's columns, or centres.csv's
// (a centre's reach area: its children seen and registered over its under-5s; no rank).
struct ChangeColumns {
  std::string id, name, population, seen, registered, rank;
  bool funnel = true;  // a layer's areas tile it; centres' reach areas need not
};
ChangeColumns area_columns();
ChangeColumns centre_columns();

// One row per area of `now`, in its order. Throws Error (kBadInput) naming the first id one
// table has and the other lacks, or has twice. Centres (centre_columns) that opened or closed
// between the periods are left out: only those in both are compared.
std::vector<AreaChange> area_changes(const TextTable& before, const TextTable& now,
                                     const std::string& before_file, const std::string& now_file,
                                     const ChangeColumns& columns = area_columns());

// The funnel for change of seen and of registered reach over the areas that have a change
// (engine/stats/change_funnel.hpp), each area's place on it written into `changes`.
struct ChangeFunnels {
  ChangeFunnelResult seen, registered;
};
ChangeFunnels add_change_funnels(std::vector<AreaChange>& changes, bool widen);

// change_<layer>.csv's (or change_centres.csv's) header and rows.
std::vector<std::string> change_header(const ChangeColumns& columns = area_columns());
std::vector<std::string> change_fields(const AreaChange& a,
                                       const ChangeColumns& columns = area_columns());

}  // namespace reachmap
