// The postcode normaliser on any text: a postcode it accepts has the UK shape, and
// normalising it again changes nothing.
#include <string_view>

#include "engine/geo/postcode.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace reachmap;

namespace {
bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}

// ^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$
bool uk_shape(std::string_view p) {
  if (p.size() < 6 || p.size() > 8) return false;
  const std::size_t space = p.size() - 4;
  if (p[space] != ' ' || !digit(p[space + 1]) || !upper(p[space + 2]) || !upper(p[space + 3]))
    return false;
  const std::string_view out = p.substr(0, space);
  std::size_t i = 0;
  while (i < out.size() && upper(out[i])) ++i;
  if (i < 1 || i > 2 || i >= out.size() || !digit(out[i])) return false;
  ++i;
  if (i < out.size() && (upper(out[i]) || digit(out[i]))) ++i;
  return i == out.size();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const NormalisedPostcode p = normalise_postcode(raw);
  if (p.status != PostcodeStatus::kOk) {
    fuzz::require(p.value.empty() || p.status == PostcodeStatus::kMalformed, "status and value");
    return 0;
  }
  fuzz::require(uk_shape(p.value), "an accepted postcode has the UK shape");
  const NormalisedPostcode again = normalise_postcode(p.value);
  fuzz::require(again.status == PostcodeStatus::kOk && again.value == p.value,
                "normalising is idempotent");
  return 0;
}
