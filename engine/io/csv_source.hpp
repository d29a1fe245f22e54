// A CSV input as the config names it: where it is, how the user wrote it, its text encoding
// and the config section it comes from (for hints).
#pragma once

#include <string>
#include <utility>

#include "engine/core/text.hpp"

namespace reachmap {

struct CsvSource {
  CsvSource() = default;
  CsvSource(std::string path_, std::string display_)
      : path(std::move(path_)), display(std::move(display_)) {}
  std::string path;     // resolved against the config folder
  std::string display;  // as the user wrote it, for messages
  TextEncoding encoding = TextEncoding::kUtf8;
  std::string section;  // e.g. "registrations", for hints; empty outside a config
  // Rows about children (registrations, attendance): messages name the line and column but
  // never print a value, which could be a child's id or postcode.
  bool personal = false;
};

}  // namespace reachmap
