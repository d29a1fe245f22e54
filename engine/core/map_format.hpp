// The file formats a map is drawn in ([[maps]] formats).
#pragma once

namespace reachmap {

enum class MapFormat { kPng, kSvg, kPdf };

inline const char* extension(MapFormat f) {
  return f == MapFormat::kPng ? "png" : f == MapFormat::kSvg ? "svg" : "pdf";
}

}  // namespace reachmap
