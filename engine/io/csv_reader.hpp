// Streaming RFC 4180 CSV reader: quotes, embedded newlines, CRLF, a UTF-8 BOM, blank lines
// skipped. Each row knows the line it starts on, so errors can name file:line.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reachmap {

class CsvRow {
 public:
  std::size_t line = 0;  // 1-based physical line where the row starts
  std::size_t size() const { return ends_.size(); }
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(storage_).substr(begin, ends_[i] - begin);
  }
  std::vector<std::string> to_strings() const;

 private:
  friend class CsvReader;
  std::string storage_;
  std::vector<std::size_t> ends_;
};

class CsvReader {
 public:
  // `display` is the name used in messages (the path as the user wrote it).
  CsvReader(const std::string& path, std::string display = {});
  // For files without a header row (e.g. OS Code-Point Open): `names` are the columns and
  // every line is data.
  CsvReader(const std::string& path, std::string display, std::vector<std::string> names);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::vector<std::string>& header() const { return header_; }
  const std::string& display() const { return display_; }
  // Index of a header column, or -1.
  int find_column(std::string_view name) const;
  // Index of a required column; throws an Error naming the file and listing the columns.
  std::size_t require_column(std::string_view name, std::string_view config_key) const;

  // Empty when the row has as many fields as the header; else what is wrong, for the rejects.
  std::string field_count_problem(const CsvRow& row) const;

  // Reads the next non-blank row; false at the end of the file.
  bool next(CsvRow& row);
  std::size_t rows_read() const { return rows_read_; }

 private:
  void open(const std::string& path);
  int get();
  int peek();
  bool fill();

  std::FILE* file_ = nullptr;
  std::string display_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, len_ = 0;
  std::size_t line_ = 1;
  std::size_t rows_read_ = 0;
  std::vector<std::string> header_;
};

}  // namespace reachmap
