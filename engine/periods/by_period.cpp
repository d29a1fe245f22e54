#include "engine/periods/by_period.hpp"

#include <sstream>

#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/io/table_csv.hpp"

namespace reachmap {

std::vector<std::string> period_header() {
  return {name_of(Col::kPeriod), name_of(Col::kPeriodName)};
}

std::vector<std::string> period_fields(const NamedPeriod& period) {
  return {period_label(period.period), period.name};
}

void append_period_rows(std::string& text, const Table& table, const NamedPeriod& period) {
  std::ostringstream header, rows;
  write_csv_row(header, table_header(table, period_header()));
  if (text.empty()) {
    text = header.str();
  } else if (text.compare(0, header.str().size(), header.str()) != 0) {
    throw Error(ErrorCode::kInternal,
                "the tables of the periods differ in their columns (" + period.name + ")", {},
                "report this: every period is measured by the same code");
  }
  write_table_rows(rows, table, period_fields(period));
  text += rows.str();
}

}  // namespace reachmap
