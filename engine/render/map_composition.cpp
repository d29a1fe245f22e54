#include "engine/render/map_composition.hpp"

#include "engine/stats/priority.hpp"

#include <algorithm>

#include <map>
#include <set>

#include "engine/core/number_format.hpp"
#include "engine/render/classify.hpp"

namespace reachmap {

const char* class_method_name(ClassMethod m) {
  switch (m) {
    case ClassMethod::kEqual:
      return "equal";
    case ClassMethod::kJenks:
      return "jenks";
    case ClassMethod::kFixed:
      return "fixed";
    default:
      return "quantile";
  }
}

std::string describe_indicator(const Indicator& indicator) {
  static const std::map<Col, std::string> kNames = {
      {Col::kSeenReach, "Share of children under 5 seen at least once"},
      {Col::kRegisteredReach, "Share of children under 5 registered"},
      {Col::kSustainedReach, "Share of children under 5 seen regularly"},
      {Col::kSeenReachLow, "Seen reach, lower 95% bound"},
      {Col::kSeenReachHigh, "Seen reach, upper 95% bound"},
      {Col::kUnreachedChildren, "Children under 5 not seen"},
      {Col::kSeenChildren, "Children seen"},
      {Col::kRegisteredChildren, "Children registered"},
      {Col::kSustainedChildren, "Children seen regularly"},
      {Col::kUnder5Population, "Children under 5 living here"},
      {Col::kLisaCluster, "Clusters of seen reach (local Moran)"},
      {Col::kFunnelFlag, "Seen reach against the funnel limits"},
      {Col::kPriorityScore, "Outreach priority"},
      {Col::kSeenReachEb, "Seen reach, smoothed (empirical Bayes)"},
      {Col::kKnownChildren, "Children under 5 known to health"},
      {Col::kKnownNotRegistered, "Children known to health but not registered with a centre"},
      {Col::kSeenReachKnown, "Share of children known to health seen at least once"},
      {Col::kRegisteredReachKnown, "Share of children known to health registered"},
      {Col::kSeenWithFather, "Children seen with a father or male carer"},
      {Col::kSeenWithFatherShare,
       "Fathers' engagement: share of children seen who came with a father"}};
  const auto it = indicator.id() ? kNames.find(*indicator.id()) : kNames.end();
  return it == kNames.end() ? indicator.name() : it->second;
}

// What a share is a proportion of, in the map's subtitle.
std::string proportion_of(const TableColumn& column) {
  if (column.denominator == name_of(Col::kSeenChildren))
    return "Proportion of the children seen who live in the area.";
  if (column.denominator == name_of(Col::kKnownChildren))
    return "Proportion of the children known to health.";
  if (!column.denominator.empty() && column.denominator != name_of(Col::kUnder5Population))
    return "Proportion of " + column.denominator + ".";  // a language's demand
  return "Proportion of the under-5 population.";
}

// Text indicators drawn as categories, with their colours (GeoDa's for LISA clusters).
const std::vector<Category>* indicator_categories(const Indicator& indicator) {
  // In plain words first, the technical name second (the priority is where reach is low).
  static const std::vector<Category> kLisa = {
      {"low-low", Rgb::hex(0x2c7bb6), "low reach, neighbours low too (low-low)"},
      {"low-high", Rgb::hex(0xabd9e9), "low reach, neighbours high (low-high)"},
      {"high-low", Rgb::hex(0xfdae61), "high reach, neighbours low (high-low)"},
      {"high-high", Rgb::hex(0xd7191c), "high reach, neighbours high too (high-high)"},
      {"not significant", Rgb::hex(0xeeeeee), "no clear pattern (not significant)"}};
  static const std::vector<Category> kFunnel = {
      {"below 99.8%", Rgb::hex(0x2166ac), "reach far below the rest (below the 99.8% limit)"},
      {"below 95%", Rgb::hex(0x92c5de), "reach below the rest (below the 95% limit)"},
      {"within", Rgb::hex(0xf7f7f7), "within what chance allows"},
      {"above 95%", Rgb::hex(0xf4a582), "reach above the rest (above the 95% limit)"},
      {"above 99.8%", Rgb::hex(0xb2182b), "reach far above the rest (above the 99.8% limit)"}};
  if (indicator.is(Col::kLisaCluster)) return &kLisa;
  if (indicator.is(Col::kFunnelFlag)) return &kFunnel;
  return nullptr;
}

bool higher_is_better(const Indicator& indicator) {
  static const std::set<Col> kReach = {Col::kRegisteredReach,        Col::kRegisteredReachLow,
                                       Col::kRegisteredReachHigh,    Col::kSeenReach,
                                       Col::kSeenReachLow,           Col::kSeenReachHigh,
                                       Col::kSustainedReach,         Col::kSustainedReachLow,
                                       Col::kSustainedReachHigh,     Col::kSeenReachKnown,
                                       Col::kSeenReachKnownLow,      Col::kSeenReachKnownHigh,
                                       Col::kRegisteredReachKnown,   Col::kSeenReachEb,
                                       Col::kSeenReachEbLocal,       Col::kReachGapZ,
                                       Col::kSeenWithFatherShare,    Col::kSeenWithFatherShareLow,
                                       Col::kSeenWithFatherShareHigh};
  if (!indicator.id()) {  // a service type's reach, a language's provision share
    const std::string& n = indicator.name();
    for (const std::string suffix : {"_reach", "_provision_share"})
      if (n.size() > suffix.size() &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
        return true;
  }
  return indicator.id() && kReach.count(*indicator.id()) > 0;
}

// The range a hidden value lies in, from its count's band: [lo, hi] of the count, or of the
// count over the denominator for a proportion.
std::optional<std::pair<double, double>> band_range(const Table& t, const std::vector<Cell>& row,
                                                    const TableColumn& column) {
  const std::string count = column.kind == ColumnKind::kRate ? column.source : column.name;
  const int b = t.column(band_of(count));
  if (b < 0 || (column.kind == ColumnKind::kRate && column.formula != Formula::kProportion))
    return std::nullopt;
  const auto* text = std::get_if<std::string>(&row[std::size_t(b)]);
  const auto band = text ? parse_band(*text) : std::nullopt;
  if (!band) return std::nullopt;
  double lo = double(band->first), hi = double(band->second);
  if (column.kind == ColumnKind::kRate) {
    const int d = t.column(column.denominator);
    const auto den = d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt;
    if (!den || *den <= 0) return std::nullopt;
    lo /= *den, hi /= *den;
  }
  return std::pair{lo, hi};
}

// The first `n` areas of the outreach list: rank, name, children not seen, seen reach with its
// interval, all as published (a hidden count shows as its band).
static std::vector<RankedArea> outreach_list(const Table& t, std::size_t n) {
  const int c_rank = t.column(Col::kPriorityRank), c_name = t.column(Col::kAreaName);
  if (c_rank < 0 || c_name < 0) return {};
  const auto text = [&](const std::vector<Cell>& row, const std::string& column) {
    const int c = t.column(column);
    if (c < 0) return std::string();
    if (const auto* s = std::get_if<std::string>(&row[std::size_t(c)])) return *s;
    return std::string();
  };
  const auto number = [&](const std::vector<Cell>& row, const std::string& column) {
    const int c = t.column(column);
    return c < 0 ? std::nullopt : cell_number(row[std::size_t(c)]);
  };
  std::vector<RankedArea> out;
  for (const auto& [rank, r] : first_by_priority(t, n)) {
    std::string line = text(t.rows[r], name_of(Col::kAreaName));
    if (const auto unseen = number(t.rows[r], name_of(Col::kUnreachedChildren)))
      line += ": " + legend_number(*unseen, false, 0) + " not seen";
    else if (const auto band = text(t.rows[r], "unreached_children_band"); !band.empty())
      line += ": " + band + " not seen";
    if (const auto reach = number(t.rows[r], name_of(Col::kSeenReach))) {
      line += "; reach " + legend_number(*reach, true, 0);
      const auto lo = number(t.rows[r], name_of(Col::kSeenReachLow)),
                 hi = number(t.rows[r], name_of(Col::kSeenReachHigh));
      if (lo && hi)
        line += " (" + legend_number(*lo, true, 0) + " to " + legend_number(*hi, true, 0) + ")";
    } else {
      line += "; fewer than 5 seen";
    }
    out.push_back({int(rank), r, line});
  }
  return out;
}

void compose_map(MapData& map, const Table& table, const MapSpec& m, const MapWording& w) {
  const int col = table.column(m.indicator.name());
  const ColumnKind kind = table.columns[static_cast<std::size_t>(col)].kind;
  const int suppressed_col = table.column(Col::kSuppressed);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    map.areas[r].value = cell_number(table.rows[r][static_cast<std::size_t>(col)]);
    if (suppressed_col >= 0)
      if (const auto* b =
              std::get_if<bool>(&table.rows[r][static_cast<std::size_t>(suppressed_col)]))
        map.areas[r].suppressed = *b && !map.areas[r].value;
  }
  map.title = m.title.empty() ? describe_indicator(m.indicator) + ", " + w.period : m.title;
  if (const auto* cats = indicator_categories(m.indicator)) {
    map.kind = MapKind::kCategories;
    map.categories = *cats;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto* label = std::get_if<std::string>(&table.rows[r][static_cast<std::size_t>(col)]);
      for (std::size_t k = 0; label && k < cats->size(); ++k)
        if ((*cats)[k].label == *label) map.areas[r].category = static_cast<int>(k);
      map.areas[r].suppressed =
          suppressed_col >= 0 && map.areas[r].category < 0 &&
          std::get<bool>(table.rows[r][static_cast<std::size_t>(suppressed_col)]);
    }
    map.legend_title = describe_indicator(m.indicator);
    map.subtitle = m.layer + " (" + std::to_string(map.areas.size()) + " areas). " +
                   (m.indicator.is(Col::kLisaCluster)
                        ? w.lisa_method
                        : "Funnel limits at 95% and 99.8% around the overall seen reach.");
  } else if (!is_count_kind(kind)) {  // rates, statistics, scores: classes of colour
    map.kind = MapKind::kChoropleth;
    map.percent = is_share_column(m.indicator.name());
    std::vector<double> values;
    for (const auto& area : map.areas)
      if (area.value && *area.value != 0) values.push_back(*area.value);
    map.classes = m.classes == ClassMethod::kEqual   ? classify_equal(values, m.count)
                  : m.classes == ClassMethod::kJenks ? classify_jenks(values, m.count)
                  : m.classes == ClassMethod::kFixed ? classify_fixed(values, m.breaks)
                                                     : classify_quantile(values, m.count);
    if (map.classes.count() > 0) map.colours = brewer_palette(m.palette, map.classes.count());
    // Where higher is better (reach), the strongest colour marks the lowest values: the gap
    // is what the eye must find first.
    const bool low_first = higher_is_better(m.indicator);
    if (low_first) std::reverse(map.colours.begin(), map.colours.end());
    // A hidden value whose band falls in one class is drawn in it: only the class is shown.
    const TableColumn& column = table.columns[std::size_t(col)];
    if (column.kind == ColumnKind::kRate && column.formula == Formula::kProportion &&
        table.column(band_of(column.source)) >= 0 && table.column(column.denominator) >= 0) {
      map.band_field = band_of(column.source);
      map.band_denominator = column.denominator;
    }
    for (std::size_t r = 0; r < map.areas.size() && map.classes.count() > 0; ++r) {
      if (!map.areas[r].suppressed) continue;
      const auto range = band_range(table, table.rows[r], table.columns[std::size_t(col)]);
      if (range && range->first > 0 &&
          map.classes.class_of(range->first) == map.classes.class_of(range->second)) {
        // Beyond the end classes: the end class reaches out to hold it (the legend says so).
        auto& edges = map.classes.edges;
        edges.front() = std::min(edges.front(), range->first);
        edges.back() = std::max(edges.back(), range->second);
        map.areas[r].value = range->first;
        map.areas[r].suppressed = false;
      }
    }
    map.legend_title =
        describe_indicator(m.indicator) + (low_first ? " (darkest: lowest, outreach first)" : "");
    if (m.indicator.is(Col::kPriorityScore)) {
      map.ranked = outreach_list(table, w.numbered);
      map.ranked_title = "Outreach first (numbered on the map)";
    }
    map.subtitle = m.layer + " (" + std::to_string(map.areas.size()) + " areas), " +
                   class_method_name(m.classes) + " classes. " +
                   (m.indicator.is(Col::kPriorityScore)
                        ? "0 to 1 from: " + w.priority_brief + " (README). Darker = outreach first."
                    : map.percent ? proportion_of(table.columns[std::size_t(col)])
                                  : "");
  } else {
    map.kind = MapKind::kSymbols;
    map.legend_title = describe_indicator(m.indicator) + " (circle area)";
    map.subtitle = m.layer + " (" + std::to_string(map.areas.size()) +
                   " areas). Circle area is proportional to the number of children.";
  }
}

}  // namespace reachmap
