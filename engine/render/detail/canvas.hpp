// A Cairo drawing surface in millimetres for PNG, SVG or PDF, with Pango text. Owns the C
// handles; everything else in engine/render draws through this.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "engine/render/palette.hpp"

namespace reachmap::detail {

enum class SurfaceKind { kPng, kSvg, kPdf };

class Canvas {
 public:
  // Page size in mm; `dpi` for PNG. Vector surfaces write to `path` as they go.
  Canvas(SurfaceKind kind, const std::string& path, double width_mm, double height_mm, double dpi);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  cairo_t* cr() const { return cr_; }
  SurfaceKind kind() const { return kind_; }
  cairo_surface_t* surface() const { return surface_; }
  double px_per_mm() const { return px_per_mm_; }  // PNG pages: pixels per millimetre
  void finish();  // writes the PNG / closes the document; throws Error(kOutput)

  void set_colour(const Rgb& c, double alpha = 1.0) {
    cairo_set_source_rgba(cr_, c.r, c.g, c.b, alpha);
  }
  // Text with its top-left at (x, y); font size in points; returns its height in mm.
  // `max_width` (mm, 0 = none) wraps the text.
  double text(double x, double y, const std::string& s, double size_pt, bool bold = false,
              const Rgb& colour = Rgb{0.1, 0.1, 0.1}, double max_width = 0, bool halo = false);
  // Width and height in mm of text as text() would draw it.
  std::pair<double, double> measure(const std::string& s, double size_pt, bool bold = false,
                                    double max_width = 0);

 private:
  PangoLayout* layout(const std::string& s, double size_pt, bool bold, double max_width);
  // What sets a text's extents (engine/render/detail/canvas.cpp): the surface kind, the
  // drawing's matrix, size, weight, wrap width and the text.
  std::string text_key(const std::string& s, double size_pt, bool bold, double max_width) const;
  SurfaceKind kind_;
  std::string path_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double px_per_mm_ = 0;
  std::unique_ptr<unsigned char[]> pixels_;  // a PNG page's, from the pool (canvas.cpp)
  std::size_t pixel_bytes_ = 0;
  // This page's texts, laid out once: an outreach sheet sets "1" to "9" hundreds of times, and
  // each layout (Pango's shaping) cost a third of a millisecond.
  std::unordered_map<std::string, PangoLayout*> laid_out_;
};

}  // namespace reachmap::detail
