#include "engine/pipeline/early_geometry.hpp"

#include "engine/geo/dissolve.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/stats/weights.hpp"

namespace reachmap {

bool uses_contiguity(const AnalysisOptions& options) {
  return options.weights == WeightsKind::kQueen || options.weights == WeightsKind::kRook;
}

std::optional<double> contiguity_snap(const AnalysisOptions& options) {
  return uses_contiguity(options) ? std::optional<double>(options.snap) : std::nullopt;
}

Neighbours layer_contiguity(const BoundaryLayer& layer, const AnalysisOptions& options) {
  const bool queen = options.weights == WeightsKind::kQueen;
  if (layer.shared_points && layer.shared_points->snap == options.snap &&
      layer.shared_points->size() == layer.areas.size())
    return contiguity(*layer.shared_points, queen);
  // One thread: this runs beside the run's own work.
  return contiguity(layer_shared_points(layer, options.snap, 1), queen);
}

std::vector<std::string> reach_area_shapes(const std::vector<std::vector<std::size_t>>& members,
                                           const BoundaryLayer& layer) {
  std::vector<const std::string*> parts;
  for (const Area& a : layer.areas) parts.push_back(&a.wkb);
  const double scale = coordinate_scale(parts);  // one hair for every reach area
  std::vector<std::string> out;
  for (const auto& areas : members) {
    parts.clear();
    for (std::size_t i : areas) parts.push_back(&layer.areas[i].wkb);
    out.push_back(dissolve_wkb(parts, scale));
  }
  return out;
}

}  // namespace reachmap
