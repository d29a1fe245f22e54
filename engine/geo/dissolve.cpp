#include "engine/geo/dissolve.hpp"

#include "engine/core/error.hpp"
#include "engine/geo/detail/geos.hpp"

namespace reachmap {

std::string dissolve_wkb(const std::vector<const std::string*>& wkbs) {
  using namespace detail;
  if (wkbs.empty()) return {};
  if (wkbs.size() == 1) return *wkbs.front();
  const GeosContext ctx;
  std::vector<GEOSGeometry*> parts;
  for (const std::string* w : wkbs)
    if (!w->empty())
      if (GeomPtr g = from_wkb(ctx, *w)) parts.push_back(g.release());
  if (parts.empty()) return {};
  // The collection takes ownership of the parts.
  GeomPtr all = own(ctx, GEOSGeom_createCollection_r(ctx.get(), GEOS_GEOMETRYCOLLECTION,
                                                     parts.data(), unsigned(parts.size())));
  // Areas of one layer tile without overlapping (the run reports any pair that does): the
  // coverage union only merges shared edges, many times faster than a general union, which
  // is the fallback when it fails.
  GeomPtr merged = own(ctx, GEOSCoverageUnion_r(ctx.get(), all.get()));
  if (!merged) merged = own(ctx, GEOSUnaryUnion_r(ctx.get(), all.get()));
  if (!merged)
    throw Error(ErrorCode::kInternal,
                "could not merge the areas of a reach area: " + ctx.last_error());
  return to_wkb(ctx, merged.get());
}

}  // namespace reachmap
