#include "engine/io/csv_reader.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <map>
#include <set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/io/csv_source.hpp"

namespace reachmap {

namespace {
std::string encoding_hint(const CsvSource& s) {
  const std::string where = s.section.empty() ? "the section of this file" : "[" + s.section + "]";
  return "save the file as \"CSV UTF-8\" (Excel: File > Save As), or, if it comes from an "
         "older Windows program, add encoding = \"windows-1252\" to " +
         where + " in the config";
}
}  // namespace

std::vector<std::string> CsvRow::to_strings() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

void CsvReader::open() {
  const std::string& display = source_.display;
  struct stat st {};
  if (::stat(source_.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error(ErrorCode::kUnreadableInput, "is a folder, not a file", {display},
                "give the path of the CSV file inside it (paths are relative to the config file)");
  file_ = std::fopen(source_.path.c_str(), "rb");
  if (!file_)
    throw Error(ErrorCode::kUnreadableInput, std::string("cannot open: ") + std::strerror(errno),
                {display}, "check the path in the config (paths are relative to the config file)");
  // A small file needs no 1 MiB buffer (and many small files are read).
  if (::fstat(fileno(file_), &st) == 0 && S_ISREG(st.st_mode))
    buf_.resize(std::min<std::size_t>(buf_.size(), static_cast<std::size_t>(st.st_size) + 1));
  if (!fill()) return;
  const auto starts = [&](const char* magic, std::size_t n) {
    return len_ >= n && std::memcmp(data_, magic, n) == 0;
  };
  if (starts("\xEF\xBB\xBF", 3)) pos_ = 3;  // a UTF-8 byte order mark
  if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2))
    throw Error(ErrorCode::kBadInput, "the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV",
                {display, 1}, "save it as \"CSV UTF-8\" (Excel: File > Save As)");
  if (starts("PK\x03\x04", 4))
    throw Error(ErrorCode::kBadInput, "the file is a zip archive or an Excel workbook, not CSV",
                {display, 1}, "open it in Excel and save it as \"CSV UTF-8\" (File > Save As)");
}

CsvReader::CsvReader(CsvSource source, std::vector<std::string> names)
    : source_(std::move(source)), buf_(1 << 20) {
  open();
  header_ = std::move(names);
}

CsvReader::CsvReader(CsvSource source) : source_(std::move(source)), buf_(1 << 20) {
  open();
  read_header();
}

CsvReader::CsvReader(const std::string& path, std::string display)
    : CsvReader(CsvSource(path, display.empty() ? path : std::move(display))) {}

CsvReader::CsvReader(const CsvReader& file, const char* begin, const char* end,
                     std::size_t first_line)
    : source_(file.source_),
      single_line_(file.single_line_),
      asked_(file.asked_),
      data_(begin),
      len_(static_cast<std::size_t>(end - begin)),
      line_(first_line),
      header_(file.header_) {
  borrow_lines_ = true;
}

namespace {

// A column name rather than a value: letters with at most a few digits between them
// ("lsoa21cd", "Registered On", "ChildRef"), not an id ("NB00001"), a date, a postcode
// ("QX3 1AD") or a number. Names in a personal file are shown only when every cell of its
// first line looks like one.
bool looks_like_column_name(std::string_view h) {
  if (h.empty() || h.size() > 40) return false;
  std::size_t letters = 0, digit_run = 0, longest_digit_run = 0, digits = 0;
  for (unsigned char c : h) {
    const bool digit = c >= '0' && c <= '9';
    if (std::isalpha(c)) ++letters;
    digit_run = digit ? digit_run + 1 : 0;
    digits += digit;
    longest_digit_run = std::max(longest_digit_run, digit_run);
    if (!(std::isalnum(c) || c == ' ' || c == '_' || c == '-' || c == '.' || c == '(' || c == ')' ||
          c == '/' || c >= 0x80))
      return false;
  }
  if (letters < 2 || longest_digit_run > 2 || digits * 2 > letters) return false;
  // An outward/inward postcode: a digit followed by a space and a digit.
  for (std::size_t i = 0; i + 2 < h.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(h[i])) && h[i + 1] == ' ' &&
        std::isdigit(static_cast<unsigned char>(h[i + 2])))
      return false;
  return true;
}

}  // namespace

