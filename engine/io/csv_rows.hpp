// The row loop every CSV loader shares: each data row counted in its file's account, a row of
// the wrong shape rejected, the others handed to the loader. One place, so that every input's
// rows add up the same way in the manifest.
#pragma once

#include <string>
#include <utility>

#include "engine/core/accounting.hpp"
#include "engine/io/csv_reader.hpp"

namespace reachmap {

inline constexpr const char* kWrongFieldCount = "wrong field count";

// Reads the rest of `csv`: counts every row in the account of csv.display(), rejects one whose
// field count differs from the header's (its reason "wrong field count", its value the counts)
// and calls `use(row, account)` with each other row; `use` uses, excludes or rejects it. Returns
// the account. A template, not std::function: attendance files run to tens of millions of rows.
template <class Use>
FileAccount& for_each_row(CsvReader& csv, Accounting& accounting, Use&& use) {
  const std::string& file = csv.display();
  FileAccount& account = accounting.file(file);
  CsvRow row;
  while (csv.next(row)) {
    ++account.rows;
    if (auto problem = csv.field_count_problem(row); !problem.empty()) {
      accounting.reject(file, row.line, kWrongFieldCount, std::move(problem));
      continue;
    }
    use(static_cast<const CsvRow&>(row), account);
  }
  return account;
}

}  // namespace reachmap
