// Every column reachmap writes into its tables, declared once (PDAL's Dimension registry is the
// model): code names a column by its id; its name (the CSV header, the GeoPackage field, what
// the report reads back) and what it means are written here and nowhere else. Columns made
// per target group or per layer have their names made here too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reachmap {

enum class Col {
  // Per area (indicators_<layer>.csv)
  kAreaId,
  kAreaName,
  kUnder5Population,
  kUnder5PopulationEstimated,
  kRegisteredChildren,
  kSeenChildren,
  kSustainedChildren,
  kUnreachedChildren,
  kRegisteredReach,
  kRegisteredReachLow,
  kRegisteredReachHigh,
  kSeenReach,
  kSeenReachLow,
  kSeenReachHigh,
  kSustainedReach,
  kSustainedReachLow,
  kSustainedReachHigh,
  kSeenChildrenLow,
  kSeenChildrenHigh,
  kKnownChildren,
  kKnownRegistered,
  kKnownSeen,
  kKnownNotRegistered,
  kSeenReachKnown,
  kSeenReachKnownLow,
  kSeenReachKnownHigh,
  kRegisteredReachKnown,
  kSuppressed,
  // The analysis of a layer
  kImdDecile,
  kImdScore,
  kNearestCentreKm,
  kSeenReachEb,
  kSeenReachEbLocal,
  kFunnelZ,
  kFunnelFlag,
  kLisaI,
  kLisaP,
  kLisaCluster,
  kGistarZ,
  kExpectedSeenReach,
  kReachGapZ,
  kReachShortfall,
  kPriorityScore,
  kPriorityRank,
  // Per centre (centres.csv)
  kCentreId,
  kCentreName,
  kReachAreaUnder5Population,
  kReachAreaPopulationEstimated,
  kReachAreaRegistered,
  kReachAreaSeen,
  kReachAreaSustained,
  kReachAreaUnreached,
  kSeenHereInReachArea,
  kSeenHereOutsideReachArea,
  kOutsideReachAreaShare,
  kReachAreaSeenOnlyElsewhere,
  // Per deprivation decile (equity_<layer>.csv)
  kGroup,
  kAreas,
  // The GeoPackage's reach_areas layer
  kAreaIds,
  kEnd  // not a column: the number of ids
};

struct ColumnSpec {
  Col id;
  std::string_view name;
  std::string_view meaning;  // one line, for readers of the code and the docs test
};

// The column's entry; every id has one.
const ColumnSpec& column_spec(Col id);
// The column's name, as written in every output.
const std::string& name_of(Col id);
// The id of a declared name, or nullopt (a group's or layer's column, or another table's).
std::optional<Col> column_named(std::string_view name);

// Filled by disclosure control where `count` is hidden: the range it lies in.
std::string band_of(const std::string& count);
inline std::string band_of(Col count) {
  return band_of(name_of(count));
}

// A share's 95% interval: its `_low` and `_high` columns.
std::string low_of(const std::string& share);
std::string high_of(const std::string& share);

// A column whose values are shares (reach, a share, or an interval's end): shown as percents.
bool is_share_column(const std::string& name);

// A target group's counts per area (`[registrations] groups`).
std::string registered_in_group(const std::string& group);
std::string seen_in_group(const std::string& group);

// A centre's children by where they live, per layer.
std::string seen_inside(const std::string& layer);
std::string seen_outside(const std::string& layer);
std::string inside_share(const std::string& layer);

}  // namespace reachmap