void CsvReader::read_header() {
  CsvRow row;
  if (!next(row))
    throw Error(ErrorCode::kUnreadableInput, "the file is empty: no header row", {source_.display},
                "the first line must name the columns");
  header_ = row.to_strings();
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < header_.size(); ++i) {
    std::string& h = header_[i];
    while (!h.empty() && (h.back() == ' ' || h.back() == '\t')) h.pop_back();
    while (!h.empty() && (h.front() == ' ' || h.front() == '\t')) h.erase(h.begin());
    if (h.empty()) continue;  // unnamed trailing columns, as spreadsheets write them
    auto [it, fresh] = seen.emplace(h, i);
    if (!fresh)
      throw Error(ErrorCode::kBadInput,
                  "the column name " +
                      (shows_header_cell(h) ? "'" + excerpt(h) + "'"
                                            : std::string("(not shown: personal data)")) +
                      " is used twice in the header (columns " + std::to_string(it->second + 1) +
                      " and " + std::to_string(i + 1) + ")",
                  {source_.display, row.line},
                  "rename one of them: reachmap cannot tell which one is meant");
  }
  rows_read_ = 0;
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

int CsvReader::find_column(std::string_view name) const {
  asked_.emplace(name);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] != name) continue;
    if (single_line_.size() <= i) single_line_.resize(i + 1, false);
    single_line_[i] = true;
    return static_cast<int>(i);
  }
  return -1;
}

std::size_t CsvReader::require_column(std::string_view name, std::string_view config_key) const {
  const int i = find_column(name);
  if (i >= 0) return static_cast<std::size_t>(i);
  // One column holding separators: the file is delimited by something other than commas.
  if (header_.size() == 1) {
    for (auto [sep, said] :
         {std::pair{';', "semicolons (;)"}, {'\t', "tabs"}, {'|', "vertical bars (|)"}}) {
      if (header_[0].find(sep) == std::string::npos) continue;
      throw Error(ErrorCode::kBadInput,
                  std::string("the columns are separated by ") + said +
                      ", not commas: the header reads as one column " +
                      (names_only(header_[0], sep) ? "'" + excerpt(header_[0]) + "'"
                                                   : std::string("(not shown: personal data)")),
                  {source_.display, 1},
                  "save the file as \"CSV UTF-8 (comma delimited)\" (Excel: File > Save As); "
                  "spreadsheets set to a European locale write ; instead");
    }
  }
  if (source_.personal && !header_looks_like_names())
    throw Error(ErrorCode::kUnreadableInput,
                "no column '" + std::string(name) +
                    "' in the header, and its first line does not look like a header: it "
                    "holds values (ids, postcodes, dates), not column names (not shown: "
                    "personal data)",
                {source_.display, 1},
                "add a first line naming the columns (e.g. " + std::string(name) + "), or change " +
                    std::string(config_key) + " in the config");
  std::string columns;
  std::size_t hidden = 0;
  for (const auto& h : header_)
    if (shows_header_cell(h))
      columns += (columns.empty() ? "" : ", ") + h;
    else
      hidden += !h.empty();
  if (hidden)
    columns += (columns.empty() ? "" : " and ") + std::to_string(hidden) +
               (columns.empty() ? " columns" : " more") +
               " not shown (personal data: only names reachmap reads are shown)";
  throw Error(ErrorCode::kUnreadableInput,
              "no column '" + std::string(name) +
                  "' in the header (columns: " + excerpt(columns, 400) + ")",
              {source_.display, 1},
              "rename the column in the file, or change " + std::string(config_key) +
                  " in the config to name one of the columns listed");
}

std::size_t CsvReader::require_column(const Column& column) const {
  return require_column(column.name, column.key);
}

int CsvReader::optional_column(const Column& column) const {
  return optional_column(column.name, column.explicit_, column.key);
}

namespace {
// The column names of the input contract (README): a personal file's header cell is shown in
// a message only when it is one of these or a name the config asked for. A header-less file's
// first line can look like names ("Amelia Jones", "EC1A 1BB"), so shape alone is not enough.
bool contract_name(std::string_view cell) {
  static const std::set<std::string, std::less<>> names{
      "child_id", "family_id",       "postcode",       "birth_date",  "registered_on",
      "date",     "centre_id",       "service",        "carer",       "notes",
      "nhs_no",   "nhs_number",      "lone_parent",    "teen_parent", "workless",
      "disabled", "minority_ethnic", "welsh_speaking", "match_id"};
  std::string lower(cell);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  return names.count(lower) > 0;
}
}  // namespace

bool CsvReader::known_name(std::string_view cell) const {
  return contract_name(cell) || asked_.count(std::string(cell)) > 0;
}

bool CsvReader::header_looks_like_names() const {
  for (const auto& h : header_)
    if (!h.empty() && !looks_like_column_name(h)) return false;
  return true;
}

bool CsvReader::names_only(std::string_view text, char sep) const {
  if (!source_.personal) return true;
  for (std::size_t begin = 0; begin <= text.size();) {
    const std::size_t end = std::min(text.find(sep, begin), text.size());
    const std::string_view part = text.substr(begin, end - begin);
    if (!known_name(part)) return false;
    begin = end + 1;
  }
  return true;
}

bool CsvReader::shows_header_cell(std::string_view cell) const {
  return !source_.personal || (known_name(cell) && header_looks_like_names());
}

