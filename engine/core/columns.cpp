#include "engine/core/columns.hpp"

#include <array>
#include <cstddef>

namespace reachmap {

namespace {

// In the order of the enum (checked once, below).
constexpr std::array<ColumnSpec, std::size_t(Col::kEnd)> kColumns = {{
    {Col::kAreaId, "area_id", "the area's code in its boundary layer"},
    {Col::kAreaName, "area_name", "the area's name"},
    {Col::kUnder5Population, "under5_population", "children under 5 living in the area"},
    {Col::kUnder5PopulationEstimated, "under5_population_estimated",
     "the population was carried from a split area of another layer"},
    {Col::kRegisteredChildren, "registered_children", "children registered with a centre"},
    {Col::kSeenChildren, "seen_children", "children seen at least once in the period"},
    {Col::kSustainedChildren, "sustained_children",
     "children seen at least sustained_min_contacts times"},
    {Col::kUnreachedChildren, "unreached_children", "max(0, population - seen)"},
    {Col::kRegisteredReach, "registered_reach", "registered / population"},
    {Col::kRegisteredReachLow, "registered_reach_low", "95% Wilson interval, lower end"},
    {Col::kRegisteredReachHigh, "registered_reach_high", "95% Wilson interval, upper end"},
    {Col::kSeenReach, "seen_reach", "seen / population"},
    {Col::kSeenReachLow, "seen_reach_low", "95% Wilson interval, lower end"},
    {Col::kSeenReachHigh, "seen_reach_high", "95% Wilson interval, upper end"},
    {Col::kSustainedReach, "sustained_reach", "sustained / population"},
    {Col::kSustainedReachLow, "sustained_reach_low", "95% Wilson interval, lower end"},
    {Col::kSustainedReachHigh, "sustained_reach_high", "95% Wilson interval, upper end"},
    {Col::kSeenChildrenLow, "seen_children_low", "95% Poisson interval of the count, lower"},
    {Col::kSeenChildrenHigh, "seen_children_high", "95% Poisson interval of the count, upper"},
    {Col::kKnownChildren, "known_children", "children on the known-children list"},
    {Col::kKnownRegistered, "known_registered", "known children matched to a registration"},
    {Col::kKnownSeen, "known_seen", "known children matched and seen"},
    {Col::kKnownNotRegistered, "known_not_registered", "known children no centre has met"},
    {Col::kSeenReachKnown, "seen_reach_known", "known seen / known children"},
    {Col::kSeenReachKnownLow, "seen_reach_known_low", "95% Wilson interval, lower end"},
    {Col::kSeenReachKnownHigh, "seen_reach_known_high", "95% Wilson interval, upper end"},
    {Col::kRegisteredReachKnown, "registered_reach_known", "known registered / known children"},
    {Col::kSuppressed, "suppressed", "disclosure control hid a count of the row"},
    {Col::kImdDecile, "imd_decile", "IMD decile (1 = most deprived 10%)"},
    {Col::kImdScore, "imd_score", "IMD score"},
    {Col::kNearestCentreKm, "nearest_centre_km",
     "straight-line km from where the area's people live to the nearest centre"},
    {Col::kSeenReachEb, "seen_reach_eb", "empirical Bayes seen reach (global)"},
    {Col::kSeenReachEbLocal, "seen_reach_eb_local", "empirical Bayes seen reach (neighbours)"},
    {Col::kFunnelZ, "funnel_z", "z of seen reach against the layer's overall reach"},
    {Col::kFunnelFlag, "funnel_flag", "outside the funnel's 95% or 99.8% limits"},
    {Col::kLisaI, "lisa_i", "local Moran's I"},
    {Col::kLisaP, "lisa_p", "local Moran's pseudo p-value"},
    {Col::kLisaCluster, "lisa_cluster", "LISA cluster: low-low, high-high, ..."},
    {Col::kGistarZ, "gistar_z", "Getis-Ord Gi* z"},
    {Col::kExpectedSeenReach, "expected_seen_reach", "seen reach the model expects"},
    {Col::kReachGapZ, "reach_gap_z", "the model's standardised gap"},
    {Col::kReachShortfall, "reach_shortfall", "children short of the expected reach"},
    {Col::kPriorityScore, "priority_score", "outreach priority score"},
    {Col::kPriorityRank, "priority_rank", "outreach priority rank (1 = first)"},
    {Col::kCentreId, "centre_id", "the centre's id"},
    {Col::kCentreName, "centre_name", "the centre's name"},
    {Col::kReachAreaUnder5Population, "reach_area_under5_population",
     "children under 5 living in the centre's reach area"},
    {Col::kReachAreaPopulationEstimated, "reach_area_population_estimated",
     "the reach area's population is an estimate"},
    {Col::kReachAreaRegistered, "reach_area_registered", "registered children in the reach area"},
    {Col::kReachAreaSeen, "reach_area_seen", "children in the reach area seen by any centre"},
    {Col::kReachAreaSustained, "reach_area_sustained", "sustained children in the reach area"},
    {Col::kReachAreaUnreached, "reach_area_unreached", "max(0, population - seen), reach area"},
    {Col::kSeenHereInReachArea, "seen_here_in_reach_area",
     "children seen here who live in the reach area"},
    {Col::kSeenHereOutsideReachArea, "seen_here_outside_reach_area",
     "children seen here who live outside it"},
    {Col::kOutsideReachAreaShare, "outside_reach_area_share", "outside / seen here"},
    {Col::kReachAreaSeenOnlyElsewhere, "reach_area_seen_only_elsewhere",
     "children in the reach area seen only by other centres"},
    {Col::kGroup, "group", "the decile's group of areas"},
    {Col::kAreas, "areas", "areas in the group"},
    {Col::kAreaIds, "area_ids", "the reach area's areas, ';'-separated"},
}};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kColumns.size(); ++i)
    if (kColumns[i].id != Col(i)) return false;
  return true;
}
static_assert(in_enum_order(), "kColumns must list the columns in the order of enum Col");

}  // namespace

const ColumnSpec& column_spec(Col id) {
  return kColumns[std::size_t(id)];
}

const std::string& name_of(Col id) {
  static const auto names = [] {
    std::array<std::string, std::size_t(Col::kEnd)> out;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = std::string(kColumns[i].name);
    return out;
  }();
  return names[std::size_t(id)];
}

std::optional<Col> column_named(std::string_view name) {
  for (const auto& c : kColumns)
    if (c.name == name) return c.id;
  return std::nullopt;
}

std::string band_of(const std::string& count) {
  return count + "_band";
}
std::string low_of(const std::string& share) {
  return share + "_low";
}
std::string high_of(const std::string& share) {
  return share + "_high";
}

bool is_share_column(const std::string& name) {
  const auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("_reach") || ends_with("_share") || ends_with("_low") || ends_with("_high");
}

std::string registered_in_group(const std::string& group) {
  return "registered_" + group;
}
std::string seen_in_group(const std::string& group) {
  return "seen_" + group;
}
std::string seen_inside(const std::string& layer) {
  return "seen_inside_" + layer;
}
std::string seen_outside(const std::string& layer) {
  return "seen_outside_" + layer;
}
std::string inside_share(const std::string& layer) {
  return "inside_" + layer + "_share";
}

}  // namespace reachmap
