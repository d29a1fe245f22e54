#include "engine/geo/dissolve.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "engine/core/error.hpp"
#include "engine/geo/detail/geos.hpp"
#include "engine/geo/detail/vertex_snapper.hpp"

namespace reachmap {

namespace {

using detail::VertexSnapper;

// Each coordinate pair of a 2D Polygon or MultiPolygon, in place; false (nothing changed) for
// any other geometry or a truncated one.
template <class Visit>
bool for_each_vertex(std::string& wkb, Visit&& visit) {
  std::size_t pos = 0;
  const auto u32 = [&](bool little, std::uint32_t& out) {
    if (pos + 4 > wkb.size()) return false;
    unsigned char b[4];
    std::memcpy(b, wkb.data() + pos, 4);
    if (!little) std::reverse(b, b + 4);
    std::memcpy(&out, b, 4);
    pos += 4;
    return true;
  };
  const auto f64 = [&](bool little, std::size_t at, double* read, const double* write) {
    unsigned char b[8];
    if (read) {
      std::memcpy(b, wkb.data() + at, 8);
      if (!little) std::reverse(b, b + 8);
      std::memcpy(read, b, 8);
    } else {
      std::memcpy(b, write, 8);
      if (!little) std::reverse(b, b + 8);
      std::memcpy(wkb.data() + at, b, 8);
    }
  };
  // Checks the whole layout first, so that a truncated geometry is left as it is.
  const auto polygon = [&](bool little, bool apply) {
    std::uint32_t rings = 0;
    if (!u32(little, rings)) return false;
    for (std::uint32_t r = 0; r < rings; ++r) {
      std::uint32_t n = 0;
      if (!u32(little, n) || pos + std::size_t(n) * 16 > wkb.size()) return false;
      for (std::uint32_t i = 0; i < n && apply; ++i) {
        double x, y;
        f64(little, pos + 16 * i, &x, nullptr);
        f64(little, pos + 16 * i + 8, &y, nullptr);
        visit(x, y);
        f64(little, pos + 16 * i, nullptr, &x);
        f64(little, pos + 16 * i + 8, nullptr, &y);
      }
      pos += std::size_t(n) * 16;
    }
    return true;
  };
  const auto walk = [&](bool apply) {
    pos = 0;
    if (wkb.empty()) return false;
    const bool little = wkb[pos++] == 1;
    std::uint32_t type = 0;
    if (!u32(little, type)) return false;
    if (type == 3) return polygon(little, apply);
    if (type != 6) return false;
    std::uint32_t parts = 0;
    if (!u32(little, parts)) return false;
    for (std::uint32_t p = 0; p < parts; ++p) {
      if (pos >= wkb.size()) return false;
      const bool part_little = wkb[pos++] == 1;
      std::uint32_t part_type = 0;
      if (!u32(part_little, part_type) || part_type != 3 || !polygon(part_little, apply))
        return false;
    }
    return true;
  };
  return walk(false) && walk(true);
}

// GEOS's coverage union of areas whose shared vertices were made exact, or (when that fails)
// its general union: for what OutlineTracer cannot follow.
std::string geos_union(const std::vector<const std::string*>& wkbs) {
  using namespace detail;
  if (wkbs.empty()) return {};
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

std::vector<const std::string*> pointers_to(const std::vector<std::string>& v) {
  std::vector<const std::string*> out;
  for (const auto& s : v) out.push_back(&s);
  return out;
}

}  // namespace

std::vector<std::string> with_shared_vertices(const std::vector<const std::string*>& wkbs,
                                              double scale) {
  std::vector<std::string> out;
  out.reserve(wkbs.size());
  double size = scale;
  std::size_t vertices = 0;
  for (const std::string* w : wkbs) {
    out.push_back(*w);
    for_each_vertex(out.back(), [&](double x, double y) {
      size = std::max({size, std::abs(x), std::abs(y)});
      ++vertices;
    });
  }
  if (size == 0 || !std::isfinite(size) || vertices >= 0xffffffffu) return out;
  VertexSnapper snapper(size * 1e-9, vertices);
  for (std::string& w : out) for_each_vertex(w, [&](double& x, double& y) { snapper.snap(x, y); });
  return out;
}

std::string dissolve_wkb(const std::vector<const std::string*>& wkbs, double scale) {
  if (wkbs.empty()) return {};
  if (wkbs.size() == 1) return *wkbs.front();
  if (auto traced = traced_union(wkbs, scale)) return std::move(*traced);
  return geos_union(pointers_to(with_shared_vertices(wkbs, scale)));
}

}  // namespace reachmap
