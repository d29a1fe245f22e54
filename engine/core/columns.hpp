// Every column reachmap writes into its tables, declared once (PDAL's Dimension registry is the
// model): code names a column by its id; its name (the CSV header, the GeoPackage field, what
// the report reads back), its kind, the count it derives from, its published decimals and what
// it means are written here and nowhere else. Columns made per target group or per layer have
// their names made here too. The README's column reference is made from it (columns_markdown,
// `reachmap columns`).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reachmap {

// What a column is, so that disclosure control, applied once at the door, knows what a small
// count would reveal and what to blank, band or round with it; the writers choose field types
// and formats by it.
enum class ColumnKind {
  kText,          // identifiers and names
  kCount,         // a count of children: suppressed from 1 to min_count-1; the row is flagged
  kGroupCount,    // a target-group count: suppressed on its own without flagging the row
  kDerivedCount,  // whole children derived from a count (unreached = population - seen)
  kPopulation,    // published for every row, never suppressed: a denominator, a covariate, a
                  // rounded model value (a whole value is stored as a whole number)
  kRate,          // computed from `source` (see `formula`): blanked, bounded or recomputed
  kStatistic,     // a continuous statistic of `source` (EB, z, LISA): blanked with it
  kRank,          // an order or category that cannot reveal a count: always published
  kBand,          // text written by disclosure control: the range a suppressed count lies in
  kFlag,          // true/false
};

// How a rate is computed from its source count, so that it can be recomputed from a rounded
// count or bounded from a band.
enum class Formula { kNone, kProportion, kWilsonLow, kWilsonHigh, kPoissonLow, kPoissonHigh };

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
  kTurned5Children,
  kNeverSeenBy5,
  kNeverSeenBy5Share,
  kNeverSeenBy5ShareLow,
  kNeverSeenBy5ShareHigh,
  kTurned1Children,
  kSeenBefore1,
  kSeenBefore1Share,
  kSeenBefore1ShareLow,
  kSeenBefore1ShareHigh,
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
  kReachAreaTurned5Children,
  kReachAreaNeverSeenBy5,
  kReachAreaTurned1Children,
  kReachAreaSeenBefore1,
  // Per deprivation decile (equity_<layer>.csv)
  kGroup,
  kAreas,
  // Per target group, all areas and by decile (groups_<layer>.csv)
  kTargetGroup,
  kGroupPopulation,
  kGroupRegistered,
  kGroupSeen,
  kOthersPopulation,
  kOthersRegistered,
  kOthersSeen,
  kGroupRegisteredReach,
  kGroupRegisteredReachLow,
  kGroupRegisteredReachHigh,
  kGroupSeenReach,
  kGroupSeenReachLow,
  kGroupSeenReachHigh,
  kOthersRegisteredReach,
  kOthersRegisteredReachLow,
  kOthersRegisteredReachHigh,
  kOthersSeenReach,
  kOthersSeenReachLow,
  kOthersSeenReachHigh,
  kRegisteredReachRatio,
  kRegisteredReachRatioLow,
  kRegisteredReachRatioHigh,
  kSeenReachRatio,
  kSeenReachRatioLow,
  kSeenReachRatioHigh,
  kFinding,
  // Fathers and carers: per area and per centre, and per centre and week (carers_by_week.csv)
  kSeenWithFather,
  kSeenWithFatherShare,
  kSeenWithFatherShareLow,
  kSeenWithFatherShareHigh,
  kWeek,
  kCarer,
  kContacts,
  kChildren,
  // Many settings ([centres] setting_type): per area, and per centre over its reach area
  kSettingType,
  kSeenAnySetting,
  kAnySettingReach,
  kAnySettingReachLow,
  kAnySettingReachHigh,
  kSeenMultiSetting,
  kMultiSettingShare,
  kMultiSettingShareLow,
  kMultiSettingShareHigh,
  // The GeoPackage's reach_areas layer
  kAreaIds,
  // Each period of [run] periods (indicators_<layer>_by_period.csv, centres_by_period.csv)
  kPeriod,
  kPeriodName,
  kEnd  // not a column: the number of ids
};

