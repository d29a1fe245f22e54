// The public tables as one Excel workbook (libxlsxwriter): a sheet per table with a frozen,
// filterable header row, percentages formatted as percentages, hidden (suppressed) cells
// hatched with their band, and text always written as text (never a formula).
#pragma once

#include <string>
#include <vector>

#include "engine/core/table.hpp"

namespace reachmap {

struct XlsxSheet {
  std::string name;  // up to 31 characters; []:*?/\ are replaced
  const Table* table = nullptr;
};

// Writes `target` atomically. `about` lines go on a first sheet ("About"); `created`
// (YYYY-MM-DD) is the workbook's creation date, so that the same inputs give the same bytes.
void write_tables_xlsx(const std::string& target, const std::vector<XlsxSheet>& sheets,
                       const std::vector<std::string>& about, const std::string& created);

}  // namespace reachmap
