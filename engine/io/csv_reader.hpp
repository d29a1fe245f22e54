// Streaming RFC 4180 CSV reader: quotes, embedded newlines, CRLF, a UTF-8 BOM, blank lines
// skipped. Each row knows the line it starts on, so errors can name file:line. Guards at the
// door: every field is UTF-8 (or transcoded from Windows-1252), no field is longer than
// kMaxFieldBytes, and a quoted field may span lines only in a column that can hold a line break
// (a stray quote must not swallow rows), so each of these is an error naming the line.
#pragma once

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/csv_source.hpp"

namespace reachmap {

struct Column;  // a column the config names (engine/io/csv_source.hpp)

class CsvRow {
 public:
  std::size_t line = 0;  // 1-based physical line where the row starts
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1] + gap_;
    return text().substr(begin, ends_[i] - begin);
  }
  std::vector<std::string> to_strings() const;

 private:
  friend class CsvReader;
  struct Multiline {
    std::size_t field, opened, closed;  // the field and the lines its quotes are on
  };
  // The fields' text and where each ends in it; gap_ is 1 when storage_ is the line as it
  // stands (the fields apart by their commas), 0 when the fields were unquoted into it.
  std::string storage_;
  // A chunk's plain line is not copied: the fields are in the chunk's bytes, borrowed_ (for as
  // long as the reader's bytes live; null: in storage_).
  const char* borrowed_ = nullptr;
  std::size_t borrowed_size_ = 0;
  std::string_view text() const {
    return borrowed_ ? std::string_view(borrowed_, borrowed_size_) : std::string_view(storage_);
  }
  std::vector<std::size_t> ends_;
  std::size_t gap_ = 0;
  std::vector<Multiline> multiline_;
};

class CsvReader {
 public:
  static constexpr std::size_t kMaxFieldBytes = 1 << 16;
  // A quoted field in a column that may hold line breaks still ends within this many lines.
  static constexpr std::size_t kMaxFieldLines = 20;

  explicit CsvReader(CsvSource source);
  // For files without a header row (e.g. OS Code-Point Open): `names` are the columns and
  // every line is data.
  CsvReader(CsvSource source, std::vector<std::string> names);
  // A UTF-8 file outside a config; `display` is the name used in messages.
  CsvReader(const std::string& path, std::string display = {});
  // The rows of `file`'s bytes [begin, end), which start on line `first_line`: a chunk of the
  // same file, read with its header, columns and guards (engine/io/csv_chunks.hpp). The bytes
  // must outlive the reader.
  CsvReader(const CsvReader& file, const char* begin, const char* end, std::size_t first_line);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::vector<std::string>& header() const { return header_; }
  const std::string& display() const { return source_.display; }
  // Index of a header column, or -1. A column found is one reachmap reads (an id, a code, a
  // date, a number): its fields may not span lines.
  int find_column(std::string_view name) const;
  // Index of a required column; throws an Error naming the file and listing the columns.
  std::size_t require_column(std::string_view name, std::string_view config_key) const;
  // A column the config may name: required when the user named it (`named`), else used only
  // when present under its default name; -1 when absent.
  int optional_column(std::string_view name, bool named, std::string_view config_key) const {
    return named ? static_cast<int>(require_column(name, config_key)) : find_column(name);
  }
  // The same for a column named in the config: its name, whether the user set it, its key.
  std::size_t require_column(const Column& column) const;
  int optional_column(const Column& column) const;

  // Empty when the row has as many fields as the header; else what is wrong, for the rejects.
  std::string field_count_problem(const CsvRow& row) const;
  // Lets a column that is read hold line breaks (free text such as names). Columns nobody
  // reads may too; in columns found above a field spanning lines is an error naming the line
  // its quote opened on, and anywhere a field spanning more than kMaxFieldLines is.
  void allow_line_breaks(std::size_t column);

  // Reads the next non-blank row; false at the end of the file.
  bool next(CsvRow& row);
  std::size_t rows_read() const { return rows_read_; }
  // Where the next row starts: the byte offset in the file (a file reader's) and the line.
  std::size_t offset() const { return read_before_ + pos_; }
  std::size_t line() const { return line_; }
  const CsvSource& source() const { return source_; }

 private:
  void open();
  void read_header();
  int get();
  int peek();
  bool fill();
  void check_row(CsvRow& row) const;
  // The fast path of next(): the line at the read position, when it is whole in the buffer
  // with no quote, no stray CR and no field past kMaxFieldBytes, scanned once; false (nothing
  // read) otherwise.
  bool next_plain_line(CsvRow& row);
  std::string column_name(std::size_t field) const;
  // A personal file's first line is shown in messages only when every cell of it looks like a
  // column name: a file without a header row would otherwise print a child's id, postcode and
  // birth date as its "columns".
  bool header_looks_like_names() const;
  // A column name of the input contract, or one the caller asked for.
  bool known_name(std::string_view cell) const;
  bool shows_header_cell(std::string_view cell) const;
  // Whether `text` (a header read as one column) is names only, split on `sep`.
  bool names_only(std::string_view text, char sep) const;
  // A value for a message: its first 80 characters, quoted, or nothing from a personal file.
  std::string shown(std::string_view field, bool say_length = true) const;
  [[noreturn]] void field_too_long(const CsvRow& row, bool quoted, std::size_t opened) const;

  std::FILE* file_ = nullptr;
  CsvSource source_;
  mutable std::vector<bool> single_line_;
  mutable std::set<std::string, std::less<>>
      asked_;  // names looked up (find_column)  // columns read as ids, codes, dates, numbers
  std::vector<char> buf_;
  const char* data_ = nullptr;  // buf_'s, or a chunk's bytes
  // A chunk's bytes outlive its rows: its plain lines are not copied (CsvRow::borrowed_).
  bool borrow_lines_ = false;
  std::size_t pos_ = 0, len_ = 0;
  std::size_t read_before_ = 0;  // bytes of the file before data_
  std::size_t line_ = 1;
  std::size_t rows_read_ = 0;
  std::vector<std::string> header_;
};

}  // namespace reachmap