// A rate's published decimals: a share to 0.1 percentage point, a count's interval to 0.1
// child; what a reader needs to act, and no more (full precision stays in private/).
constexpr int rate_decimals(Formula formula) {
  switch (formula) {
    case Formula::kProportion:
    case Formula::kWilsonLow:
    case Formula::kWilsonHigh:
      return 3;
    case Formula::kPoissonLow:
    case Formula::kPoissonHigh:
      return 1;
    default:
      return -1;
  }
}

struct ColumnSpec {
  Col id;
  std::string_view name;
  ColumnKind kind;
  // The count a rate, statistic or derived count comes from, and a proportion's denominator,
  // in the table the column is declared for (the per-area table for the reach columns; the
  // centre table gives them the reach area's counts instead).
  std::optional<Col> derives_from;
  std::optional<Col> denominator;
  Formula formula;           // kRate: how it is computed from derives_from
  bool local;                // kStatistic: also computed from the neighbours' counts
  int decimals;              // published decimals in public outputs; -1: full precision
  std::string_view meaning;  // one line, for readers of the code and the docs
};

// The column's entry; every id has one.
const ColumnSpec& column_spec(Col id);
// The kind's word in the docs ("count", "rate", ...).
std::string_view kind_name(ColumnKind kind);
// The column reference: a Markdown table per output table (name, kind, derives from,
// decimals, meaning), with the columns made per group, layer or count. The README holds it
// between its `<!-- columns:begin -->` and `<!-- columns:end -->` markers.
std::string columns_markdown();
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
// A target group's denominator and reach (`[[group_population]]`): <g>_population,
// <g>_registered_reach and <g>_seen_reach (each with `_low` and `_high`).
std::string group_population(const std::string& group);
std::string group_registered_reach(const std::string& group);
std::string group_seen_reach(const std::string& group);
// The first column made for target group `group` whose name is a declared column's
// (`only_elsewhere` makes reach_area_seen_only_elsewhere), or "" when none is.
std::string group_column_clash(const std::string& group);
// The reach area's counts of a target group (centres.csv).
std::string reach_area_registered_in_group(const std::string& group);
std::string reach_area_seen_in_group(const std::string& group);

// carers_by_week as disclosure control holds it (one row per centre and week): a kind of
// carer's contacts and children (contacts_<kind>, children_<kind>); written one row per kind.
std::string carer_contacts(const std::string& kind);
std::string carer_children(const std::string& kind);

// Services ([services]): children seen at a service of a type (seen_<type>, a count) and that
// as a share of the under-5s (<type>_reach, with `_low` and `_high`); children seen at a
// service run in a language (seen_in_<code>); and a language's gap ([[language_gap]]): its
// demand, the share of it seen in the language (<code>_provision_share) and the flag.
std::string seen_at_type(const std::string& type);
std::string type_reach(const std::string& type);
std::string seen_in_language(const std::string& code);
std::string language_demand(const std::string& code);
std::string language_provision_share(const std::string& code);
std::string language_gap(const std::string& code);
// The first column made for service type `type` (or language `code`) whose name is a declared
// column's, or "" when none is.
std::string service_column_clash(const std::string& type);
std::string language_column_clash(const std::string& code);

// Settings ([centres] setting_type): children seen at a setting of a type (seen_by_<type>, a
// count) and that as a share of the under-5s (<type>_setting_reach, with `_low` and `_high`).
std::string seen_by_setting(const std::string& type);
std::string setting_reach(const std::string& type);
// The reach area's (centres.csv): reach_area_seen_by_<type>; and, made by
// reach_area_seen_in_group, reach_area_seen_any_setting and reach_area_seen_multi_setting.
std::string reach_area_seen_by_setting(const std::string& type);
// The first column made for setting type `type` whose name is a declared column's, or "".
std::string setting_column_clash(const std::string& type);

// A centre's children by where they live, per layer.
std::string seen_inside(const std::string& layer);
std::string seen_outside(const std::string& layer);
std::string inside_share(const std::string& layer);

}  // namespace reachmap
