#include "engine/geo/basemap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "engine/core/error.hpp"
#include "engine/core/text.hpp"
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

// The parts of `g` as drawn: points, lines or polygon rings (collections are walked); parts a
// simplification left without a segment are dropped.
void collect(const GeosContext& ctx, const GEOSGeometry* g, BasemapFeature& f) {
  const auto h = ctx.get();
  const auto add = [&](Ring part, std::size_t at_least) {
    if (part.size() >= at_least) f.parts.push_back(std::move(part));
  };
  switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POINT:
      f.geometry = BasemapFeature::Geometry::kPoints;
      add(coordinates(ctx, g), 1);
      break;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
      add(coordinates(ctx, g), 2);
      break;
    case GEOS_POLYGON:
      f.geometry = BasemapFeature::Geometry::kPolygons;
      add(coordinates(ctx, GEOSGetExteriorRing_r(h, g)), 3);
      for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); ++i)
        add(coordinates(ctx, GEOSGetInteriorRingN_r(h, g, i)), 3);
      break;
    default:
      for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i)
        collect(ctx, GEOSGetGeometryN_r(h, g, i), f);
  }
}

GeometryFamily family_of(int geos_type) {
  switch (geos_type) {
    case GEOS_POINT:
    case GEOS_MULTIPOINT:
      return GeometryFamily::kPoints;
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
    case GEOS_MULTILINESTRING:
      return GeometryFamily::kLines;
    case GEOS_POLYGON:
    case GEOS_MULTIPOLYGON:
      return GeometryFamily::kPolygons;
    default:
      return GeometryFamily::kAny;
  }
}

// What each kind draws: roads are stroked lines (their names run along them); water and green
// space are filled polygons or stroked lines; places are names at points (or in polygons).
bool draws(BasemapKind kind, GeometryFamily f) {
  switch (kind) {
    case BasemapKind::kRoad:
      return f == GeometryFamily::kLines;
    case BasemapKind::kWater:
    case BasemapKind::kGreen:
      return f == GeometryFamily::kLines || f == GeometryFamily::kPolygons;
    case BasemapKind::kPlace:
      return f == GeometryFamily::kPoints || f == GeometryFamily::kPolygons;
  }
  return true;
}

// A layer of geometries its kind cannot draw: polygons as roads would put neighbourhood names
// along the streets, points as roads or green space would draw nothing.
[[noreturn]] void wrong_geometry(const BasemapSource& s, const std::string& layer,
                                 const std::string& type) {
  static const char* kind_name[] = {"road", "water", "green", "place"};
  static const char* kind_draws[] = {"lines", "lines or polygons", "polygons or lines",
                                     "points or polygons"};
  const auto k = static_cast<std::size_t>(s.kind);
  throw Error(ErrorCode::kBadInput,
              "layer '" + console_text(layer) + "' holds " + type + " geometries, but kind = \"" +
                  kind_name[k] + "\" draws " + kind_draws[k],
              {s.display},
              "in the [[basemap]] section at line " + std::to_string(s.line) +
                  " of the config, give the layer of " + kind_draws[k] + " (ogrinfo -so " +
                  s.display +
                  " lists the layers and their geometry types), or set kind to match the layer: "
                  "\"green\" or \"water\" for polygons and lines, \"road\" for lines, "
                  "\"place\" for points");
}

// Drawn length of a feature (every part, rings included), by which the cap keeps features;
// points (place names, few) come first.
double drawn_length(const BasemapFeature& f) {
  if (f.geometry == BasemapFeature::Geometry::kPoints)
    return std::numeric_limits<double>::infinity();
  double length = 0;
  for (const Ring& part : f.parts)
    for (std::size_t i = 1; i < part.size(); ++i)
      length += std::hypot(part[i].x - part[i - 1].x, part[i].y - part[i - 1].y);
  return length;
}

// The features kept so far, with what the cap needs to choose among them.
struct Kept {
  std::vector<BasemapFeature> features;
  std::vector<double> length;         // drawn length, by feature
  std::vector<std::size_t> section;   // section index, by feature
  std::vector<std::size_t> left_out;  // by section
  std::size_t vertices = 0;

  static std::size_t vertices_of(const BasemapFeature& f) {
    std::size_t n = 0;
    for (const Ring& part : f.parts) n += part.size();
    return n;
  }
  void add(BasemapFeature f, std::size_t s) {
    vertices += vertices_of(f);
    length.push_back(drawn_length(f));
    section.push_back(s);
    features.push_back(std::move(f));
  }
  // Keeps the longest features while their vertices fit in `budget`: the first (by length,
  // then load order) that does not fit is left out with every shorter one. Cutting a part of
  // the features first and the rest later leaves out the same ones as cutting once, so this
  // may run whenever the kept features grow large.
  void cap(std::size_t budget) {
    if (vertices <= budget) return;
    std::vector<std::size_t> order(features.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return length[a] > length[b]; });
    std::vector<bool> keep(features.size(), false);
    std::size_t sum = 0;
    for (std::size_t i : order) {
      sum += vertices_of(features[i]);
      if (sum > budget) break;
      keep[i] = true;
    }
    std::size_t to = 0;
    vertices = 0;
    for (std::size_t i = 0; i < features.size(); ++i) {
      if (!keep[i]) {
        ++left_out[section[i]];
        continue;
      }
      vertices += vertices_of(features[i]);
      features[to] = std::move(features[i]);
      length[to] = length[i];
      section[to] = section[i];
      ++to;
    }
    features.resize(to);
    length.resize(to);
    section.resize(to);
  }
};

}  // namespace

