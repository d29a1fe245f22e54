#include "engine/render/detail/png_writer.hpp"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <tmmintrin.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace reachmap::detail {

namespace {

void put_be32(unsigned char* p, std::uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}

// A PNG file's chunks (length, type, data, CRC-32 of type and data), written as they come.
class PngChunks {
 public:
  explicit PngChunks(const std::string& path) : file_(std::fopen(path.c_str(), "wb"), &close) {
    static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    ok_ = file_ && std::fwrite(kSignature, 1, 8, file_.get()) == 8;
  }
  void chunk(const char* type, const unsigned char* data, std::size_t n) {
    if (!ok_) return;
    unsigned char head[8], tail[4];
    put_be32(head, static_cast<std::uint32_t>(n));
    std::memcpy(head + 4, type, 4);
    std::uint32_t crc = crc32_gzip_refl(0, head + 4, 4);  // the CRC-32 of gzip and PNG
    crc = crc32_gzip_refl(crc, data, n);
    put_be32(tail, crc);
    ok_ = std::fwrite(head, 1, 8, file_.get()) == 8 &&
          (n == 0 || std::fwrite(data, 1, n, file_.get()) == n) &&
          std::fwrite(tail, 1, 4, file_.get()) == 4;
  }
  bool close_ok() {
    if (!file_) return false;
    const bool closed = std::fclose(file_.release()) == 0;
    return ok_ && closed;
  }

 private:
  static void close(std::FILE* f) {
    if (f) std::fclose(f);
  }
  std::unique_ptr<std::FILE, void (*)(std::FILE*)> file_;
  bool ok_ = false;
};

// A row's RGB bytes less those of the row above (PNG's "up" filter), from Cairo's words.
void up_row_plain(const std::uint32_t* px, const std::uint32_t* above, int width,
                  unsigned char* dst) {
  for (int x = 0; x < width; ++x, dst += 3) {
    dst[0] = static_cast<unsigned char>((px[x] >> 16) - (above[x] >> 16));
    dst[1] = static_cast<unsigned char>((px[x] >> 8) - (above[x] >> 8));
    dst[2] = static_cast<unsigned char>(px[x] - above[x]);
  }
}

// The same, four pixels at a time: the bytes subtracted, then R, G and B of each picked out by
// one shuffle (a byte at a time, this took as long as igzip's deflate of the result).
__attribute__((target("ssse3"))) void up_row_ssse3(const std::uint32_t* px,
                                                   const std::uint32_t* above, int width,
                                                   unsigned char* dst) {
  const __m128i rgb = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  int x = 0;
  // Sixteen bytes stored, twelve kept: while the four spare bytes still fall inside the row.
  for (; x + 6 <= width; x += 4) {
    const __m128i d = _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(px + x)),
                                   _mm_loadu_si128(reinterpret_cast<const __m128i*>(above + x)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + std::size_t(x) * 3),
                     _mm_shuffle_epi8(d, rgb));
  }
  up_row_plain(px + x, above + x, width - x, dst + std::size_t(x) * 3);
}

}  // namespace

bool write_rgb_png(const unsigned char* data, int width, int height, int stride, double dpi,
                   const std::string& path) {
  PngChunks png(path);
  unsigned char ihdr[13] = {};
  put_be32(ihdr, static_cast<std::uint32_t>(width));
  put_be32(ihdr + 4, static_cast<std::uint32_t>(height));
  ihdr[8] = 8;  // bits per channel
  ihdr[9] = 2;  // RGB; compression, filter method and interlace 0
  png.chunk("IHDR", ihdr, sizeof ihdr);
  // Dots per metre, so viewers and print dialogs size the page right.
  unsigned char phys[9] = {};
  const auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  put_be32(phys, per_metre);
  put_be32(phys + 4, per_metre);
  phys[8] = 1;  // the unit is the metre
  png.chunk("pHYs", phys, sizeof phys);

  // Rows are filtered into a block of a few hundred kilobytes at a time (not the page's 26 MB,
  // fresh pages being dear here) and deflated as one zlib stream; compressed data leaves in
  // IDAT chunks as it fills the out buffer.
  const std::size_t row_bytes = std::size_t(width) * 3;
  const int block_rows = std::max(1, int((std::size_t(1) << 19) / (row_bytes + 1)));
  std::vector<unsigned char> in(std::size_t(block_rows) * (row_bytes + 1));
  const std::vector<std::uint32_t> zeros(std::size_t(width), 0);  // above the first row
  const auto up_row = __builtin_cpu_supports("ssse3") ? &up_row_ssse3 : &up_row_plain;
  std::vector<unsigned char> out(std::size_t(1) << 18);
  std::vector<unsigned char> level_buf(ISAL_DEF_LVL1_DEFAULT);
  isal_zstream z;
  isal_deflate_init(&z);
  z.level = 1;
  z.level_buf = level_buf.data();
  z.level_buf_size = static_cast<std::uint32_t>(level_buf.size());
  z.gzip_flag = IGZIP_ZLIB;
  z.flush = NO_FLUSH;
  std::size_t used = 0;  // of out
  bool ok = true;
  const auto row = [&](int y) {
    return reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
  };
  for (int y0 = 0; y0 < height && ok; y0 += block_rows) {
    const int rows = std::min(block_rows, height - y0);
    unsigned char* dst = in.data();
    for (int y = y0; y < y0 + rows; ++y) {
      *dst++ = 2;  // "up": each byte less the one above it
      up_row(row(y), y == 0 ? zeros.data() : row(y - 1), width, dst);
      dst += row_bytes;
    }
    const bool last = y0 + rows == height;
    z.next_in = in.data();
    z.avail_in = static_cast<std::uint32_t>(dst - in.data());
    z.end_of_stream = last ? 1 : 0;
    do {
      z.next_out = out.data() + used;
      z.avail_out = static_cast<std::uint32_t>(out.size() - used);
      if (isal_deflate(&z) != COMP_OK) {
        ok = false;
        break;
      }
      used = out.size() - z.avail_out;
      if (used == out.size()) {
        png.chunk("IDAT", out.data(), used);
        used = 0;
      }
    } while (z.avail_in > 0 || (last && z.internal_state.state != ZSTATE_END));
  }
  if (ok && used > 0) png.chunk("IDAT", out.data(), used);
  png.chunk("IEND", nullptr, 0);
  return png.close_ok() && ok;
}

}  // namespace reachmap::detail
