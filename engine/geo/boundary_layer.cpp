#include "engine/geo/boundary_layer.hpp"

#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/core/text.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/detail/geos.hpp"
#include "engine/geo/detail/transform_geometry.hpp"
#include "engine/io/vector_reader.hpp"

namespace reachmap {

using namespace detail;

namespace {

bool is_polygonal(int type) {
  return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

// Keeps the polygonal parts of what GEOSMakeValid returns (it may add stray lines or points).
GeomPtr polygonal_part(const GeosContext& ctx, GeomPtr g) {
  const int type = GEOSGeomTypeId_r(ctx.get(), g.get());
  if (is_polygonal(type)) return g;
  if (type != GEOS_GEOMETRYCOLLECTION) return nullptr;
  std::vector<GEOSGeometry*> parts;
  for (int i = 0; i < GEOSGetNumGeometries_r(ctx.get(), g.get()); ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.get(), g.get(), i);
    const int pt = GEOSGeomTypeId_r(ctx.get(), part);
    if (pt == GEOS_POLYGON) {
      parts.push_back(GEOSGeom_clone_r(ctx.get(), part));
    } else if (pt == GEOS_MULTIPOLYGON) {
      for (int j = 0; j < GEOSGetNumGeometries_r(ctx.get(), part); ++j)
        parts.push_back(GEOSGeom_clone_r(ctx.get(), GEOSGetGeometryN_r(ctx.get(), part, j)));
    }
  }
  if (parts.empty()) return nullptr;
  return own(ctx, GEOSGeom_createCollection_r(ctx.get(), GEOS_MULTIPOLYGON, parts.data(),
                                              static_cast<unsigned>(parts.size())));
}

// Pairs of areas where the interior point of one lies in the other. Exact for what it tests
// (an interior point on another area's boundary still means the interiors meet), cheap (one
// point per area against the few areas whose envelopes hold it); it finds duplicated and
// nested areas and overlaps that cover an area's middle, not thin slivers.
// `geoms[i]` is the polygon of areas[i] (or null), in `ctx`.
std::vector<std::pair<std::size_t, std::size_t>> find_overlaps(const GeosContext& ctx,
                                                               const std::vector<Area>& areas,
                                                               const std::vector<GeomPtr>& geoms) {
  TreePtr tree(GEOSSTRtree_create_r(ctx.get(), 10), {ctx.get()});
  std::vector<std::size_t> ids(areas.size());
  for (std::size_t i = 0; i < areas.size(); ++i) {
    ids[i] = i;
    if (geoms[i]) GEOSSTRtree_insert_r(ctx.get(), tree.get(), geoms[i].get(), &ids[i]);
  }
  std::vector<std::pair<std::size_t, std::size_t>> out;
  struct Query {
    const GeosContext* ctx;
    const std::vector<GeomPtr>* geoms;
    const GEOSGeometry* point;
    std::size_t self;
    std::vector<std::pair<std::size_t, std::size_t>>* out;
  };
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if (!geoms[i]) continue;
    GeomPtr point =
        own(ctx, GEOSGeom_createPointFromXY_r(ctx.get(), areas[i].anchor_x, areas[i].anchor_y));
    Query q{&ctx, &geoms, point.get(), i, &out};
    GEOSSTRtree_query_r(
        ctx.get(), tree.get(), point.get(),
        [](void* item, void* data) {
          auto* q = static_cast<Query*>(data);
          const std::size_t j = *static_cast<std::size_t*>(item);
          if (j == q->self) return;
          if (GEOSIntersects_r(q->ctx->get(), (*q->geoms)[j].get(), q->point) == 1)
            q->out->push_back({std::min(j, q->self), std::max(j, q->self)});
        },
        &q);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

// Long by design: read, transform, repair and index one layer, each step's failure named.
BoundaryLayer load_boundary_layer(const LayerSource& section, const std::string& analysis_crs) {
  VectorLayerData data = read_vector_layer(section.path, section.display, section.layer, section.id,
                                           section.label, section.where);
  BoundaryLayer out;
  out.name = section.name;
  out.display = section.display;
  Transformer transformer(data.crs_wkt, analysis_crs, section.display);
  GeosContext ctx;
  std::vector<GeomPtr> polygons;  // by feature, kept for the overlap check
  std::unordered_map<std::string, long long> fid_of;
  std::size_t not_polygonal = 0;  // features whose geometry is a point or a line
  std::string other_type;
  for (auto& f : data.features) {
    if (f.id.empty())
      throw Error(
          ErrorCode::kBadInput,
          "feature " + std::to_string(f.fid) + " has an empty id field '" + section.id + "'",
          {section.display}, "every area needs a code; fix or remove that feature");
    if (auto [it, fresh] = fid_of.emplace(f.id, f.fid); !fresh)
      throw Error(
          ErrorCode::kBadInput,
          "id '" + console_text(f.id) + "' is used by features " + std::to_string(it->second) +
              " and " + std::to_string(f.fid),
          {section.display},
          "each area must appear once; dissolve the parts into one multipolygon "
          "(e.g. ogr2ogr -dialect sqlite -sql \"SELECT ST_Union(geom), id ... GROUP BY id\")");
    Area area{f.id, f.label.empty() ? f.id : f.label, {}, 0, 0};
    if (!f.wkb.empty()) {
      GeomPtr g = from_wkb(ctx, f.wkb);
      if (!g)
        throw Error(ErrorCode::kBadInput,
                    "feature '" + console_text(f.id) + "' has unreadable geometry",
                    {section.display}, ctx.last_error());
      if (!is_polygonal(GEOSGeomTypeId_r(ctx.get(), g.get())) &&
          GEOSisEmpty_r(ctx.get(), g.get()) == 0) {
        ++not_polygonal;
        if (other_type.empty()) {
          char* type = GEOSGeomType_r(ctx.get(), g.get());
          other_type = type ? type : "?";
          GEOSFree_r(ctx.get(), type);
        }
      }
      if (is_polygonal(GEOSGeomTypeId_r(ctx.get(), g.get()))) {
        g = transformed(ctx, std::move(g), transformer);
        if (!g)
          throw Error(
              ErrorCode::kBadInput,
              "feature '" + console_text(f.id) + "' cannot be transformed to " + analysis_crs,
              {section.display}, "check the layer's CRS is declared correctly");
        if (GEOSisValid_r(ctx.get(), g.get()) != 1) {
          g = polygonal_part(ctx, own(ctx, GEOSMakeValid_r(ctx.get(), g.get())));
          ++out.repaired;
        }
        if (g && GEOSisEmpty_r(ctx.get(), g.get()) == 0) {
          area.wkb = to_wkb(ctx, g.get());
          GeomPtr anchor = own(ctx, GEOSPointOnSurface_r(ctx.get(), g.get()));
          if (anchor) {
            GEOSGeomGetX_r(ctx.get(), anchor.get(), &area.anchor_x);
            GEOSGeomGetY_r(ctx.get(), anchor.get(), &area.anchor_y);
          }
          polygons.resize(out.areas.size() + 1);
          polygons.back() = std::move(g);
        }
      }
    }
    if (area.wkb.empty()) ++out.no_geometry;
    out.areas.push_back(std::move(area));
  }
  out.transformation =
      transformer.is_identity() ? "none (already in the analysis CRS)" : transformer.description();
  if (out.areas.empty() && !section.where.empty())
    throw Error(ErrorCode::kNothingUsable,
                "no feature matches the filter where = \"" + section.where + "\"",
                {section.display},
                "check the field name and the value; text goes in single quotes, e.g. "
                "lad22cd = 'E08000003' or lsoa21nm LIKE 'Manchester %'");
  if (out.areas.empty())
    throw Error(ErrorCode::kNothingUsable, "the layer has no features", {section.display},
                "check the layer name and the file");
  // Points or lines where areas are expected: every child would be "outside" and the run would
  // look fine.
  if (not_polygonal > 0 && out.no_geometry == out.areas.size())
    throw Error(ErrorCode::kUnreadableInput,
                "layer '" + data.layer_name + "' holds " + other_type +
                    " geometries, not polygons: boundaries must be areas",
                {section.display},
                "give the polygon layer of the boundaries (ogrinfo -so " + section.display +
                    " lists the layers and their geometry types)");
  polygons.resize(out.areas.size());
  const auto overlaps = find_overlaps(ctx, out.areas, polygons);
  std::vector<std::string> fid_order_id;
  for (const auto& a : out.areas) fid_order_id.push_back(a.id);
  std::sort(out.areas.begin(), out.areas.end(),
            [](const Area& a, const Area& b) { return a.id < b.id; });
  for (std::size_t i = 0; i < out.areas.size(); ++i) out.index_of.emplace(out.areas[i].id, i);
  for (const auto& [first, second] : overlaps) {  // feature order -> id order
    const std::size_t a = out.index_of.at(fid_order_id[first]),
                      b = out.index_of.at(fid_order_id[second]);
    out.overlaps.push_back({std::min(a, b), std::max(a, b)});
  }
  std::sort(out.overlaps.begin(), out.overlaps.end());
  return out;
}

}  // namespace reachmap
