// A Cairo image surface to and from PNG bytes in memory.
#pragma once

#include <cairo.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace reachmap::detail {

inline std::string encode_png(cairo_surface_t* surface) {
  std::string png;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* out, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  return png;
}

// A surface in an error state (cairo_surface_status) when the bytes are not a PNG.
inline cairo_surface_t* decode_png(std::string_view png) {
  return cairo_image_surface_create_from_png_stream(
      [](void* in, unsigned char* data, unsigned int length) {
        auto* rest = static_cast<std::string_view*>(in);
        if (rest->size() < length) return CAIRO_STATUS_READ_ERROR;
        std::memcpy(data, rest->data(), length);
        rest->remove_prefix(length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
}

}  // namespace reachmap::detail
