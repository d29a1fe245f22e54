#include "engine/geo/postcode.hpp"

namespace reachmap {
namespace {
bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}

bool has_uk_shape(const std::string& p) {
  const std::size_t n = p.size();
  if (n < 6 || n > 8 || p[n - 4] != ' ') return false;
  if (!digit(p[n - 3]) || !upper(p[n - 2]) || !upper(p[n - 1])) return false;
  const std::string_view out(p.data(), n - 4);  // outward code: A9, A9A, A99, AA9, AA9A, AA99
  std::size_t i = 0;
  while (i < out.size() && i < 2 && upper(out[i])) ++i;
  if (i == 0 || i >= out.size() || !digit(out[i])) return false;
  ++i;
  if (i < out.size() && (upper(out[i]) || digit(out[i]))) ++i;
  return i == out.size();
}
// Bytes of a UTF-8 space or invisible character at `i` (no-break, narrow no-break, en to hair
// spaces, zero-width space/joiners, word joiner, ideographic space, byte order mark), else 0.
// Pasted from web pages and spreadsheets, they hide inside postcodes.
std::size_t unicode_space_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const std::size_t left = s.size() - i;
  if (left >= 2 && b(0) == 0xC2 && b(1) == 0xA0) return 2;  // U+00A0
  if (left < 3) return 0;
  if (b(0) == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8D || b(2) == 0xAF))
    return 3;                                                  // U+2000-200D, 202F
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0xA0) return 3;  // U+2060
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;  // U+FEFF
  return 0;
}
}  // namespace

NormalisedPostcode normalise_postcode(std::string_view raw) {
  std::string compact;
  compact.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') continue;
    if (const std::size_t n = unicode_space_at(raw, i)) {
      i += n - 1;
      continue;
    }
    compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (compact.empty()) return {PostcodeStatus::kMissing, {}};
  if (compact.size() < 5) return {PostcodeStatus::kMalformed, {}};
  std::string spaced =
      compact.substr(0, compact.size() - 3) + " " + compact.substr(compact.size() - 3);
  if (!has_uk_shape(spaced)) return {PostcodeStatus::kMalformed, {}};
  return {PostcodeStatus::kOk, std::move(spaced)};
}

}  // namespace reachmap
