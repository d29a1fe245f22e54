#include "engine/geo/area_locator.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/geo/detail/geos.hpp"

namespace reachmap {

using namespace detail;

struct AreaLocator::Impl {
  GeosContext ctx;
  std::vector<GeomPtr> geoms;         // by area index; null when the area has no geometry
  std::vector<PreparedPtr> prepared;  // by area index
  TreePtr tree;
  mutable std::vector<std::size_t> candidates;
};

namespace {
void collect(void* item, void* userdata) {
  static_cast<std::vector<std::size_t>*>(userdata)->push_back(
      static_cast<std::size_t>(reinterpret_cast<std::uintptr_t>(item)));
}
}  // namespace

AreaLocator::AreaLocator(const BoundaryLayer& layer) : impl_(std::make_unique<Impl>()) {
  auto& m = *impl_;
  const auto h = m.ctx.get();
  m.tree = TreePtr(GEOSSTRtree_create_r(h, 10), {h});
  m.geoms.resize(layer.areas.size());
  m.prepared.resize(layer.areas.size());
  for (std::size_t i = 0; i < layer.areas.size(); ++i) {
    if (layer.areas[i].wkb.empty()) continue;
    m.geoms[i] = from_wkb(m.ctx, layer.areas[i].wkb);
    if (!m.geoms[i]) continue;
    m.prepared[i] = PreparedPtr(GEOSPrepare_r(h, m.geoms[i].get()), {h});
    // The tree stores the area index as its item; the geometry gives the envelope.
    GEOSSTRtree_insert_r(h, m.tree.get(), m.geoms[i].get(),
                         reinterpret_cast<void*>(static_cast<std::uintptr_t>(i)));
  }
}

AreaLocator::~AreaLocator() = default;

long AreaLocator::locate(double x, double y) const {
  auto& m = *impl_;
  const auto h = m.ctx.get();
  GeomPtr point = own(m.ctx, GEOSGeom_createPointFromXY_r(h, x, y));
  m.candidates.clear();
  GEOSSTRtree_query_r(h, m.tree.get(), point.get(), collect, &m.candidates);
  // Areas are sorted by id, so the smallest matching index is the id that sorts first.
  std::sort(m.candidates.begin(), m.candidates.end());
  for (std::size_t i : m.candidates)
    if (GEOSPreparedIntersects_r(h, m.prepared[i].get(), point.get()) == 1)
      return static_cast<long>(i);
  return -1;
}

}  // namespace reachmap

namespace reachmap {
std::string geos_version() {
  return GEOSversion();
}
}  // namespace reachmap
