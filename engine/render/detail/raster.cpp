#include "engine/render/detail/raster.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <list>
#include <memory>
#include <mutex>

#include <xxhash.h>

#include "engine/render/detail/paint.hpp"
#include "engine/render/detail/pixel_mix.hpp"

namespace reachmap::detail {

namespace {

int channel(double v) {
  return std::clamp(int(std::lround(v * 255)), 0, 255);
}

Ink ink_of(const Rgb& c) {
  return Ink(channel(c.r), channel(c.g), channel(c.b));
}

PixelBox clip_on(cairo_surface_t* page, const PixelBox& clip) {
  return {std::max(0, clip.x0), std::max(0, clip.y0),
          std::min(clip.x1, cairo_image_surface_get_width(page)),
          std::min(clip.y1, cairo_image_surface_get_height(page))};
}

PixelBox pixels_of(const std::array<double, 4>& mm, double px_per_mm) {
  return {int(std::lround(mm[0] * px_per_mm)), int(std::lround(mm[1] * px_per_mm)),
          int(std::lround(mm[2] * px_per_mm)), int(std::lround(mm[3] * px_per_mm))};
}

std::uint32_t* row_of(cairo_surface_t* page, int y) {
  return reinterpret_cast<std::uint32_t*>(cairo_image_surface_get_data(page) +
                                          std::ptrdiff_t(y) * cairo_image_surface_get_stride(page));
}

}  // namespace

void blend(cairo_surface_t* page, const Coverage& cov, int dx, int dy, const Rgb& colour,
           double opacity, const PixelBox& clip) {
  const PixelBox c = clip_on(page, clip);
  const Ink ink = ink_of(colour);
  const int op = channel(opacity);
  const int x_lo = std::max(0, c.x0 - (cov.x0 + dx)), x_hi = std::min(cov.w, c.x1 - (cov.x0 + dx));
  if (x_hi <= x_lo) return;
  for (int y = 0; y < cov.h; ++y) {
    const int py = cov.y0 + dy + y;
    if (py < c.y0 || py >= c.y1) continue;
    std::uint32_t* row = row_of(page, py) + cov.x0 + dx;
    const std::uint8_t* a = cov.alpha.data() + std::size_t(y) * std::size_t(cov.w);
    mix_coverage(row + x_lo, a + x_lo, x_hi - x_lo, ink, op);
  }
}

void disc(cairo_surface_t* page, double px_per_mm, const std::array<double, 4>& clip_mm, double x,
          double y, double r, const Rgb& fill, double fill_opacity, const Rgb& line,
          double line_mm) {
  const PixelBox c = clip_on(page, pixels_of(clip_mm, px_per_mm));
  const double cx = x * px_per_mm, cy = y * px_per_mm, radius = r * px_per_mm;
  const double half_line = line_mm * px_per_mm / 2, reach = radius + half_line + 1;
  const Ink body = ink_of(fill), edge = ink_of(line);
  const int op = channel(fill_opacity);
  // A pixel's share of a shape whose edge is at distance e inside it: half at the edge.
  const auto share = [](double e) { return int(std::lround(std::clamp(e + 0.5, 0.0, 1.0) * 255)); };
  const int y0 = std::max(c.y0, int(std::floor(cy - reach))),
            y1 = std::min(c.y1, int(std::ceil(cy + reach)));
  const double inner = radius - half_line - 1;  // inside it, the fill alone at full share
  const int fill_k = (255 * op + 127) / 255;
  for (int py = y0; py < y1; ++py) {
    std::uint32_t* row = row_of(page, py);
    const double dy = py + 0.5 - cy;
    const double outer_w = std::sqrt(std::max(0.0, reach * reach - dy * dy));
    const double inner_w = inner > std::abs(dy) ? std::sqrt(inner * inner - dy * dy) : -1;
    const int x0 = std::max(c.x0, int(std::floor(cx - outer_w))),
              x1 = std::min(c.x1, int(std::ceil(cx + outer_w)));
    // Pixels whose centres lie within `inner`: [in0, in1).
    const int in0 = inner_w < 0 ? x1 : std::max(x0, int(std::ceil(cx - inner_w - 0.5))),
              in1 = inner_w < 0 ? x1 : std::min(x1, int(std::floor(cx + inner_w - 0.5)) + 1);
    const auto edge_pixel = [&](int px) {
      const double ex = px + 0.5 - cx, d = std::sqrt(ex * ex + dy * dy);  // hypot: 4x slower
      if (const int f = share(radius - d)) body.mix(row[px], (f * op + 127) / 255);
      if (const int l = share(half_line - std::abs(d - radius))) edge.mix(row[px], l);
    };
    for (int px = x0; px < std::min(in0, x1); ++px) edge_pixel(px);
    if (in1 > in0) mix_constant(row + in0, in1 - in0, body, fill_k);
    for (int px = std::max(in1, in0); px < x1; ++px) edge_pixel(px);
  }
}

namespace {

// Copies an A8 surface's pixels inside [x0, x1) x [y0, y1) into a Coverage.
Coverage coverage_of(cairo_surface_t* a8, int x0, int y0, int x1, int y1) {
  cairo_surface_flush(a8);
  Coverage c{x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0), {}};
  c.alpha.resize(std::size_t(c.w) * std::size_t(c.h));
  const int stride = cairo_image_surface_get_stride(a8);
  const unsigned char* data = cairo_image_surface_get_data(a8);
  for (int y = 0; y < c.h; ++y)
    std::memcpy(c.alpha.data() + std::size_t(y) * std::size_t(c.w),
                data + std::ptrdiff_t(y0 + y) * stride + x0, std::size_t(c.w));
  return c;
}

// A 64-bit digest of what the outlines depend on (every coordinate, ring and area boundary,
// the frame's transform, the width, the grid and the box): XXH3 over each ring's coordinates
// as they lie in memory. Chaining splitmix64 through every coordinate, one after another,
// took 0.4 CPU s of a national run's maps (two digests a map, millions of vertices each).
class Digest {
 public:
  Digest() : state_(XXH3_createState(), &XXH3_freeState) { XXH3_64bits_reset(state_.get()); }
  void add(double v) { add_bytes(&v, sizeof v); }
  void add_bits(std::uint64_t v) { add_bytes(&v, sizeof v); }
  void add_bytes(const void* data, std::size_t size) {
    XXH3_64bits_update(state_.get(), data, size);
  }
  std::uint64_t value() const { return XXH3_64bits_digest(state_.get()); }

