#include "engine/io/csv_reader.hpp"

#include <cerrno>
#include <cstring>

#include "engine/core/error.hpp"

namespace reachmap {

std::vector<std::string> CsvRow::to_strings() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

void CsvReader::open(const std::string& path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_)
    throw Error(ErrorCode::kUnreadableInput, std::string("cannot open: ") + std::strerror(errno),
                {display_}, "check the path in the config (paths are relative to the config file)");
  // Skip a UTF-8 byte order mark.
  if (fill() && len_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

CsvReader::CsvReader(const std::string& path, std::string display, std::vector<std::string> names)
    : display_(display.empty() ? path : std::move(display)), buf_(1 << 20) {
  open(path);
  header_ = std::move(names);
}

CsvReader::CsvReader(const std::string& path, std::string display)
    : display_(display.empty() ? path : std::move(display)), buf_(1 << 20) {
  open(path);
  CsvRow row;
  if (!next(row))
    throw Error(ErrorCode::kUnreadableInput, "the file is empty: no header row", {display_},
                "the first line must name the columns");
  header_ = row.to_strings();
  for (auto& h : header_) {
    while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.pop_back();
    while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.erase(h.begin());
  }
  rows_read_ = 0;
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

int CsvReader::find_column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

std::size_t CsvReader::require_column(std::string_view name, std::string_view config_key) const {
  const int i = find_column(name);
  if (i >= 0) return static_cast<std::size_t>(i);
  std::string columns;
  for (const auto& h : header_) columns += (columns.empty() ? "" : ", ") + h;
  throw Error(ErrorCode::kUnreadableInput,
              "no column '" + std::string(name) + "' in the header (columns: " + columns + ")",
              {display_, 1},
              "rename the column in the file, or change " + std::string(config_key) +
                  " in the config to name one of the columns listed");
}

std::string CsvReader::field_count_problem(const CsvRow& row) const {
  if (row.size() == header_.size()) return {};
  return std::to_string(row.size()) + " fields, header has " + std::to_string(header_.size());
}

bool CsvReader::fill() {
  if (pos_ < len_) return true;
  len_ = std::fread(buf_.data(), 1, buf_.size(), file_);
  pos_ = 0;
  return len_ > 0;
}

int CsvReader::get() {
  if (pos_ >= len_ && !fill()) return EOF;
  return static_cast<unsigned char>(buf_[pos_++]);
}

int CsvReader::peek() {
  if (pos_ >= len_ && !fill()) return EOF;
  return static_cast<unsigned char>(buf_[pos_]);
}

bool CsvReader::next(CsvRow& row) {
  for (;;) {
    row.storage_.clear();
    row.ends_.clear();
    row.line = line_;
    // Fast path, most rows of most files: a whole line in the buffer with no quote and no
    // stray CR is split at its commas with memchr instead of byte by byte.
    if (pos_ < len_) {
      const char* start = buf_.data() + pos_;
      const auto* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      if (nl) {
        const char* end = nl > start && nl[-1] == '\r' ? nl - 1 : nl;
        const auto width = static_cast<std::size_t>(end - start);
        if (!std::memchr(start, '"', width) && !std::memchr(start, '\r', width)) {
          pos_ += static_cast<std::size_t>(nl - start) + 1;
          ++line_;
          if (width == 0) continue;  // blank line
          for (const char* p = start;;) {
            const auto* comma =
                static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
            if (!comma) {
              row.storage_.append(p, static_cast<std::size_t>(end - p));
              break;
            }
            row.storage_.append(p, static_cast<std::size_t>(comma - p));
            row.ends_.push_back(row.storage_.size());
            p = comma + 1;
          }
          row.ends_.push_back(row.storage_.size());
          ++rows_read_;
          return true;
        }
      }
    }
    int c = peek();
    if (c == EOF) return false;
    bool any_char = false, in_quotes = false;
    for (;;) {
      c = get();
      if (c == EOF) {
        if (in_quotes)
          throw Error(
              ErrorCode::kBadInput, "a quoted field is never closed", {display_, row.line},
              "a field that starts with \" must end with \"; write a literal quote as \"\"");
        break;
      }
      if (in_quotes) {
        if (c == '"') {
          if (peek() == '"') {
            get();
            row.storage_.push_back('"');
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line_;
          row.storage_.push_back(static_cast<char>(c));
        }
        continue;
      }
      if (c == '\n') {
        ++line_;
        break;
      }
      if (c == '\r') {
        if (peek() == '\n') continue;  // CRLF: the \n ends the row
        ++line_;                       // a lone CR (old Mac files) ends the row too
        break;
      }
      any_char = true;
      if (c == ',') {
        row.ends_.push_back(row.storage_.size());
      } else if (c == '"' && (row.storage_.size() == (row.ends_.empty() ? 0 : row.ends_.back()))) {
        in_quotes = true;  // a quote at the start of a field opens a quoted field
      } else {
        row.storage_.push_back(static_cast<char>(c));
      }
    }
    if (!any_char) {
      if (c == EOF) return false;
      continue;  // blank line
    }
    row.ends_.push_back(row.storage_.size());
    ++rows_read_;
    return true;
  }
}

}  // namespace reachmap
