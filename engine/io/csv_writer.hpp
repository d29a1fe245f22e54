// Writes CSV rows, quoting only where RFC 4180 requires it.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace reachmap {

// Quotes a field holding , " CR or LF, or starting with a byte order mark.
std::string csv_escape(std::string_view field);

// A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a
// carriage return) gets a leading ' (OWASP's advice against CSV injection). For text only:
// numbers are written as they are.
std::string neutralise_formula(std::string_view text);

inline void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    out << csv_escape(fields[i]);
  }
  out << '\n';
}

}  // namespace reachmap
