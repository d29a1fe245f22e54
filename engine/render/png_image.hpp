// PNG images resized in memory, for pages that carry them inline (the report's data: URIs).
#pragma once

#include <string>

namespace reachmap {

// `png` made at most `max_width` pixels wide, its height in proportion, smoothly downsampled;
// as it is when it is narrower already or not a PNG Cairo can read.
std::string png_at_most(const std::string& png, int max_width);

}  // namespace reachmap
