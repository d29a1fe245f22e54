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

std::optional<double> cell_number(const Cell& cell) {
  if (const auto* d = std::get_if<double>(&cell)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
  return std::nullopt;
}

}  // namespace reachmap
