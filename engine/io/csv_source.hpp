// A CSV input as the config names it: where it is, how the user wrote it, its text encoding
// and the config section it comes from (for hints); and a column of it the config names.
#pragma once

#include <string>
#include <utility>

#include "engine/core/text.hpp"

namespace reachmap {

// A column name from the config, remembering whether the user set it (then it must exist)
// or it is a default (then an absent optional column is simply not used).
struct Column {
  std::string name;
  bool explicit_ = false;
  std::string key;  // config key, e.g. "[registrations] child_id", for hints
};

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
