// The README's column reference, made from the column registry (columns.cpp): a Markdown table
// per output table, with the columns made per target group, layer or kind of carer.
#include <sstream>
#include <string>
#include <vector>

#include "engine/core/columns.hpp"

namespace reachmap {

namespace {

std::string code(const std::string& name) {
  return "`" + name + "`";
}
std::string code(Col id) {
  return code(name_of(id));
}

std::string formula_name(Formula f) {
  switch (f) {
    case Formula::kWilsonLow:
      return " (Wilson 95%, low)";
    case Formula::kWilsonHigh:
      return " (Wilson 95%, high)";
    case Formula::kPoissonLow:
      return " (Poisson 95%, low)";
    case Formula::kPoissonHigh:
      return " (Poisson 95%, high)";
    default:
      return "";
  }
}

// A row of the reference: a declared column or one whose name is made per group, layer or count.
struct DocRow {
  std::string name, kind, derives, decimals, meaning;
};

DocRow doc_row(const ColumnSpec& c) {
  DocRow r{code(std::string(c.name)), std::string(kind_name(c.kind)) + formula_name(c.formula), "",
           "", std::string(c.meaning)};
  if (c.derives_from) r.derives = code(*c.derives_from);
  if (c.denominator) r.derives += " / " + code(*c.denominator);
  if (c.local) r.derives += ", and the neighbours'";
  if (c.decimals >= 0)
    r.decimals = std::to_string(c.decimals);
  else if (c.kind == ColumnKind::kRate || c.kind == ColumnKind::kStatistic ||
           c.kind == ColumnKind::kPopulation)
    r.decimals = "full";
  return r;
}

// An output table of the reference: its title, the first id declared for it (ids are in table
// order), what it shares with other tables, and its made columns.
struct DocTable {
  std::string title;
  Col first;
  std::string note;
  std::vector<DocRow> made;
};

std::vector<DocTable> doc_tables() {
  const std::string count(kind_name(ColumnKind::kCount)), rate(kind_name(ColumnKind::kRate)),
      band(kind_name(ColumnKind::kBand)), group_count(kind_name(ColumnKind::kGroupCount));
  const std::string band_meaning =
      "where disclosure control hid the count: the range it lies in (else blank)";
  const std::string reach_over_area = code(Col::kRegisteredReach) + ", " + code(Col::kSeenReach) +
                                      " with " + code(Col::kSeenReachLow) + " and " +
                                      code(Col::kSeenReachHigh) + ", and " +
                                      code(Col::kSustainedReach);
  return {
      {"`indicators_<layer>.csv` (and its layer in `reachmap.gpkg`): one row per area",
       Col::kAreaId,
       "The known-children columns are there with `[known_children]`, " +
           code(Col::kUnder5PopulationEstimated) +
           " where a population was carried from another layer.",
       {{code(registered_in_group("<group>")), group_count, "", "",
         "registered children of the target group (`[registrations] groups`)"},
        {code(seen_in_group("<group>")), group_count, "", "",
         "children of the target group seen at least once"},
        {code(group_population("<group>")), std::string(kind_name(ColumnKind::kPopulation)), "", "",
         "the group's under-5s in the area (`[[group_population]]`)"},
        {code(group_registered_reach("<group>")) + ", " + code(group_seen_reach("<group>")), rate,
         code(registered_in_group("<group>")) + ", " + code(seen_in_group("<group>")) + " / " +
             code(group_population("<group>")),
         "3", "the group's reach, each with its Wilson 95% interval (`_low`, `_high`)"},
        {code(seen_at_type("<type>")), group_count, "", "",
         "children seen at least once at a service of the type (`[services]`)"},
        {code(type_reach("<type>")), rate,
         code(seen_at_type("<type>")) + " / " + code(Col::kUnder5Population), "3",
         "the type's reach, with its Wilson 95% interval (`_low`, `_high`)"},
        {code(seen_in_language("<code>")), group_count, "", "",
         "children seen at least once at a service run in the language, or in one its "
         "`[[language_gap]] provision` lists (bilingual by default)"},
        {code(language_provision_share("<code>")), rate,
         code(seen_in_language("<code>")) + " / the demand", "3",
         "provision against demand (the `demand` group's population, else its registered "
         "children), with its Wilson 95% interval (`_low`, `_high`)"},
        {code(language_gap("<code>")), std::string(kind_name(ColumnKind::kFlag)), "", "",
         "true where the demand is at least `min_demand` and the share below `share_below` "
         "(blank where the share is)"},
        {code(band_of("<count>")), band, code("<count>"), "",
         band_meaning + "; for " + code(Col::kRegisteredChildren) + ", " +
             code(Col::kSeenChildren) + ", " + code(Col::kSustainedChildren) + ", " +
             code(Col::kUnreachedChildren) + " and the known-children counts"}}},
      {"More columns of the area table: deprivation, access and the statistics of a layer",
       Col::kImdDecile,
       "Deprivation and distance are there when the layer has them. " + code(Col::kLisaI) + ", " +
           code(Col::kLisaP) + " and " + code(Col::kGistarZ) +
           " derive from the count of `[analysis] variable` (" + code(Col::kSeenChildren) +
           " by default).",
       {}},
      {"`centres.csv`: one row per centre",
       Col::kCentreId,
       "Also " + code(Col::kSeenChildren) + " (children seen at the centre) and " +
           code(Col::kSuppressed) + "; with reach areas, the reach-area columns below and " +
           reach_over_area + " over the reach area (from " + code(Col::kReachAreaRegistered) +
           ", " + code(Col::kReachAreaSeen) + ", " + code(Col::kReachAreaSustained) + " / " +
           code(Col::kReachAreaUnder5Population) + ").",
       {{code(seen_inside("<layer>")), count, "", "",
         "children seen here living in the layer's areas"},
        {code(seen_outside("<layer>")), count, "", "",
         "children seen here living outside the layer's areas"},
        {code(inside_share("<layer>")), rate,
         code(seen_inside("<layer>")) + " / " + code(Col::kSeenChildren), "full",
         "inside / seen here"},
        {code(reach_area_registered_in_group("<group>")) + ", " +
             code(reach_area_seen_in_group("<group>")),
         group_count, "", "",
         "the target group's children in the reach area; with `[[group_population]]` also " +
             code(group_population("<group>")) + " and the group's reach, over the reach area"},
        {code(reach_area_seen_in_group("<type>")), group_count, "", "",
         "the reach area's children seen at a service of the type (`[services]`), with " +
             code(type_reach("<type>")) + " over the reach area's under-5s"},
        {code(band_of("<count>")), band, code("<count>"), "",
         band_meaning + "; for " + code(Col::kReachAreaRegistered) + ", " +
             code(Col::kReachAreaSeen) + ", " + code(Col::kReachAreaSustained) + " and " +
             code(Col::kReachAreaUnreached)}}},
      {"`equity_<layer>.csv`: all areas, then one row per IMD decile",
       Col::kGroup,
       "Also " + code(Col::kImdDecile) + ", " + code(Col::kUnder5Population) + ", " +
           code(Col::kRegisteredChildren) + ", " + code(Col::kSeenChildren) + ", " +
           code(Col::kSustainedChildren) + ", " + code(Col::kUnreachedChildren) +
           ", each reach with its Wilson interval, the counts' bands and " +
           code(Col::kSuppressed) +
           ", as in the area table: the population and counts summed over the group's areas.",
       {}},
      {"`groups_<layer>.csv`: per target group with a population, all areas, then one row per "
       "IMD decile",
       Col::kTargetGroup,
       "Also " + code(Col::kGroup) + ", " + code(Col::kImdDecile) + ", " + code(Col::kAreas) +
           ", " + code(Col::kUnder5Population) + ", " + code(Col::kRegisteredChildren) + ", " +
           code(Col::kSeenChildren) + " and " + code(Col::kSuppressed) +
           ": the group's areas' sums, as in the equity table (areas with both populations). "
           "The ratios and the finding are worked out from the table's own counts after "
           "disclosure control (in `private/`, from the true counts).",
       {}},
      {"Fathers and carers (`[attendance] carer`): the area and centre tables, then "
       "`carers_by_week.csv`, one row per centre, ISO week and kind of carer it saw",
       Col::kSeenWithFather,
       "The first four are columns of the area table and of `centres.csv` (there: children seen "
       "at the centre with a father at the centre, over " +
           code(Col::kSeenChildren) + " seen there). `carers_by_week.csv` also has " +
           code(Col::kCentreId) + " and " + code(Col::kSuppressed) +
           "; its counts are hidden from 1 to min_count - 1 like any other, and protected with "
           "the centres' counts they add up to.",
       {}},
      {"Many settings (`[centres] setting_type`): the area table and `centres.csv`",
       Col::kSettingType,
       "The kind is a column of `centres.csv`; the counts and shares are columns of the area "
       "table and, over each centre's reach area, of `centres.csv` (there the counts are " +
           code(reach_area_seen_in_group("any_setting")) + " and " +
           code(reach_area_seen_in_group("multi_setting")) +
           ", the sums of the reach area's areas', and the shares are over " +
           code(Col::kReachAreaUnder5Population) + "). The headline's " + code(Col::kSeenChildren) +
           " counts the kinds `headline_types` names (every kind without it).",
       {{code(seen_by_setting("<kind>")), group_count, "", "",
         "children seen at least once by a setting of the kind"},
        {code(setting_reach("<kind>")), rate,
         code(seen_by_setting("<kind>")) + " / " + code(Col::kUnder5Population), "3",
         "the kind's reach, with its Wilson 95% interval (`_low`, `_high`)"},
        {code(reach_area_seen_by_setting("<kind>")), group_count, "", "",
         "`centres.csv`: the reach area's children seen by a setting of the kind, with " +
             code(setting_reach("<kind>")) + " over the reach area's under-5s"}}},
      {"The GeoPackage's `reach_areas` layer: one polygon per centre's reach area",
       Col::kAreaIds,
       "Also " + code(Col::kCentreId) + " and " + code(Col::kCentreName) + ".",
       {}},
      {"Each period of `[run] periods`: `indicators_<layer>_by_period.csv` and "
       "`centres_by_period.csv` (public and in `private/`)",
       Col::kPeriod,
       "A row per period and area (or centre), the period first; then every column of the "
       "layer's area table (or of `centres.csv`), measured and analysed over that period's "
       "children and contacts as the run's own table is over its period. The public files are "
       "protected with the run's own tables (the birth cohorts' columns are in `private/` "
       "only); `private/` has the true counts.",
       {}},
  };
}

void write_row(std::ostringstream& out, const DocRow& r) {
  out << "| " << r.name << " | " << r.kind << " | " << r.derives << " | " << r.decimals << " | "
      << r.meaning << " |\n";
}

}  // namespace

std::string columns_markdown() {
  std::ostringstream out;
  out << "Generated from the column registry (`engine/core/columns.cpp`) by `reachmap columns`. "
         "Kinds: a *count* of children is hidden by disclosure control when small (a *group "
         "count* on its own, without flagging the row); a *derived count* or *rate* is blanked, "
         "banded or bounded with the count it derives from; a *statistic* (and the model "
         "values, scores and ranks) of the public tables comes from the public analysis, made "
         "from the protected counts alone (a hidden count at its band's middle); a *population* "
         "(a denominator, a covariate or a model value) and a *rank* (an order or category) are "
         "published for every row; a *band* is the range a hidden count lies in; decimals are "
         "those of the public tables (full: shortest round-trip form; `private/` has full "
         "precision).\n";
  const auto tables = doc_tables();
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const DocTable& d = tables[t];
    const std::size_t end =
        t + 1 < tables.size() ? std::size_t(tables[t + 1].first) : std::size_t(Col::kEnd);
    out << "\n#### " << d.title << "\n\n";
    if (!d.note.empty()) out << d.note << "\n\n";
    out << "| column | kind | derives from | decimals | meaning |\n|---|---|---|---|---|\n";
    for (std::size_t i = std::size_t(d.first); i < end; ++i)
      write_row(out, doc_row(column_spec(Col(i))));
    for (const DocRow& r : d.made) write_row(out, r);
  }
  return out.str();
}

}  // namespace reachmap
