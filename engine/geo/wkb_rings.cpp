#include "engine/geo/wkb_rings.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace reachmap {

namespace {
class WkbCursor {
 public:
  explicit WkbCursor(const std::string& wkb) : data_(wkb) {}
  bool ok() const { return ok_; }
  std::uint8_t byte() {
    if (pos_ + 1 > data_.size()) return ok_ = false, 0;
    return static_cast<std::uint8_t>(data_[pos_++]);
  }
  std::uint32_t u32(bool little) {
    if (pos_ + 4 > data_.size()) return ok_ = false, 0;
    unsigned char b[4];
    std::memcpy(b, data_.data() + pos_, 4);
    pos_ += 4;
    if (!little) std::swap(b[0], b[3]), std::swap(b[1], b[2]);
    std::uint32_t v;
    std::memcpy(&v, b, 4);
    return v;
  }
  double f64(bool little) {
    if (pos_ + 8 > data_.size()) return ok_ = false, 0;
    unsigned char b[8];
    std::memcpy(b, data_.data() + pos_, 8);
    pos_ += 8;
    if (!little) std::reverse(b, b + 8);
    double v;
    std::memcpy(&v, b, 8);
    return v;
  }

 private:
  const std::string& data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void read_polygon(WkbCursor& c, bool little, std::vector<Ring>& out) {
  const std::uint32_t rings = c.u32(little);
  for (std::uint32_t r = 0; r < rings && c.ok(); ++r) {
    const std::uint32_t n = c.u32(little);
    Ring ring;
    ring.reserve(n);
    for (std::uint32_t i = 0; i < n && c.ok(); ++i) {
      const double x = c.f64(little), y = c.f64(little);
      ring.push_back({x, y});
    }
    out.push_back(std::move(ring));
  }
}

// Reads a WKB Polygon or MultiPolygon, each polygon's rings into the vector `rings_of()` gives
// for it; false when the WKB is cut short.
template <class RingsOf>
bool read_polygons(const std::string& wkb, RingsOf&& rings_of) {
  WkbCursor c(wkb);
  const bool little = c.byte() == 1;
  const std::uint32_t type = c.u32(little);
  if (type == 3) {
    read_polygon(c, little, rings_of());
  } else if (type == 6) {
    const std::uint32_t parts = c.u32(little);
    for (std::uint32_t p = 0; p < parts && c.ok(); ++p) {
      const bool part_little = c.byte() == 1;
      if (c.u32(part_little) != 3) break;
      read_polygon(c, part_little, rings_of());
    }
  }
  return c.ok();
}
}  // namespace

std::vector<Ring> wkb_rings(const std::string& wkb) {
  std::vector<Ring> out;
  if (!read_polygons(wkb, [&]() -> std::vector<Ring>& { return out; })) out.clear();
  return out;
}

std::vector<std::vector<Ring>> wkb_polygons(const std::string& wkb) {
  std::vector<std::vector<Ring>> out;
  if (!read_polygons(wkb, [&]() -> std::vector<Ring>& { return out.emplace_back(); })) out.clear();
  return out;
}

Envelope envelope_of(const std::vector<Ring>& rings) {
  Envelope e;
  for (const auto& r : rings)
    for (const auto& p : r) e.add(p.x, p.y);
  return e;
}

bool inside_rings(const std::vector<Ring>& rings, double x, double y) {
  bool in = false;
  for (const Ring& r : rings)
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
      if ((r[i].y > y) != (r[j].y > y) &&
          x < (r[j].x - r[i].x) * (y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
        in = !in;
  return in;
}

}  // namespace reachmap