Basemap load_basemap(const std::vector<BasemapSource>& sections, const std::string& crs,
                     const Envelope& extent) {
  Basemap out;
  if (sections.empty() || extent.empty()) return out;
  const double side = std::max(extent.maxx - extent.minx, extent.maxy - extent.miny);
  const double grow = 0.05 * side;
  const double tolerance = side * kBasemapSimplifyFraction;
  const double x0 = extent.minx - grow, y0 = extent.miny - grow, x1 = extent.maxx + grow,
               y1 = extent.maxy + grow;
  GeosContext ctx;
  const auto h = ctx.get();
  Kept kept;
  kept.left_out.assign(sections.size(), 0);
  std::vector<std::string> layer_names(sections.size());
  std::vector<std::size_t> too_small(sections.size(), 0);
  for (std::size_t si = 0; si < sections.size(); ++si) {
    const BasemapSource& s = sections[si];
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
    // A mixed layer is checked by its features: wrong when none of them can be drawn.
    std::size_t drawable = 0, not_drawable = 0;
    std::string other_type;
    std::optional<Transformer> to_analysis;
    const auto take = [&](const VectorLayerData& layer, VectorFeature&& vf) {
      if (!to_analysis) {  // the first feature: the layer is known
        if (layer.family != GeometryFamily::kAny && !draws(s.kind, layer.family))
          wrong_geometry(s, layer.layer_name, layer.geometry_type);
        to_analysis.emplace(layer.crs_wkt, crs, s.display);
      }
      if (vf.wkb.empty()) return;
      GeomPtr g = from_wkb(ctx, vf.wkb);
      vf.wkb = std::string();  // a national file's geometries are not held twice
      if (!g) return;
      const GeometryFamily family = family_of(GEOSGeomTypeId_r(h, g.get()));
      if (family != GeometryFamily::kAny) {
        if (draws(s.kind, family)) {
          ++drawable;
        } else if (++not_drawable == 1) {
          char* type = GEOSGeomType_r(h, g.get());
          other_type = type ? type : "?";
          GEOSFree_r(h, type);
        }
      }
      g = transformed(ctx, std::move(g), *to_analysis);
      if (!g) return;  // context only: a feature PROJ cannot place is left out
      g = own(ctx, GEOSClipByRect_r(h, g.get(), x0, y0, x1, y1));
      if (!g || GEOSisEmpty_r(h, g.get())) return;
      if (family != GeometryFamily::kPoints) {
        g = own(ctx, GEOSSimplify_r(h, g.get(), tolerance));
        if (!g) return;
      }
      BasemapFeature f;
      f.kind = s.kind;
      f.name = std::move(vf.label);
      collect(ctx, g.get(), f);
      if (f.parts.empty() || drawn_length(f) < tolerance) {  // nothing to see at this scale
        ++too_small[si];
        return;
      }
      kept.add(std::move(f), si);
      // Cut now and then rather than holding a national file: the same features go either way.
      if (kept.vertices > 2 * kBasemapMaxVertices) kept.cap(kBasemapMaxVertices);
    };
    const VectorLayerData data =
        read_vector_layer(s.path, s.display, s.layer, "", s.name, s.where, box_in, take);
    if (data.family != GeometryFamily::kAny && !draws(s.kind, data.family))
      wrong_geometry(s, data.layer_name, data.geometry_type);  // a layer with no feature here
    if (not_drawable > 0 && drawable == 0) wrong_geometry(s, data.layer_name, other_type);
    layer_names[si] = data.layer_name;
  }
  kept.cap(kBasemapMaxVertices);
  std::vector<std::size_t> count(sections.size(), 0);
  for (std::size_t si : kept.section) ++count[si];
  for (std::size_t si = 0; si < sections.size(); ++si) {
    const BasemapSource& s = sections[si];
    std::string line = s.display + " (layer '" + console_text(layer_names[si]) +
                       "'): " + std::to_string(count[si]) + " features in the maps' extent";
    if (too_small[si])
      line += " (" + std::to_string(too_small[si]) + " more too small to see at the maps' scale)";
    out.sources.push_back(std::move(line));
    if (kept.left_out[si])
      out.warnings.push_back(
          s.display + ": " + std::to_string(kept.left_out[si]) + " of " +
          std::to_string(kept.left_out[si] + count[si]) +
          " features left out (the shortest lines and smallest polygons): the basemap keeps at "
          "most " +
          std::to_string(kBasemapMaxVertices) +
          " vertices after simplifying to the maps' scale, so that maps stay small and quick "
          "to draw; narrow it with where = \"...\" (e.g. the road classes that matter) or a "
          "smaller source");
  }
  out.features = std::move(kept.features);
  return out;
}

}  // namespace reachmap