std::string CsvReader::field_count_problem(const CsvRow& row) const {
  if (row.size() == header_.size()) return {};
  return std::to_string(row.size()) + " fields, header has " + std::to_string(header_.size());
}

void CsvReader::allow_line_breaks(std::size_t column) {
  if (column < single_line_.size()) single_line_[column] = false;
}

std::string CsvReader::column_name(std::size_t field) const {
  if (field < header_.size() && !header_[field].empty() && shows_header_cell(header_[field]))
    return excerpt(header_[field], 40);
  return "field " + std::to_string(field + 1);
}

std::string CsvReader::shown(std::string_view field, bool say_length) const {
  if (source_.personal) return "(the value is not shown: personal data)";
  return "\"" + excerpt(field, 80, say_length) + "\"";
}

void CsvReader::field_too_long(const CsvRow& row, bool quoted, std::size_t opened) const {
  const std::size_t field = row.ends_.size();
  const std::size_t begin = field == 0 ? 0 : row.ends_.back();
  const std::string start = shown(row.text().substr(begin, 400), false);
  if (quoted)
    throw Error(ErrorCode::kBadInput,
                "a quoted field opened on line " + std::to_string(opened) + " runs past " +
                    std::to_string(kMaxFieldBytes) + " bytes: " + start,
                {source_.display, opened, column_name(field)},
                "a \" at the start of a field opens a quoted field that ends only at the next \"; "
                "look on line " +
                    std::to_string(opened) +
                    " for a quote without its partner (a quote inside a field is written \"\")");
  throw Error(ErrorCode::kBadInput,
              "a field is longer than " + std::to_string(kMaxFieldBytes) + " bytes: " + start,
              {source_.display, row.line, column_name(field)},
              "no input column holds text this long: is this the right file, and is it CSV?");
}

bool CsvReader::fill() {
  if (pos_ < len_) return true;
  if (!file_) return false;  // a chunk's bytes: all there from the start
  read_before_ += len_;
  len_ = std::fread(buf_.data(), 1, buf_.size(), file_);
  data_ = buf_.data();
  pos_ = 0;
  return len_ > 0;
}

int CsvReader::get() {
  if (pos_ >= len_ && !fill()) return EOF;
  return static_cast<unsigned char>(data_[pos_++]);
}

int CsvReader::peek() {
  if (pos_ >= len_ && !fill()) return EOF;
  return static_cast<unsigned char>(data_[pos_]);
}

// The guards every row passes, on either path of next(): line breaks only where allowed, and
// text that is UTF-8 (transcoded first when the file is Windows-1252).
void CsvReader::check_row(CsvRow& row) const {
  for (const auto& m : row.multiline_) {
    const bool allowed = !(m.field < single_line_.size() && single_line_[m.field]);
    if (allowed && m.closed - m.opened < kMaxFieldLines) continue;
    throw Error(ErrorCode::kBadInput,
                "a quoted field opened on line " + std::to_string(m.opened) + " runs on to line " +
                    std::to_string(m.closed) +
                    (allowed ? "" : ", but this column cannot hold a line break"),
                {source_.display, m.opened, column_name(m.field)},
                "a \" at the start of a field opens a quoted field that ends only at the next "
                "\"; look on line " +
                    std::to_string(m.opened) +
                    " for a quote without its partner (a quote inside a field is written \"\")");
  }
  bool plain = true;
  for (char c : row.text()) plain &= static_cast<unsigned char>(c) - 1u < 0x7Fu;  // 1..127
  if (plain) return;
  for (std::size_t f = 0; f < row.size(); ++f) {
    if (row[f].find('\0') != std::string_view::npos)
      throw Error(ErrorCode::kBadInput, "the field holds a NUL byte",
                  {source_.display, row.line, column_name(f)},
                  "this is not a text file: is it the right file?");
  }
  if (source_.encoding == TextEncoding::kWindows1252) {
    std::string text;
    std::vector<std::size_t> ends;
    for (std::size_t f = 0; f < row.size(); ++f) {
      text += windows1252_to_utf8(row[f]);
      ends.push_back(text.size());
    }
    row.storage_ = std::move(text);
    row.borrowed_ = nullptr;
    row.ends_ = std::move(ends);
    row.gap_ = 0;
    return;
  }
  for (std::size_t f = 0; f < row.size(); ++f) {
    const std::string_view field = row[f];
    const std::size_t at = invalid_utf8_at(field);
    if (at == std::string_view::npos) continue;
    std::size_t character = 1;  // 1-based character position of the bad byte
    for (std::size_t i = 0; i < at; ++i)
      character += (static_cast<unsigned char>(field[i]) & 0xC0) != 0x80;
    static const char* hex = "0123456789ABCDEF";
    const auto b = static_cast<unsigned char>(field[at]);
    throw Error(ErrorCode::kBadInput,
                std::string("the text is not UTF-8: byte 0x") + hex[b >> 4] + hex[b & 15] +
                    " at character " + std::to_string(character) + " of " + shown(field),
                {source_.display, row.line, column_name(f)}, encoding_hint(source_));
  }
}