 private:
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state_;
};

// What a layer's outlines and owners depend on: every coordinate, ring and area boundary, the
// frame's transform, the grid and the box.
Digest digest_of(const std::vector<MapArea>& areas, const MapFrame& frame, const PixelGrid& grid,
                 const std::array<double, 4>& box_mm) {
  static_assert(sizeof(XY) == 2 * sizeof(double), "a ring's coordinates lie packed");
  Digest d;
  for (const auto& a : areas) {
    d.add_bits(a.rings.size());
    for (const auto& r : a.rings) {
      d.add_bits(r.size());
      d.add_bytes(r.data(), r.size() * sizeof(XY));
    }
  }
  const XY o = frame.to_page(0, 0), u = frame.to_page(1, 1);
  for (double v : {o.x, o.y, u.x, u.y, grid.px_per_mm, box_mm[0], box_mm[1], box_mm[2], box_mm[3]})
    d.add(v);
  d.add_bits(std::uint64_t(grid.width) << 32 | std::uint32_t(grid.height));
  return d;
}

// A few of the last values made by content digest (layers x frames of one run), each made once:
// another thread asking for one being made waits for it; others are made meanwhile.
template <class T>
class ContentCache {
 public:
  template <class Make>
  std::shared_ptr<const T> get(std::uint64_t key, Make make) {
    std::shared_ptr<Entry> entry;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = std::find_if(entries_.begin(), entries_.end(),
                             [&](const auto& e) { return e.first == key; });
      if (it != entries_.end()) {
        entries_.splice(entries_.begin(), entries_, it);
      } else {
        entries_.emplace_front(key, std::make_shared<Entry>());
        if (entries_.size() > kSize) entries_.pop_back();
      }
      entry = entries_.front().second;
    }
    std::call_once(entry->once, [&] { entry->value = make(); });
    return entry->value;
  }

 private:
  static constexpr std::size_t kSize = 4;  // 9 MB of outlines, 35 MB of owners at 300 dpi
  struct Entry {
    std::once_flag once;
    std::shared_ptr<const T> value;
  };
  std::mutex mutex_;
  std::list<std::pair<std::uint64_t, std::shared_ptr<Entry>>> entries_;
};

ContentCache<Coverage> outline_cache;
ContentCache<Owners> owner_cache;
std::atomic<std::size_t> contents_made{0};

