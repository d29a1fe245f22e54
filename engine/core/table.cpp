#include "engine/core/table.hpp"

#include "engine/core/number_format.hpp"

namespace reachmap {

std::string format_cell(const Cell& cell) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(double d) const { return format_number(d); }
    std::string operator()(std::int64_t i) const { return format_number(i); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
  };
  return std::visit(Visitor{}, cell);
}

std::optional<std::pair<std::int64_t, std::int64_t>> parse_band(const std::string& band) {
  const auto dash = band.find('-');
  if (dash == std::string::npos || dash == 0) return std::nullopt;
  const auto lo = parse_int(std::string_view(band).substr(0, dash));
  const auto hi = parse_int(std::string_view(band).substr(dash + 1));
  if (!lo || !hi) return std::nullopt;
  return std::pair{*lo, *hi};
}

}  // namespace reachmap
