#include "engine/io/csv_writer.hpp"

namespace reachmap {

std::string csv_escape(std::string_view field) {
  // A field starting with U+FEFF is quoted too: first in a file, a reader would take it for a
  // byte order mark and drop it (found by tests/fuzz/csv_reader_fuzz).
  if (field.find_first_of(",\"\r\n") == std::string_view::npos &&
      field.rfind("\xEF\xBB\xBF", 0) != 0)
    return std::string(field);
  std::string s = "\"";
  for (char c : field) {
    if (c == '"') s += '"';
    s += c;
  }
  s += '"';
  return s;
}

std::string neutralise_formula(std::string_view text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    return "'" + std::string(text);
  return std::string(text);
}

}  // namespace reachmap