// The map's box in whole pixels of the grid: [x0, x1) x [y0, y1).
PixelBox box_pixels(const PixelGrid& grid, const std::array<double, 4>& box) {
  const auto px = [&](double mm, int limit) {
    return std::clamp(int(std::floor(mm * grid.px_per_mm)), 0, limit);
  };
  return {px(box[0], grid.width), px(box[1], grid.height), px(box[2], grid.width - 1) + 1,
          px(box[3], grid.height - 1) + 1};
}

std::shared_ptr<const Coverage> stroke_outlines(const std::vector<MapArea>& areas,
                                                const MapFrame& frame, double width_mm,
                                                const PixelGrid& grid,
                                                const std::array<double, 4>& box) {
  ++contents_made;
  cairo_surface_t* a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, grid.width, grid.height);
  cairo_t* cr = cairo_create(a8);
  cairo_scale(cr, grid.px_per_mm, grid.px_per_mm);
  cairo_rectangle(cr, box[0], box[1], box[2] - box[0], box[3] - box[1]);
  cairo_clip(cr);
  // Neighbours' strokes of a shared boundary add up in one mask, where before the second area's
  // fill covered half of the first stroke: at 0.8 of the width the national map has the same
  // ink as before (mean grey within 0.1 of 255, in London too).
  cairo_set_line_width(cr, width_mm * 0.8);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const auto& a : areas) {
    if (a.rings.empty()) continue;
    cairo_new_path(cr);
    append_thinned(cr, a.rings, frame, kThinPixels / grid.px_per_mm);
    cairo_stroke(cr);
  }
  cairo_destroy(cr);
  const PixelBox b = box_pixels(grid, box);
  auto out = std::make_shared<const Coverage>(coverage_of(a8, b.x0, b.y0, b.x1, b.y1));
  cairo_surface_destroy(a8);
  return out;
}

// Each area filled in its own colour (its index + 1 as 24 bits), without antialiasing.
std::shared_ptr<const Owners> fill_owners(const std::vector<MapArea>& areas, const MapFrame& frame,
                                          const PixelGrid& grid, const std::array<double, 4>& box) {
  ++contents_made;
  cairo_surface_t* ids = cairo_image_surface_create(CAIRO_FORMAT_RGB24, grid.width, grid.height);
  cairo_t* cr = cairo_create(ids);  // a new surface is all 0: no owner
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  cairo_scale(cr, grid.px_per_mm, grid.px_per_mm);
  cairo_rectangle(cr, box[0], box[1], box[2] - box[0], box[3] - box[1]);
  cairo_clip(cr);
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if (areas[i].rings.empty()) continue;
    const std::uint32_t id = std::uint32_t(i + 1);  // up to 16.7 million areas
    cairo_new_path(cr);
    append_thinned(cr, areas[i].rings, frame, kThinPixels / grid.px_per_mm);
    cairo_set_source_rgb(cr, (id >> 16 & 255) / 255.0, (id >> 8 & 255) / 255.0, (id & 255) / 255.0);
    cairo_fill(cr);
  }
  cairo_destroy(cr);
  cairo_surface_flush(ids);
  const PixelBox b = box_pixels(grid, box);
  auto out = std::make_shared<Owners>();
  out->x0 = b.x0, out->y0 = b.y0, out->w = std::max(0, b.x1 - b.x0),
  out->h = std::max(0, b.y1 - b.y0);
  out->id.resize(std::size_t(out->w) * std::size_t(out->h));
  for (int y = 0; y < out->h; ++y) {
    const std::uint32_t* row = row_of(ids, b.y0 + y) + b.x0;
    for (int x = 0; x < out->w; ++x)
      out->id[std::size_t(y) * std::size_t(out->w) + std::size_t(x)] = row[x] & 0xffffffu;
  }
  cairo_surface_destroy(ids);
  return out;
}

}  // namespace

std::shared_ptr<const Owners> area_owners(const std::vector<MapArea>& areas, const MapFrame& frame,
                                          const PixelGrid& grid,
                                          const std::array<double, 4>& box_mm) {
  return owner_cache.get(digest_of(areas, frame, grid, box_mm).value(),
                         [&] { return fill_owners(areas, frame, grid, box_mm); });
}

void append_thinned(cairo_t* cr, const std::vector<Ring>& rings, const MapFrame& frame,
                    double step_mm) {
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  const double step2 = step_mm * step_mm;
  for (const auto& ring : rings) {
    if (ring.size() < 3) continue;
    XY kept = frame.to_page(ring[0].x, ring[0].y);
    cairo_move_to(cr, kept.x, kept.y);
    for (std::size_t i = 1; i < ring.size(); ++i) {
      const XY p = frame.to_page(ring[i].x, ring[i].y);
      const double dx = p.x - kept.x, dy = p.y - kept.y;
      if (i + 1 < ring.size() && dx * dx + dy * dy < step2) continue;  // the last always
      cairo_line_to(cr, p.x, p.y);
      kept = p;
    }
    cairo_close_path(cr);
  }
}

