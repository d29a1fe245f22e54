// A CSV output read whole as text, for tests that look at a run's tables cell by cell.
#pragma once

#include <string>
#include <vector>

#include "engine/io/csv_reader.hpp"

namespace reachmap::testsupport {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The column's index, or -1.
  int col(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  }
};

inline CsvTable read_csv_table(const std::string& path) {
  CsvTable t;
  CsvReader csv(path);
  t.header = csv.header();
  CsvRow row;
  while (csv.next(row)) {
    t.rows.emplace_back();
    for (std::size_t c = 0; c < t.header.size(); ++c) t.rows.back().emplace_back(row[c]);
  }
  return t;
}

}  // namespace reachmap::testsupport
