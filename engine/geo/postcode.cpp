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
}  // namespace

NormalisedPostcode normalise_postcode(std::string_view raw) {
  std::string compact;
  compact.reserve(raw.size());
  for (char c : raw) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') continue;
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
