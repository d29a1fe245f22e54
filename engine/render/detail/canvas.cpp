#include "engine/render/detail/canvas.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <png.h>

#include <cctype>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "engine/core/error.hpp"

namespace reachmap::detail {

namespace {
constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr const char* kFont = "DejaVu Sans";

// The pixels of PNG pages drawn before, kept for the next of the same size: a national map's
// page is 35 MB, and a fresh block is a fresh 35 MB the kernel zeroes (0.06 s a page on this
// machine's virtual memory), where the page is painted white anyway. A run draws a dozen;
// two or three at a time.
class PagePool {
 public:
  std::unique_ptr<unsigned char[]> take(std::size_t bytes) {
    std::lock_guard<std::mutex> lock(m_);
    for (auto it = free_.begin(); it != free_.end(); ++it)
      if (it->second == bytes) {
        auto out = std::move(it->first);
        free_.erase(it);
        return out;
      }
    return std::unique_ptr<unsigned char[]>(new unsigned char[bytes]);
  }
  void give(std::unique_ptr<unsigned char[]> pixels, std::size_t bytes) {
    std::lock_guard<std::mutex> lock(m_);
    free_.emplace_back(std::move(pixels), bytes);
    if (free_.size() > kKept) free_.erase(free_.begin());  // the oldest
  }

 private:
  static constexpr std::size_t kKept = 2;
  std::mutex m_;
  std::vector<std::pair<std::unique_ptr<unsigned char[]>, std::size_t>> free_;
};

PagePool page_pool;
}  // namespace

Canvas::Canvas(SurfaceKind kind, const std::string& path, double width_mm, double height_mm,
               double dpi)
    : kind_(kind), path_(path) {
  double scale = kPointsPerMm;
  switch (kind) {
    case SurfaceKind::kPng:
      scale = dpi / 25.4;
      px_per_mm_ = scale;
      {
        const int w = static_cast<int>(std::lround(width_mm * scale)),
                  h = static_cast<int>(std::lround(height_mm * scale));
        const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
        if (w > 0 && h > 0 && stride > 0) {
          pixel_bytes_ = std::size_t(stride) * std::size_t(h);
          pixels_ = page_pool.take(pixel_bytes_);
          surface_ =
              cairo_image_surface_create_for_data(pixels_.get(), CAIRO_FORMAT_RGB24, w, h, stride);
        } else {
          surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);  // its error status
        }
        break;
      }
    case SurfaceKind::kSvg:
      surface_ =
          cairo_svg_surface_create(path.c_str(), width_mm * kPointsPerMm, height_mm * kPointsPerMm);
      break;
    case SurfaceKind::kPdf:
      surface_ =
          cairo_pdf_surface_create(path.c_str(), width_mm * kPointsPerMm, height_mm * kPointsPerMm);
      // A fixed date: the same inputs give the same bytes.
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATE_DATE,
                                     "2000-01-01T00:00:00Z");
      cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "reachmap");
      break;
  }
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
    throw Error(ErrorCode::kOutput,
                std::string("cannot create the drawing surface: ") +
                    cairo_status_to_string(cairo_surface_status(surface_)),
                {path}, "check that the output folder is writable");
  cr_ = cairo_create(surface_);
  cairo_scale(cr_, scale, scale);
  cairo_set_source_rgb(cr_, 1, 1, 1);
  cairo_paint(cr_);
}

Canvas::~Canvas() {
  for (const auto& [key, l] : laid_out_) g_object_unref(l);
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
  if (pixels_) page_pool.give(std::move(pixels_), pixel_bytes_);
}

