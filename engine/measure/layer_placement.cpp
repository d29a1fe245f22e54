#include "engine/measure/layer_placement.hpp"

#include <algorithm>

#include "engine/geo/placement.hpp"

namespace reachmap {

LayerPlacement place_homes(const BoundaryLayer& layer, const LayerSource& section,
                           const PostcodeDirectory& directory,
                           const std::vector<const DirectoryEntry*>& homes, int threads,
                           const ProgressFn& progress) {
  std::vector<Point> points;
  points.reserve(homes.size());
  for (const DirectoryEntry* h : homes) points.push_back({h->x, h->y});
  LayerPlacement out;
  out.area = place_points(layer, points, threads, progress);
  const bool by_code = !section.directory_code.empty();
  if (!by_code) {
    out.method = {PlacementMethod::Kind::kPointInPolygon, {}};
  } else {
    const auto& cols = directory.code_columns;
    const auto column = static_cast<std::size_t>(
        std::find(cols.begin(), cols.end(), section.directory_code) - cols.begin());
    out.method = {PlacementMethod::Kind::kDirectoryCode, section.directory_code};
    out.agreement = CodeAgreement{};
    // Each distinct code looked up once, not each child's.
    std::vector<long> area_of_code(directory.code_names.size());
    for (std::size_t i = 0; i < area_of_code.size(); ++i)
      area_of_code[i] = layer.find(directory.code_names[i]);
    for (std::size_t k = 0; k < homes.size(); ++k) {
      const long coded = area_of_code[directory.code_id(*homes[k], column)];
      if (coded >= 0 && out.area[k] >= 0) {
        ++out.agreement->compared;
        out.agreement->agree += coded == out.area[k];
      }
      out.area[k] = coded;
    }
  }
  out.outside = static_cast<std::size_t>(std::count(out.area.begin(), out.area.end(), -1L));
  return out;
}

std::vector<const DirectoryEntry*> residential_postcodes(const PostcodeDirectory& directory) {
  std::vector<std::pair<std::string_view, const DirectoryEntry*>> sorted;
  for (const auto& [code, e] : directory.entries)
    if (e.has_location && !e.terminated && !e.large_user) sorted.emplace_back(code, &e);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const DirectoryEntry*> out;
  out.reserve(sorted.size());
  for (const auto& [code, e] : sorted) out.push_back(e);
  return out;
}

}  // namespace reachmap
