// Numbers as they appear in outputs: shortest round-trip form, dot decimal separator.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reachmap {

inline std::string format_number(double v) {
  if (v == 0) return "0";  // never "-0"
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

inline std::string format_number(std::int64_t v) {
  return std::to_string(v);
}

// Strict parse of a whole field (surrounding spaces allowed); nullopt on anything else.
std::optional<double> parse_double(std::string_view text);
std::optional<std::int64_t> parse_int(std::string_view text);

std::string_view trim(std::string_view s);

}  // namespace reachmap
