#include "engine/core/columns.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace reachmap {

namespace {

using K = ColumnKind;

// An entry of the registry, written as column(id, name, kind, meaning) and what it derives
// from, its locality and its decimals where it has them.
struct Entry {
  ColumnSpec spec;
  constexpr Entry from(Col source, Formula formula = Formula::kNone) const {
    Entry e = *this;
    e.spec.derives_from = source;
    e.spec.formula = formula;
    if (e.spec.kind == ColumnKind::kRate) e.spec.decimals = rate_decimals(formula);
    return e;
  }
  constexpr Entry over(Col denominator) const {
    Entry e = *this;
    e.spec.denominator = denominator;
    return e;
  }
  constexpr Entry local() const {
    Entry e = *this;
    e.spec.local = true;
    return e;
  }
  constexpr Entry decimals(int d) const {
    Entry e = *this;
    e.spec.decimals = d;
    return e;
  }
  constexpr operator ColumnSpec() const { return spec; }
};

constexpr Entry column(Col id, std::string_view name, ColumnKind kind, std::string_view meaning) {
  return {{id, name, kind, std::nullopt, std::nullopt, Formula::kNone, false, -1, meaning}};
}

// In the order of the enum (checked once, below).
constexpr std::array<ColumnSpec, std::size_t(Col::kEnd)> kColumns = {{
    // Per area (indicators_<layer>.csv)
    column(Col::kAreaId, "area_id", K::kText, "the area's code in its boundary layer"),
    column(Col::kAreaName, "area_name", K::kText, "the area's name"),
    column(Col::kUnder5Population, "under5_population", K::kPopulation,
           "children under 5 living in the area"),
    column(Col::kUnder5PopulationEstimated, "under5_population_estimated", K::kFlag,
           "the population was carried from a split area of another layer"),
    column(Col::kRegisteredChildren, "registered_children", K::kCount,
           "children registered with a centre"),
    column(Col::kSeenChildren, "seen_children", K::kCount,
           "children seen at least once in the period"),
    column(Col::kSustainedChildren, "sustained_children", K::kCount,
           "children seen at least sustained_min_contacts times"),
    column(Col::kUnreachedChildren, "unreached_children", K::kDerivedCount,
           "max(0, population - seen)")
        .from(Col::kSeenChildren),
    column(Col::kRegisteredReach, "registered_reach", K::kRate, "registered / population")
        .from(Col::kRegisteredChildren, Formula::kProportion)
        .over(Col::kUnder5Population),
    column(Col::kRegisteredReachLow, "registered_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kRegisteredChildren, Formula::kWilsonLow)
        .over(Col::kUnder5Population),
    column(Col::kRegisteredReachHigh, "registered_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kRegisteredChildren, Formula::kWilsonHigh)
        .over(Col::kUnder5Population),
    column(Col::kSeenReach, "seen_reach", K::kRate, "seen / population")
        .from(Col::kSeenChildren, Formula::kProportion)
        .over(Col::kUnder5Population),
    column(Col::kSeenReachLow, "seen_reach_low", K::kRate, "95% Wilson interval, lower end")
        .from(Col::kSeenChildren, Formula::kWilsonLow)
        .over(Col::kUnder5Population),
    column(Col::kSeenReachHigh, "seen_reach_high", K::kRate, "95% Wilson interval, upper end")
        .from(Col::kSeenChildren, Formula::kWilsonHigh)
        .over(Col::kUnder5Population),
    column(Col::kSustainedReach, "sustained_reach", K::kRate, "sustained / population")
        .from(Col::kSustainedChildren, Formula::kProportion)
        .over(Col::kUnder5Population),
    column(Col::kSustainedReachLow, "sustained_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kSustainedChildren, Formula::kWilsonLow)
        .over(Col::kUnder5Population),
    column(Col::kSustainedReachHigh, "sustained_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kSustainedChildren, Formula::kWilsonHigh)
        .over(Col::kUnder5Population),
    column(Col::kSeenChildrenLow, "seen_children_low", K::kRate,
           "95% Poisson interval of the count, lower")
        .from(Col::kSeenChildren, Formula::kPoissonLow),
    column(Col::kSeenChildrenHigh, "seen_children_high", K::kRate,
           "95% Poisson interval of the count, upper")
        .from(Col::kSeenChildren, Formula::kPoissonHigh),
    column(Col::kKnownChildren, "known_children", K::kCount, "children on the known-children list"),
    column(Col::kKnownRegistered, "known_registered", K::kCount,
           "known children matched to a registration"),
    column(Col::kKnownSeen, "known_seen", K::kCount, "known children matched and seen"),
    column(Col::kKnownNotRegistered, "known_not_registered", K::kCount,
           "known children no centre has met"),
    column(Col::kSeenReachKnown, "seen_reach_known", K::kRate, "known seen / known children")
        .from(Col::kKnownSeen, Formula::kProportion)
        .over(Col::kKnownChildren),
    column(Col::kSeenReachKnownLow, "seen_reach_known_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kKnownSeen, Formula::kWilsonLow)
        .over(Col::kKnownChildren),
    column(Col::kSeenReachKnownHigh, "seen_reach_known_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kKnownSeen, Formula::kWilsonHigh)
        .over(Col::kKnownChildren),
    column(Col::kRegisteredReachKnown, "registered_reach_known", K::kRate,
           "known registered / known children")
        .from(Col::kKnownRegistered, Formula::kProportion)
        .over(Col::kKnownChildren),
    // The early-years cohorts ([run] never_seen_by_5, seen_before_1: engine/measure/cohorts)
    column(Col::kTurned5Children, "turned_5_children", K::kCount,
           "registered children whose fifth birthday fell in the period"),
    column(Col::kNeverSeenBy5, "never_seen_by_5", K::kCount,
           "of them, those no setting saw before their fifth birthday"),
    column(Col::kNeverSeenBy5Share, "never_seen_by_5_share", K::kRate,
           "never_seen_by_5 / turned_5_children")
        .from(Col::kNeverSeenBy5, Formula::kProportion)
        .over(Col::kTurned5Children),
    column(Col::kNeverSeenBy5ShareLow, "never_seen_by_5_share_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kNeverSeenBy5, Formula::kWilsonLow)
        .over(Col::kTurned5Children),
    column(Col::kNeverSeenBy5ShareHigh, "never_seen_by_5_share_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kNeverSeenBy5, Formula::kWilsonHigh)
        .over(Col::kTurned5Children),
    column(Col::kTurned1Children, "turned_1_children", K::kCount,
           "counted children whose first birthday fell in the period"),
    column(Col::kSeenBefore1, "seen_before_1", K::kCount,
           "of them, those some setting saw before their first birthday"),
    column(Col::kSeenBefore1Share, "seen_before_1_share", K::kRate,
           "seen_before_1 / turned_1_children")
        .from(Col::kSeenBefore1, Formula::kProportion)
        .over(Col::kTurned1Children),
    column(Col::kSeenBefore1ShareLow, "seen_before_1_share_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kSeenBefore1, Formula::kWilsonLow)
        .over(Col::kTurned1Children),
    column(Col::kSeenBefore1ShareHigh, "seen_before_1_share_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kSeenBefore1, Formula::kWilsonHigh)
        .over(Col::kTurned1Children),
    column(Col::kSuppressed, "suppressed", K::kFlag, "disclosure control hid a count of the row"),
    // The analysis of a layer (added to the area table)
    column(Col::kImdDecile, "imd_decile", K::kPopulation, "IMD decile (1 = most deprived 10%)"),
    column(Col::kImdScore, "imd_score", K::kPopulation, "IMD score"),
    column(Col::kNearestCentreKm, "nearest_centre_km", K::kPopulation,
           "straight-line km from where the area's people live to the nearest centre")
        .decimals(2),
    column(Col::kSeenReachEb, "seen_reach_eb", K::kStatistic, "empirical Bayes seen reach (global)")
        .from(Col::kSeenChildren)
        .decimals(3),
    column(Col::kSeenReachEbLocal, "seen_reach_eb_local", K::kStatistic,
           "empirical Bayes seen reach (neighbours)")
        .from(Col::kSeenChildren)
        .local()
        .decimals(3),
    column(Col::kFunnelZ, "funnel_z", K::kStatistic,
           "z of seen reach against the layer's overall reach")
        .from(Col::kSeenChildren)
        .decimals(2),
    column(Col::kFunnelFlag, "funnel_flag", K::kRank, "outside the funnel's 95% or 99.8% limits"),
    column(Col::kLisaI, "lisa_i", K::kStatistic, "local Moran's I")
        .from(Col::kSeenChildren)
        .local()
        .decimals(2),
    column(Col::kLisaP, "lisa_p", K::kStatistic, "local Moran's pseudo p-value")
        .from(Col::kSeenChildren)
        .local()
        .decimals(3),
    column(Col::kLisaCluster, "lisa_cluster", K::kRank, "LISA cluster: low-low, high-high, ..."),
    column(Col::kGistarZ, "gistar_z", K::kStatistic, "Getis-Ord Gi* z")
        .from(Col::kSeenChildren)
        .local()
        .decimals(2),
    column(Col::kExpectedSeenReach, "expected_seen_reach", K::kPopulation,
           "seen reach the model expects")
        .decimals(3),
    column(Col::kReachGapZ, "reach_gap_z", K::kStatistic, "the model's standardised gap")
        .from(Col::kSeenChildren)
        .decimals(2),
    column(Col::kReachShortfall, "reach_shortfall", K::kStatistic,
           "children short of the expected reach")
        .from(Col::kSeenChildren)
        .decimals(0),
    column(Col::kPriorityScore, "priority_score", K::kRank, "outreach priority score").decimals(2),
    column(Col::kPriorityRank, "priority_rank", K::kRank, "outreach priority rank (1 = first)"),
    // Per centre (centres.csv)
    column(Col::kCentreId, "centre_id", K::kText, "the centre's id"),
    column(Col::kCentreName, "centre_name", K::kText, "the centre's name"),
    column(Col::kReachAreaUnder5Population, "reach_area_under5_population", K::kPopulation,
           "children under 5 living in the centre's reach area"),
    column(Col::kReachAreaPopulationEstimated, "reach_area_population_estimated", K::kFlag,
           "the reach area's population is an estimate"),
    column(Col::kReachAreaRegistered, "reach_area_registered", K::kCount,
           "registered children in the reach area"),
    column(Col::kReachAreaSeen, "reach_area_seen", K::kCount,
           "children in the reach area seen by any centre"),
    column(Col::kReachAreaSustained, "reach_area_sustained", K::kCount,
           "sustained children in the reach area"),
    column(Col::kReachAreaUnreached, "reach_area_unreached", K::kDerivedCount,
           "max(0, population - seen), reach area")
        .from(Col::kReachAreaSeen),
    column(Col::kSeenHereInReachArea, "seen_here_in_reach_area", K::kCount,
           "children seen here who live in the reach area"),
    column(Col::kSeenHereOutsideReachArea, "seen_here_outside_reach_area", K::kCount,
           "children seen here who live outside it"),
    column(Col::kOutsideReachAreaShare, "outside_reach_area_share", K::kRate, "outside / seen here")
        .from(Col::kSeenHereOutsideReachArea, Formula::kProportion)
        .over(Col::kSeenChildren),
    column(Col::kReachAreaSeenOnlyElsewhere, "reach_area_seen_only_elsewhere", K::kCount,
           "children in the reach area seen only by other centres"),
    // The early-years cohorts in a reach area made of a layer's areas (their shares are the
    // area table's columns over these)
    column(Col::kReachAreaTurned5Children, "reach_area_turned_5_children", K::kCount,
           "children in the reach area who turned 5 in the period"),
    column(Col::kReachAreaNeverSeenBy5, "reach_area_never_seen_by_5", K::kCount,
           "of them, those no setting saw before their fifth birthday"),
    column(Col::kReachAreaTurned1Children, "reach_area_turned_1_children", K::kCount,
           "children in the reach area who turned 1 in the period"),
    column(Col::kReachAreaSeenBefore1, "reach_area_seen_before_1", K::kCount,
           "of them, those seen before their first birthday"),
    // Per deprivation decile (equity_<layer>.csv)
    column(Col::kGroup, "group", K::kText, "the decile's group of areas"),
    column(Col::kAreas, "areas", K::kRank, "areas in the group"),
    // Per target group, all areas and by decile (groups_<layer>.csv)
    column(Col::kTargetGroup, "target_group", K::kText,
           "the target group (`[registrations] groups` and `[[group_population]]`)"),
    column(Col::kGroupPopulation, "group_population", K::kPopulation,
           "the group's under-5s in the areas ([[group_population]])"),
    column(Col::kGroupRegistered, "group_registered", K::kGroupCount,
           "registered children of the group"),
    column(Col::kGroupSeen, "group_seen", K::kGroupCount, "children of the group seen"),
    column(Col::kOthersPopulation, "others_population", K::kPopulation,
           "everyone else: under5_population - group_population"),
    column(Col::kOthersRegistered, "others_registered", K::kGroupCount,
           "registered children not of the group"),
    column(Col::kOthersSeen, "others_seen", K::kGroupCount, "children seen not of the group"),
    column(Col::kGroupRegisteredReach, "group_registered_reach", K::kRate,
           "group_registered / group_population")
        .from(Col::kGroupRegistered, Formula::kProportion)
        .over(Col::kGroupPopulation),
    column(Col::kGroupRegisteredReachLow, "group_registered_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kGroupRegistered, Formula::kWilsonLow)
        .over(Col::kGroupPopulation),
    column(Col::kGroupRegisteredReachHigh, "group_registered_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kGroupRegistered, Formula::kWilsonHigh)
        .over(Col::kGroupPopulation),
    column(Col::kGroupSeenReach, "group_seen_reach", K::kRate, "group_seen / group_population")
        .from(Col::kGroupSeen, Formula::kProportion)
        .over(Col::kGroupPopulation),
    column(Col::kGroupSeenReachLow, "group_seen_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kGroupSeen, Formula::kWilsonLow)
        .over(Col::kGroupPopulation),
    column(Col::kGroupSeenReachHigh, "group_seen_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kGroupSeen, Formula::kWilsonHigh)
        .over(Col::kGroupPopulation),
    column(Col::kOthersRegisteredReach, "others_registered_reach", K::kRate,
           "others_registered / others_population")
        .from(Col::kOthersRegistered, Formula::kProportion)
        .over(Col::kOthersPopulation),
    column(Col::kOthersRegisteredReachLow, "others_registered_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kOthersRegistered, Formula::kWilsonLow)
        .over(Col::kOthersPopulation),
    column(Col::kOthersRegisteredReachHigh, "others_registered_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kOthersRegistered, Formula::kWilsonHigh)
        .over(Col::kOthersPopulation),
    column(Col::kOthersSeenReach, "others_seen_reach", K::kRate, "others_seen / others_population")
        .from(Col::kOthersSeen, Formula::kProportion)
        .over(Col::kOthersPopulation),
    column(Col::kOthersSeenReachLow, "others_seen_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kOthersSeen, Formula::kWilsonLow)
        .over(Col::kOthersPopulation),
    column(Col::kOthersSeenReachHigh, "others_seen_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kOthersSeen, Formula::kWilsonHigh)
        .over(Col::kOthersPopulation),
    column(Col::kRegisteredReachRatio, "registered_reach_ratio", K::kStatistic,
           "group_registered_reach / others_registered_reach, from the published counts")
        .from(Col::kGroupRegistered)
        .decimals(2),
    column(Col::kRegisteredReachRatioLow, "registered_reach_ratio_low", K::kStatistic,
           "95% interval, lower end (log method)")
        .from(Col::kGroupRegistered)
        .decimals(2),
    column(Col::kRegisteredReachRatioHigh, "registered_reach_ratio_high", K::kStatistic,
           "95% interval, upper end (log method)")
        .from(Col::kGroupRegistered)
        .decimals(2),
    column(Col::kSeenReachRatio, "seen_reach_ratio", K::kStatistic,
           "group_seen_reach / others_seen_reach, from the published counts")
        .from(Col::kGroupSeen)
        .decimals(2),
    column(Col::kSeenReachRatioLow, "seen_reach_ratio_low", K::kStatistic,
           "95% interval, lower end (log method)")
        .from(Col::kGroupSeen)
        .decimals(2),
    column(Col::kSeenReachRatioHigh, "seen_reach_ratio_high", K::kStatistic,
           "95% interval, upper end (log method)")
        .from(Col::kGroupSeen)
        .decimals(2),
    column(Col::kFinding, "finding", K::kText,
           "the seen reach ratio in words: beyond chance or not"),
    // Fathers and carers
    column(Col::kSeenWithFather, "seen_with_father", K::kGroupCount,
           "children seen at least once with a father or male carer ([carers] father)"),
    column(Col::kSeenWithFatherShare, "seen_with_father_share", K::kRate,
           "seen with a father / seen")
        .from(Col::kSeenWithFather, Formula::kProportion)
        .over(Col::kSeenChildren),
    column(Col::kSeenWithFatherShareLow, "seen_with_father_share_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kSeenWithFather, Formula::kWilsonLow)
        .over(Col::kSeenChildren),
    column(Col::kSeenWithFatherShareHigh, "seen_with_father_share_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kSeenWithFather, Formula::kWilsonHigh)
        .over(Col::kSeenChildren),
    column(Col::kWeek, "week", K::kText, "ISO 8601 week, Monday to Sunday (2025-W14)"),
    column(Col::kCarer, "carer", K::kText, "the kind of carer ([carers]; other: any other value)"),
    column(Col::kContacts, "contacts", K::kCount,
           "distinct contacts at the centre that week with this kind of carer"),
    column(Col::kChildren, "children", K::kCount, "distinct children those contacts were"),
    // Many settings
    column(Col::kSettingType, "setting_type", K::kText,
           "the centre's kind of setting (`[centres] setting_type`)"),
    column(Col::kSeenAnySetting, "seen_any_setting", K::kGroupCount,
           "children seen at least once by any setting, of any type"),
    column(Col::kAnySettingReach, "any_setting_reach", K::kRate, "seen by any setting / under-5s")
        .from(Col::kSeenAnySetting, Formula::kProportion)
        .over(Col::kUnder5Population),
    column(Col::kAnySettingReachLow, "any_setting_reach_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kSeenAnySetting, Formula::kWilsonLow)
        .over(Col::kUnder5Population),
    column(Col::kAnySettingReachHigh, "any_setting_reach_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kSeenAnySetting, Formula::kWilsonHigh)
        .over(Col::kUnder5Population),
    column(Col::kSeenMultiSetting, "seen_multi_setting", K::kGroupCount,
           "children seen by more than one setting (two centres of any types)"),
    column(Col::kMultiSettingShare, "multi_setting_share", K::kRate,
           "seen by more than one setting / seen by any")
        .from(Col::kSeenMultiSetting, Formula::kProportion)
        .over(Col::kSeenAnySetting),
    column(Col::kMultiSettingShareLow, "multi_setting_share_low", K::kRate,
           "95% Wilson interval, lower end")
        .from(Col::kSeenMultiSetting, Formula::kWilsonLow)
        .over(Col::kSeenAnySetting),
    column(Col::kMultiSettingShareHigh, "multi_setting_share_high", K::kRate,
           "95% Wilson interval, upper end")
        .from(Col::kSeenMultiSetting, Formula::kWilsonHigh)
        .over(Col::kSeenAnySetting),
    // The GeoPackage's reach_areas layer
    column(Col::kAreaIds, "area_ids", K::kText, "the reach area's areas, ';'-separated"),
    // Each period of [run] periods
    column(Col::kPeriod, "period", K::kText,
           "the period's first and last days, both counted (2025-04-01..2025-06-30)"),
    column(Col::kPeriodName, "period_name", K::kText,
           "the period's name (Apr-Jun 2025, 12 months to Jun 2025, or [run] periods' own)"),
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

std::string_view kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kText:
      return "text";
    case ColumnKind::kCount:
      return "count";
    case ColumnKind::kGroupCount:
      return "group count";
    case ColumnKind::kDerivedCount:
      return "derived count";
    case ColumnKind::kPopulation:
      return "population";
    case ColumnKind::kRate:
      return "rate";
    case ColumnKind::kStatistic:
      return "statistic";
    case ColumnKind::kRank:
      return "rank";
    case ColumnKind::kBand:
      return "band";
    case ColumnKind::kFlag:
      return "flag";
  }
  return "?";
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
std::string group_population(const std::string& group) {
  return group + "_population";
}
std::string group_registered_reach(const std::string& group) {
  return group + "_registered_reach";
}
std::string group_seen_reach(const std::string& group) {
  return group + "_seen_reach";
}
std::string reach_area_registered_in_group(const std::string& group) {
  return std::string(name_of(Col::kReachAreaRegistered)) + "_" + group;
}
std::string reach_area_seen_in_group(const std::string& group) {
  return std::string(name_of(Col::kReachAreaSeen)) + "_" + group;
}
std::string group_column_clash(const std::string& group) {
  for (const std::string& name :
       {registered_in_group(group), seen_in_group(group), group_population(group),
        group_registered_reach(group), group_seen_reach(group),
        low_of(group_registered_reach(group)), high_of(group_registered_reach(group)),
        low_of(group_seen_reach(group)), high_of(group_seen_reach(group)),
        reach_area_registered_in_group(group), reach_area_seen_in_group(group)})
    if (column_named(name)) return name;
  return "";
}
std::string carer_contacts(const std::string& kind) {
  return name_of(Col::kContacts) + "_" + kind;
}
std::string carer_children(const std::string& kind) {
  return name_of(Col::kChildren) + "_" + kind;
}
std::string seen_at_type(const std::string& type) {
  return "seen_" + type;
}
std::string type_reach(const std::string& type) {
  return type + "_reach";
}
std::string seen_in_language(const std::string& code) {
  return "seen_in_" + code;
}
std::string language_demand(const std::string& code) {
  return code + "_demand";
}
std::string language_provision_share(const std::string& code) {
  return code + "_provision_share";
}
std::string language_gap(const std::string& code) {
  return "language_gap_" + code;
}
std::string service_column_clash(const std::string& type) {
  for (const std::string& name :
       {seen_at_type(type), type_reach(type), low_of(type_reach(type)), high_of(type_reach(type))})
    if (column_named(name)) return name;
  return "";
}
std::string language_column_clash(const std::string& code) {
  for (const std::string& name :
       {seen_in_language(code), language_demand(code), language_provision_share(code),
        low_of(language_provision_share(code)), high_of(language_provision_share(code)),
        language_gap(code)})
    if (column_named(name)) return name;
  return "";
}
std::string seen_by_setting(const std::string& type) {
  return "seen_by_" + type;
}
std::string reach_area_seen_by_setting(const std::string& type) {
  return reach_area_seen_in_group("by_" + type);
}
std::string setting_reach(const std::string& type) {
  return type + "_setting_reach";
}
std::string setting_column_clash(const std::string& type) {
  for (const std::string& name :
       {seen_by_setting(type), setting_reach(type), low_of(setting_reach(type)),
        high_of(setting_reach(type)), reach_area_seen_by_setting(type)})
    if (column_named(name)) return name;
  return "";
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