namespace {
// The page as an 8-bit RGB PNG (maps are opaque: no alpha channel), compressed at zlib level 3
// with the "up" filter: about three times faster than cairo_surface_write_to_png's level 6 on
// 300-dpi pages, for files a little larger. Same pixels, same bytes every run.
cairo_status_t write_png_rgb(cairo_surface_t* surface, const std::string& path) {
  cairo_surface_flush(surface);
  const int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  // Before setjmp: libpng's error exit longjmps back here, and the row buffer must outlive it.
  std::vector<unsigned char> line(static_cast<std::size_t>(w) * 3);
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return CAIRO_STATUS_WRITE_ERROR;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(file);
    return CAIRO_STATUS_WRITE_ERROR;
  }
  png_init_io(png, file);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 3);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  // 300 dpi, so viewers and print dialogs size the page right.
  png_set_pHYs(png, info, 11811, 11811, PNG_RESOLUTION_METER);
  png_write_info(png, info);
  for (int y = 0; y < h; ++y) {
    const auto* px =
        reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) {  // ARGB32, opaque: no un-premultiplying needed
      line[std::size_t(x) * 3] = static_cast<unsigned char>(px[x] >> 16);
      line[std::size_t(x) * 3 + 1] = static_cast<unsigned char>(px[x] >> 8);
      line[std::size_t(x) * 3 + 2] = static_cast<unsigned char>(px[x]);
    }
    png_write_row(png, line.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return std::fclose(file) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

// Cairo names an SVG's groups "surfaceN" from a process-wide counter of every surface it has
// made (glyph caches included, which threads fill in any order): renumbered in order of
// appearance, the same drawing gives the same bytes whatever ran before it.
void renumber_svg_surfaces(const std::string& path) {
  std::string text;
  {
    std::ifstream in(path, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::unordered_map<std::string, std::string> ids;
  std::string out;
  out.reserve(text.size());
  const std::string key = "surface";
  std::size_t at = 0;
  for (std::size_t hit; (hit = text.find(key, at)) != std::string::npos;) {
    std::size_t end = hit + key.size();
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    out.append(text, at, hit + key.size() - at);
    if (end > hit + key.size()) {
      auto [it, fresh] = ids.try_emplace(text.substr(hit + key.size(), end - hit - key.size()));
      if (fresh) it->second = std::to_string(ids.size());
      out += it->second;
    }
    at = end;
  }
  out.append(text, at, std::string::npos);
  std::ofstream o(path, std::ios::binary | std::ios::trunc);
  o << out;
  if (!o)
    throw Error(ErrorCode::kOutput, "cannot rewrite the SVG", {path},
                "check that the output folder is writable and has space");
}
}  // namespace

void Canvas::finish() {
  cairo_status_t status = cairo_status(cr_);
  if (status == CAIRO_STATUS_SUCCESS && kind_ == SurfaceKind::kPng)
    status = write_png_rgb(surface_, path_);
  cairo_surface_finish(surface_);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface_);
  if (status != CAIRO_STATUS_SUCCESS)
    throw Error(ErrorCode::kOutput,
                std::string("drawing failed: ") + cairo_status_to_string(status), {path_},
                "check that the output folder is writable and has space");
  if (kind_ == SurfaceKind::kSvg) renumber_svg_surfaces(path_);
}

PangoLayout* Canvas::layout(const std::string& s, double size_pt, bool bold, double max_width) {
  PangoLayout* l = pango_cairo_create_layout(cr_);
  PangoFontDescription* desc = pango_font_description_from_string(kFont);
  pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  // Sizes are in user units (mm): a point is 25.4/72 mm.
  pango_font_description_set_absolute_size(desc, size_pt * 25.4 / 72.0 * PANGO_SCALE);
  pango_layout_set_font_description(l, desc);
  pango_font_description_free(desc);
  if (max_width > 0) {
    pango_layout_set_width(l, static_cast<int>(max_width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(l, s.c_str(), -1);
  return l;
}

std::string Canvas::text_key(const std::string& s, double size_pt, bool bold,
                             double max_width) const {
  cairo_matrix_t m;
  cairo_get_matrix(cr_, &m);
  const double numbers[] = {m.xx, m.yx, m.xy, m.yy, m.x0, m.y0, size_pt, max_width};
  std::string key(reinterpret_cast<const char*>(numbers), sizeof numbers);
  key += static_cast<char>(kind_);
  key += bold ? 'b' : 'r';
  key += s;
  return key;
}

std::pair<double, double> Canvas::measure(const std::string& s, double size_pt, bool bold,
                                          double max_width) {
  // Measured once a process for all that sets the extents (text_key): a national map measures
  // every area's name (34,753) to see whether it fits, on each of its maps.
  std::string key = text_key(s, size_pt, bold, max_width);
  static std::mutex mutex;
  static std::unordered_map<std::string, std::pair<double, double>> measured;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = measured.find(key); it != measured.end()) return it->second;
  }
  PangoLayout* l = layout(s, size_pt, bold, max_width);
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  g_object_unref(l);
  const std::pair<double, double> size{static_cast<double>(w) / PANGO_SCALE,
                                       static_cast<double>(h) / PANGO_SCALE};
  const std::lock_guard<std::mutex> lock(mutex);
  measured.emplace(std::move(key), size);
  return size;
}

double Canvas::text(double x, double y, const std::string& s, double size_pt, bool bold,
                    const Rgb& colour, double max_width, bool halo) {
  PangoLayout*& l = laid_out_[text_key(s, size_pt, bold, max_width)];
  if (!l) l = layout(s, size_pt, bold, max_width);
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  cairo_save(cr_);
  cairo_move_to(cr_, x, y);
  if (halo) {  // a white outline keeps labels legible over any fill
    pango_cairo_layout_path(cr_, l);
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_set_line_width(cr_, size_pt * 0.06);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr_);
    cairo_move_to(cr_, x, y);
  }
  set_colour(colour);
  pango_cairo_show_layout(cr_, l);
  cairo_restore(cr_);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace reachmap::detail
