// What a map of one indicator shows: from a column of a layer's table (as its audience may see
// it) to areas drawn as categories, classes of colour or circles, with the title, legend title
// and subtitle that say what they are. The pipeline supplies the table and the base map
// (geometry, centres, notes); everything about how an indicator looks lives here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/map_format.hpp"
#include "engine/core/table.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap {

enum class ClassMethod { kQuantile, kEqual, kJenks, kFixed };
const char* class_method_name(ClassMethod m);

// What a map shows: a column of its layer's table. A declared column (engine/core/columns.hpp)
// is known by its id, and maps decide by the id, never by the name; a column made per target
// group (`seen_<group>`) has a name only.
class Indicator {
 public:
  Indicator() = default;
  Indicator(Col id) : id_(id), name_(name_of(id)) {}  // NOLINT: a column is an indicator
  explicit Indicator(std::string name) : id_(column_named(name)), name_(std::move(name)) {}
  const std::string& name() const { return name_; }
  bool is(Col id) const { return id_ == id; }
  std::optional<Col> id() const { return id_; }

 private:
  std::optional<Col> id_;
  std::string name_;
};

// One [[maps]] section: which indicator of which layer, classified how, drawn how.
struct MapSpec {
  std::string layer;
  Indicator indicator;
  ClassMethod classes = ClassMethod::kQuantile;
  std::vector<double> breaks;  // fixed breaks, when `classes` is a list of numbers
  int count = 5;
  std::string palette = "YlGnBu";
  std::string title;
  std::vector<MapFormat> formats{MapFormat::kPng, MapFormat::kSvg, MapFormat::kPdf};
  std::size_t line = 0;  // where the section starts, for errors found later
};

// Words that come from the run rather than the indicator.
// How many of the first areas of the outreach list the priority map numbers and lists, and
// the outreach pack has a page for, unless [map_style] numbered_areas says otherwise.
inline constexpr std::size_t kNumberedAreas = 10;

struct MapWording {
  std::string period;          // "2025-04-01 to 2026-03-31"
  std::string lisa_method;     // "Local Moran's I of seen_reach_eb, 999 ... permutations, ..."
  std::string priority_brief;  // the priority formula in a few words
  std::size_t numbered = kNumberedAreas;
};

// Fills `map` (whose areas match the table's rows) for `request.indicator` of `table`.
void compose_map(MapData& map, const Table& table, const MapSpec& request,
                 const MapWording& wording);

// "Share of children under 5 seen at least once" for seen_reach; the name itself otherwise.
std::string describe_indicator(const Indicator& indicator);

// Reach and reach against what is expected: higher is better for children, so maps give the
// strongest colour to the lowest values.
bool higher_is_better(const Indicator& indicator);

// The categories of a text indicator drawn as categories (LISA clusters, funnel flags), or null.
const std::vector<Category>* indicator_categories(const Indicator& indicator);

// The range a hidden value lies in, from its count's band in the table: of the count, or of the
// count over the denominator for a proportion.
std::optional<std::pair<double, double>> band_range(const Table& table,
                                                    const std::vector<Cell>& row,
                                                    const TableColumn& column);

}  // namespace reachmap
