// A GEOS geometry through a PROJ transformation, every vertex.
#pragma once

#include "engine/geo/crs.hpp"
#include "engine/geo/detail/geos.hpp"

namespace reachmap::detail {

// The geometry in the transformer's target CRS, or null when PROJ cannot transform a vertex.
inline GeomPtr transformed(const GeosContext& ctx, GeomPtr g, const Transformer& transformer) {
  if (!g || transformer.is_identity()) return g;
  struct State {
    const Transformer* transformer;
    bool failed = false;
  } state{&transformer};
  const auto each = [](double* x, double* y, void* data) -> int {
    auto* s = static_cast<State*>(data);
    if (!s->transformer->transform(*x, *y)) s->failed = true;
    return 1;
  };
  GeomPtr out = own(ctx, GEOSGeom_transformXY_r(ctx.get(), g.get(), each, &state));
  return state.failed ? GeomPtr(nullptr, {ctx.get()}) : std::move(out);
}

}  // namespace reachmap::detail
