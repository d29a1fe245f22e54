// Writes CSV rows, quoting only where RFC 4180 requires it.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace reachmap {

std::string csv_escape(std::string_view field);

inline void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    out << csv_escape(fields[i]);
  }
  out << '\n';
}

}  // namespace reachmap
