// What a map of one indicator shows: from a column of a layer's table (as its audience may see
// it) to areas drawn as categories, classes of colour or circles, with the title, legend title
// and subtitle that say what they are. The pipeline supplies the table and the base map
// (geometry, centres, notes); everything about how an indicator looks lives here.
#pragma once

#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/io/config.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap {

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
void compose_map(MapData& map, const Table& table, const MapSection& request,
                 const MapWording& wording);

// "Share of children under 5 seen at least once" for seen_reach; the name itself otherwise.
std::string describe_indicator(const std::string& indicator);

// Reach and reach against what is expected: higher is better for children, so maps give the
// strongest colour to the lowest values.
bool higher_is_better(const std::string& indicator);

// The categories of a text indicator drawn as categories (LISA clusters, funnel flags), or null.
const std::vector<Category>* indicator_categories(const std::string& indicator);

// The range a hidden value lies in, from its count's band in the table: of the count, or of the
// count over the denominator for a proportion.
std::optional<std::pair<double, double>> band_range(const Table& table,
                                                    const std::vector<Cell>& row,
                                                    const TableColumn& column);

}  // namespace reachmap
