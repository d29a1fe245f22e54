// A page's pixels as an 8-bit RGB PNG file, deflated by Intel's ISA-L (igzip, Debian
// libisal-dev) instead of zlib through libpng: a national run writes 26 maps of 8.7 million
// pixels, and zlib's deflate of their rows (level 3) was a tenth of a second a map where igzip's
// level 1 takes a hundredth, for files about 6% larger. The pixels are the same.
#pragma once

#include <string>

namespace reachmap::detail {

// Writes `height` rows of `width` opaque pixels (Cairo's RGB24 or opaque ARGB32 words,
// 0x??RRGGBB, rows `stride` bytes apart) to `path` as an 8-bit RGB PNG marked `dpi` dots per
// inch, every row "up"-filtered. The same pixels give the same bytes every run; igzip picks its
// code by the processor, and a port that reproduces ISA-L 2.30 byte for byte reports one output
// for SSE4.2, AVX and AVX2 machines and another only below SSE4.2 (the golden checksums assume
// a machine like the one they were made on). False when the file cannot be written.
bool write_rgb_png(const unsigned char* data, int width, int height, int stride, double dpi,
                   const std::string& path);

}  // namespace reachmap::detail
