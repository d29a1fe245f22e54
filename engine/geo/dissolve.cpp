#include "engine/geo/dissolve.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_map>

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

namespace {

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

// Vertices met so far on a grid of cells sixteen hairs wide: one within a hair of a new vertex
// is in its cell or, when it lies within a hair of the cell's side, in the cell beyond.
class VertexSnapper {
 public:
  VertexSnapper(double hair, std::size_t vertices) : hair_(hair), width_(16 * hair) {
    cells_.reserve(vertices);
    next_.reserve(vertices);
    points_.reserve(vertices);
  }

  void snap(double& x, double& y) {
    const std::int64_t cx = cell(x), cy = cell(y);
    // The cells to look in: its own, then those whose side it lies within a hair of.
    const int sx = x - double(cx) * width_ <= hair_ ? -1 : double(cx + 1) * width_ - x <= hair_;
    const int sy = y - double(cy) * width_ <= hair_ ? -1 : double(cy + 1) * width_ - y <= hair_;
    std::pair<int, int> look[4] = {{0, 0}};
    int n = 1;
    if (sx) look[n++] = {sx, 0};
    if (sy) look[n++] = {0, sy};
    if (sx && sy) look[n++] = {sx, sy};
    for (int i = 0; i < n; ++i) {
      const auto [dx, dy] = look[i];
      const auto it = cells_.find(key(cx + dx, cy + dy));
      if (it == cells_.end()) continue;
      for (std::uint32_t v = it->second; v != kEnd; v = next_[v])
        if (std::abs(points_[v].first - x) <= hair_ && std::abs(points_[v].second - y) <= hair_) {
          x = points_[v].first, y = points_[v].second;
          return;
        }
    }
    auto [it, added] = cells_.try_emplace(key(cx, cy), kEnd);
    next_.push_back(it->second);
    it->second = std::uint32_t(points_.size());
    points_.emplace_back(x, y);
  }

 private:
  static constexpr std::uint32_t kEnd = ~std::uint32_t(0);
  std::int64_t cell(double v) const { return std::int64_t(std::floor(v / width_)); }
  static std::uint64_t key(std::int64_t cx, std::int64_t cy) {
    return (std::uint64_t(cx) << 32) ^ (std::uint64_t(cy) & 0xffffffffu);
  }
  double hair_, width_;
  std::unordered_map<std::uint64_t, std::uint32_t> cells_;  // cell -> its last vertex
  std::vector<std::uint32_t> next_;                         // by vertex: the cell's one before
  std::vector<std::pair<double, double>> points_;
};

}  // namespace

std::vector<std::string> with_shared_vertices(const std::vector<const std::string*>& wkbs) {
  std::vector<std::string> out;
  out.reserve(wkbs.size());
  double size = 0;
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

}  // namespace reachmap