std::size_t raster_contents_made() {
  return contents_made;
}

std::uint32_t cairo_pixel(const Rgb& c) {
  const auto byte = [](double v) {
    return std::uint32_t(std::uint16_t(std::clamp(v, 0.0, 1.0) * 65535.0 + 0.5) >> 8);
  };
  return byte(c.r) << 16 | byte(c.g) << 8 | byte(c.b);
}

void paint_owners(cairo_surface_t* page, const Owners& owners,
                  const std::vector<std::uint32_t>& pixels) {
  const PixelBox c =
      clip_on(page, {owners.x0, owners.y0, owners.x0 + owners.w, owners.y0 + owners.h});
  for (int py = c.y0; py < c.y1; ++py) {
    std::uint32_t* row = row_of(page, py) + owners.x0;  // both from the owners' first column
    const std::uint32_t* id =
        owners.id.data() + std::size_t(py - owners.y0) * std::size_t(owners.w);
    for (int x = c.x0 - owners.x0; x < c.x1 - owners.x0; ++x)
      if (id[x]) row[x] = pixels[id[x]];
  }
}

std::shared_ptr<const Coverage> area_outlines(const std::vector<MapArea>& areas,
                                              const MapFrame& frame, double width_mm,
                                              const PixelGrid& grid,
                                              const std::array<double, 4>& box_mm) {
  Digest d = digest_of(areas, frame, grid, box_mm);
  d.add(width_mm);
  return outline_cache.get(d.value(),
                           [&] { return stroke_outlines(areas, frame, width_mm, grid, box_mm); });
}

SymbolStamps::SymbolStamps(double px_per_mm, const std::array<double, 4>& clip_mm)
    : px_per_mm_(px_per_mm), clip_(pixels_of(clip_mm, px_per_mm)) {}

const Coverage& SymbolStamps::sprite(Shape shape, double r, int phase_x, int phase_y) {
  const auto key = std::make_tuple(int(shape), r, phase_x, phase_y);
  auto it = sprites_.find(key);
  if (it != sprites_.end()) return it->second;
  const int half = int(std::ceil(r * px_per_mm_ * 1.3)) + 2;  // a diamond reaches 1.25 r
  const int size = 2 * half + 1;
  cairo_surface_t* a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, size, size);
  cairo_t* cr = cairo_create(a8);
  cairo_translate(cr, half + phase_x / 4.0, half + phase_y / 4.0);
  cairo_scale(cr, px_per_mm_, px_per_mm_);
  symbol_path(cr, shape, 0, 0, r);
  cairo_fill(cr);
  cairo_destroy(cr);
  // Cut to the pixels it covers: a stamp's cost is its box.
  Coverage full = coverage_of(a8, 0, 0, size, size);
  cairo_surface_destroy(a8);
  int x0 = size, y0 = size, x1 = 0, y1 = 0;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      if (full.alpha[std::size_t(y) * std::size_t(size) + std::size_t(x)]) {
        x0 = std::min(x0, x), x1 = std::max(x1, x + 1), y0 = std::min(y0, y),
        y1 = std::max(y1, y + 1);
      }
  Coverage c{x0 - half, y0 - half, std::max(0, x1 - x0), std::max(0, y1 - y0), {}};
  c.alpha.resize(std::size_t(c.w) * std::size_t(c.h));
  for (int y = 0; y < c.h; ++y)
    std::copy_n(full.alpha.begin() + std::ptrdiff_t(y0 + y) * size + x0, c.w,
                c.alpha.begin() + std::ptrdiff_t(y) * c.w);
  return sprites_.emplace(key, std::move(c)).first->second;
}

void SymbolStamps::stamp(cairo_surface_t* page, Shape shape, double x, double y, double r,
                         const Rgb& colour, double opacity) {
  const long qx = std::lround(x * px_per_mm_ * 4), qy = std::lround(y * px_per_mm_ * 4);
  const long ix = qx >> 2, iy = qy >> 2;  // floor, for negative quarters too
  const Coverage& s = sprite(shape, r, int(qx - ix * 4), int(qy - iy * 4));
  blend(page, s, int(ix), int(iy), colour, opacity, clip_);
}

}  // namespace reachmap::detail
