#include "engine/geo/street_finder.hpp"

#include <algorithm>

namespace reachmap {

StreetFinder::StreetFinder(const Basemap* basemap) {
  if (!basemap) return;
  for (const auto& f : basemap->features)
    if (f.kind == BasemapKind::kRoad && !f.name.empty() &&
        f.geometry == BasemapFeature::Geometry::kLines)
      for (const Ring& part : f.parts)
        for (std::size_t i = 0; i + 1 < part.size(); ++i)
          segments_.push_back({part[i], part[i + 1], &f.name});
}

// A linear scan over the road segments.
std::string StreetFinder::near(double x, double y, double reach) const {
  double best = reach * reach;
  const std::string* name = nullptr;
  for (const auto& s : segments_) {
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    const double len2 = dx * dx + dy * dy;
    const double t =
        len2 > 0 ? std::clamp(((x - s.a.x) * dx + (y - s.a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    const double px = s.a.x + t * dx - x, py = s.a.y + t * dy - y;
    if (px * px + py * py < best) best = px * px + py * py, name = s.name;
  }
  return name ? *name : "";
}

}  // namespace reachmap