bool CsvReader::next_plain_line(CsvRow& row) {
  // One pass over the line's bytes: its commas, its end, and whether any byte is past ASCII
  // (then check_row validates the text) or a NUL. Only a byte at or below ',' (a comma, a line
  // end, a quote, a control, a space and a few punctuation marks) needs a look: sixteen bytes
  // are sorted at a time with SSE2 (every x86-64 has it), the rest of the line byte by byte.
  const char* const start = data_ + pos_;
  const char* const limit = data_ + std::min(len_, pos_ + kMaxFieldBytes + 2);
  unsigned high = 0;
  const char* p = start;
  bool ended = false;
  // The byte at q, one at or below ','. False when the line must be read byte by byte.
  const auto look = [&](const char* q) {
    const auto c = static_cast<unsigned char>(*q);
    if (c == ',') {
      row.ends_.push_back(static_cast<std::size_t>(q - start));
    } else if (c == '\n' || (c == '\r' && q + 1 < limit && q[1] == '\n')) {
      ended = true;
    } else if (c == '"' || c == '\r') {
      return false;  // quoted fields and old Mac lines: byte by byte
    } else if (c == 0) {
      high |= 0x80;  // check_row names the NUL
    }
    return true;
  };
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  while (limit - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto past_ascii = unsigned(_mm_movemask_epi8(v));
    for (auto low = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, comma), v)));
         low != 0 && !ended; low &= low - 1) {
      const int at = std::countr_zero(low);
      if (!look(p + at)) return row.ends_.clear(), false;
      if (ended) {
        high |= past_ascii & ((1u << at) - 1) ? 0x80 : 0;  // this line's bytes only
        p += at;
      }
    }
    if (ended) break;
    high |= past_ascii ? 0x80 : 0;
    p += 16;
  }
#endif
  for (; !ended; ++p) {
    if (p == limit) return row.ends_.clear(), false;
    const auto c = static_cast<unsigned char>(*p);
    if (c > ',') {
      high |= c;
    } else if (!look(p)) {
      return row.ends_.clear(), false;
    } else if (ended) {
      break;
    }
  }
  const auto width = static_cast<std::size_t>(p - start);
  if (width > kMaxFieldBytes) return row.ends_.clear(), false;
  pos_ += width + (*p == '\r' ? 2 : 1);
  ++line_;
  if (width == 0) return true;  // blank: no fields
  if (borrow_lines_)
    row.borrowed_ = start, row.borrowed_size_ = width;
  else
    row.storage_.assign(start, width);
  row.ends_.push_back(width);
  row.gap_ = 1;
  if (high & 0x80) check_row(row);
  return true;
}

bool CsvReader::next(CsvRow& row) {
  for (;;) {
    row.storage_.clear();
    row.borrowed_ = nullptr;
    row.ends_.clear();
    row.multiline_.clear();
    row.line = line_;
    if (next_plain_line(row)) {
      if (row.ends_.empty()) continue;  // a blank line
      ++rows_read_;
      return true;
    }
    row.gap_ = 0;
    int c = peek();
    if (c == EOF) return false;
    bool any_char = false, in_quotes = false;
    std::size_t quote_opened = 0, field_start = 0;
    for (;;) {
      c = get();
      if (c == EOF) {
        if (in_quotes)
          throw Error(
              ErrorCode::kBadInput,
              "a quoted field opened on line " + std::to_string(quote_opened) + " is never closed",
              {source_.display, quote_opened, column_name(row.ends_.size())},
              "a field that starts with \" must end with \"; write a literal quote as \"\"");
        break;
      }
      if (row.storage_.size() - field_start > kMaxFieldBytes)
        field_too_long(row, in_quotes, quote_opened);
      if (in_quotes) {
        if (c == '"') {
          if (peek() == '"') {
            get();
            row.storage_.push_back('"');
          } else {
            in_quotes = false;
            if (line_ > quote_opened)
              row.multiline_.push_back({row.ends_.size(), quote_opened, line_});
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
        field_start = row.storage_.size();
      } else if (c == '"' && row.storage_.size() == field_start) {
        in_quotes = true;  // a quote at the start of a field opens a quoted field
        quote_opened = line_;
      } else {
        row.storage_.push_back(static_cast<char>(c));
      }
    }
    if (!any_char) {
      if (c == EOF) return false;
      continue;  // blank line
    }
    row.ends_.push_back(row.storage_.size());
    check_row(row);
    ++rows_read_;
    return true;
  }
}

}  // namespace reachmap
