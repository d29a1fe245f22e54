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

inline std::string_view trim(std::string_view s) {
  // Inline: called for every field of every row (a hundred million times on a national
  // attendance file), where a call cost more than the look at its ends.
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace reachmap
