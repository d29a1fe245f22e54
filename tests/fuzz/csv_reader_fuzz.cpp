// The CSV reader on any bytes: it returns rows or throws reachmap::Error, nothing else. Every
// row it returns is UTF-8, has no field over the limit, and survives a write and a re-read.
#include <algorithm>

#include "engine/core/error.hpp"
#include "engine/core/text.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/io/csv_writer.hpp"
#include "tests/fuzz/fuzz_support.hpp"

using namespace reachmap;

namespace {
// Every row read, written with csv_escape and read again, gives the same fields.
void round_trip(const std::vector<std::vector<std::string>>& rows) {
  std::string text;
  std::vector<std::vector<std::string>> kept;
  std::size_t width = 0;
  for (const auto& fields : rows) {
    bool fits = !(fields.size() == 1 && fields[0].empty());  // a blank line is no row
    for (const auto& f : fields) fits &= f.size() <= CsvReader::kMaxFieldBytes / 2;
    if (!fits) continue;
    for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + csv_escape(fields[i]);
    text += "\n";
    kept.push_back(fields);
    width = std::max(width, fields.size());
  }
  fuzz::MemoryFile file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), "again");
  CsvReader again(CsvSource(file.path(), "again"), std::vector<std::string>(width));
  CsvRow row;
  for (const auto& fields : kept) {
    fuzz::require(again.next(row), "a written row reads back");
    fuzz::require(row.to_strings() == fields, "a written row reads back the same");
  }
  fuzz::require(!again.next(row), "no more rows read back than written");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the encoding and which columns count as read.
  const std::uint8_t mode = data[0];
  fuzz::MemoryFile file(data + 1, size - 1);
  try {
    CsvSource source(file.path(), "fuzz.csv");
    source.encoding = mode & 1 ? TextEncoding::kWindows1252 : TextEncoding::kUtf8;
    CsvReader csv(source);
    for (const char* name : {"child_id", "postcode", "date", "name"}) {
      if (mode & 2) {
        try {
          csv.require_column(name, "[fuzz] column");
        } catch (const Error&) {
        }
      } else {
        csv.find_column(name);
      }
    }
    CsvRow row;
    std::size_t last_line = 0;
    std::vector<std::vector<std::string>> rows;
    while (csv.next(row)) {
      fuzz::require(row.line > last_line, "rows start on increasing lines");
      last_line = row.line;
      fuzz::require(row.size() >= 1, "a row has a field");
      csv.field_count_problem(row);
      for (std::size_t i = 0; i < row.size(); ++i) {
        fuzz::require(invalid_utf8_at(row[i]) == std::string::npos, "fields are UTF-8");
        fuzz::require(row[i].size() <= 3 * CsvReader::kMaxFieldBytes + 3, "fields are bounded");
      }
      rows.push_back(row.to_strings());
    }
    round_trip(rows);
  } catch (const Error& e) {
    fuzz::require(!e.message().empty(), "an error says what is wrong");
    fuzz::require(invalid_utf8_at(e.what()) == std::string::npos, "messages are UTF-8");
    fuzz::require(std::string(e.what()).size() < 4096, "messages are short");
  }
  return 0;
}
