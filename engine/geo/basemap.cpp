#include "engine/geo/basemap.hpp"

#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/detail/geos.hpp"
#include "engine/geo/detail/transform_geometry.hpp"
#include "engine/io/vector_reader.hpp"

namespace reachmap {

using namespace detail;

namespace {

Ring coordinates(const GeosContext& ctx, const GEOSGeometry* g) {
  Ring out;
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.get(), g);
  unsigned n = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(ctx.get(), seq, &n)) return out;
  out.resize(n);
  for (unsigned i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(ctx.get(), seq, i, &out[i].x, &out[i].y);
  return out;
}

// The parts of `g` as drawn: points, lines or polygon rings (collections are walked).
void collect(const GeosContext& ctx, const GEOSGeometry* g, BasemapFeature& f) {
  const auto h = ctx.get();
  switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POINT:
      f.geometry = BasemapFeature::Geometry::kPoints;
      f.parts.push_back(coordinates(ctx, g));
      break;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
      f.parts.push_back(coordinates(ctx, g));
      break;
    case GEOS_POLYGON:
      f.geometry = BasemapFeature::Geometry::kPolygons;
      f.parts.push_back(coordinates(ctx, GEOSGetExteriorRing_r(h, g)));
      for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); ++i)
        f.parts.push_back(coordinates(ctx, GEOSGetInteriorRingN_r(h, g, i)));
      break;
    default:
      for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i)
        collect(ctx, GEOSGetGeometryN_r(h, g, i), f);
  }
}

}  // namespace

Basemap load_basemap(const std::vector<BasemapSection>& sections, const std::string& crs,
                     const Envelope& extent) {
  Basemap out;
  if (sections.empty() || extent.empty()) return out;
  const double grow = 0.05 * std::max(extent.maxx - extent.minx, extent.maxy - extent.miny);
  const double x0 = extent.minx - grow, y0 = extent.miny - grow, x1 = extent.maxx + grow,
               y1 = extent.maxy + grow;
  GeosContext ctx;
  for (const BasemapSection& s : sections) {
    // The box in the source's CRS: the analysis box's edges transformed, every tenth of a side.
    const auto box_in = [&](const std::string& wkt) {
      Transformer back(crs, wkt, s.display);
      Envelope e;
      for (int i = 0; i <= 10; ++i)
        for (const auto& [px, py] :
             {std::pair{x0 + (x1 - x0) * i / 10, y0}, std::pair{x0 + (x1 - x0) * i / 10, y1},
              std::pair{x0, y0 + (y1 - y0) * i / 10}, std::pair{x1, y0 + (y1 - y0) * i / 10}}) {
          double x = px, y = py;
          if (back.transform(x, y)) e.add(x, y);
        }
      return std::array<double, 4>{e.minx, e.miny, e.maxx, e.maxy};
    };
    VectorLayerData data =
        read_vector_layer(s.path, s.display, s.layer, "", s.name, s.where, box_in);
    Transformer to_analysis(data.crs_wkt, crs, s.display);
    std::size_t kept = 0;
    for (const VectorFeature& vf : data.features) {
      if (vf.wkb.empty()) continue;
      GeomPtr g = from_wkb(ctx, vf.wkb);
      if (!g) continue;
      g = transformed(ctx, std::move(g), to_analysis);
      if (!g) continue;  // context only: a feature PROJ cannot place is left out
      g = own(ctx, GEOSClipByRect_r(ctx.get(), g.get(), x0, y0, x1, y1));
      if (!g || GEOSisEmpty_r(ctx.get(), g.get())) continue;
      BasemapFeature f;
      f.kind = s.kind;
      f.name = vf.label;
      collect(ctx, g.get(), f);
      if (f.parts.empty()) continue;
      out.features.push_back(std::move(f));
      ++kept;
    }
    out.sources.push_back(s.display + " (layer '" + data.layer_name +
                          "'): " + std::to_string(kept) + " features in the maps' extent");
  }
  return out;
}

}  // namespace reachmap
