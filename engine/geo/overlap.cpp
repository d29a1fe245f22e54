#include "engine/geo/overlap.hpp"

#include "engine/geo/detail/geos.hpp"
#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

using namespace detail;

namespace {
Envelope envelope_of(const std::string& wkb) {
  return envelope_of(wkb_rings(wkb));
}
bool intersects(const Envelope& a, const Envelope& b) {
  return !(a.empty() || b.empty() || a.maxx < b.minx || b.maxx < a.minx || a.maxy < b.miny ||
           b.maxy < a.miny);
}
}  // namespace

std::vector<std::pair<std::size_t, double>> overlap_shares(const std::string& source_wkb,
                                                           const BoundaryLayer& target) {
  std::vector<std::pair<std::size_t, double>> out;
  if (source_wkb.empty()) return out;
  GeosContext ctx;
  const auto h = ctx.get();
  GeomPtr source = from_wkb(ctx, source_wkb);
  double total = 0;
  if (!source || !GEOSArea_r(h, source.get(), &total) || total <= 0) return out;
  const Envelope env = envelope_of(source_wkb);
  for (std::size_t t = 0; t < target.areas.size(); ++t) {
    const std::string& wkb = target.areas[t].wkb;
    if (wkb.empty() || !intersects(env, envelope_of(wkb))) continue;
    GeomPtr other = from_wkb(ctx, wkb);
    GeomPtr common = own(ctx, GEOSIntersection_r(h, source.get(), other.get()));
    double area = 0;
    if (common && GEOSArea_r(h, common.get(), &area) && area > 0) out.emplace_back(t, area / total);
  }
  return out;
}

}  // namespace reachmap
