#include "engine/pipeline/early_geometry.hpp"

#include "engine/geo/dissolve.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/stats/weights.hpp"

namespace reachmap {

bool uses_contiguity(const AnalysisOptions& options) {
  return options.weights == WeightsKind::kQueen || options.weights == WeightsKind::kRook;
}

Neighbours layer_contiguity(const BoundaryLayer& layer, const AnalysisOptions& options) {
  std::vector<std::size_t> rows;
  std::vector<std::vector<Ring>> polygons;
  for (std::size_t r = 0; r < layer.areas.size(); ++r)
    if (!layer.areas[r].wkb.empty()) {
      rows.push_back(r);
      polygons.push_back(wkb_rings(layer.areas[r].wkb));
    }
  // One thread: this runs beside the run's own work.
  const Neighbours nb =
      contiguity(polygons, options.weights == WeightsKind::kQueen, options.snap, 1);
  Neighbours by_row(layer.areas.size());
  for (std::size_t i = 0; i < nb.size(); ++i)
    for (std::size_t j : nb[i]) by_row[rows[i]].push_back(rows[j]);  // rows ascend: still sorted
  return by_row;
}

std::vector<std::string> snapped_areas(const BoundaryLayer& layer) {
  std::vector<const std::string*> all;
  for (const auto& area : layer.areas) all.push_back(&area.wkb);
  return with_shared_vertices(all);
}

std::vector<std::string> reach_area_shapes(const std::vector<std::vector<std::size_t>>& members,
                                           const std::vector<std::string>& snapped) {
  std::vector<std::string> out;
  std::vector<const std::string*> parts;
  for (const auto& areas : members) {
    parts.clear();
    for (std::size_t i : areas) parts.push_back(&snapped[i]);
    out.push_back(dissolve_wkb(parts));
  }
  return out;
}

}  // namespace reachmap
