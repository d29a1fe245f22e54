// Text at the door: every input string is checked to be UTF-8 (or transcoded from Windows-1252
// when the config says so), and long or odd values are shortened before they reach a message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace reachmap {

enum class TextEncoding { kUtf8, kWindows1252 };

// Whether two strings are equal, without a call into the C library for short ones (ids, codes,
// names of services): a national attendance file compares a hundred million, and each memcmp
// call cost more than its bytes. Up to 16 bytes: two loads a side, overlapping.
inline bool same_text(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char *p = a.data(), *q = b.data();
  if (n >= 8 && n <= 16) {
    std::uint64_t p0, q0, p1, q1;
    std::memcpy(&p0, p, 8), std::memcpy(&q0, q, 8);
    std::memcpy(&p1, p + n - 8, 8), std::memcpy(&q1, q + n - 8, 8);
    return ((p0 ^ q0) | (p1 ^ q1)) == 0;
  }
  if (n >= 4 && n < 8) {
    std::uint32_t p0, q0, p1, q1;
    std::memcpy(&p0, p, 4), std::memcpy(&q0, q, 4);
    std::memcpy(&p1, p + n - 4, 4), std::memcpy(&q1, q + n - 4, 4);
    return ((p0 ^ q0) | (p1 ^ q1)) == 0;
  }
  if (n < 4) {
    for (std::size_t i = 0; i < n; ++i)
      if (p[i] != q[i]) return false;
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are not well-formed), or npos.
std::size_t invalid_utf8_at(std::string_view text);

// Windows-1252 (what Excel writes as "CSV" on Windows; a superset of Latin-1's printable
// characters) to UTF-8. Every byte maps to a character, so this cannot fail.
std::string windows1252_to_utf8(std::string_view text);

// At most `max_chars` characters of `text` for a message: control characters as spaces,
// invalid bytes as \xNN, cut on a character boundary with "..." (and the full length when
// `say_length`).
std::string excerpt(std::string_view text, std::size_t max_chars = 80, bool say_length = true);

// A name or other text from the inputs, for a line on the console: control characters (C0,
// DEL, C1) and the bidirectional controls that reorder a line are shown escaped (\n, \t,
// \x1b, \u009b, \u202e), invalid bytes as \xNN, and a text longer than `max_chars`
// characters (as shown, escapes included) is cut to that with "…" (npos: never cut). A
// terminal escape in a centre name cannot recolour or rewrite the console, and a 10,000-
// character name does not print a 10,000-character line.
inline constexpr std::size_t kConsoleTextChars = 80;
std::string console_text(std::string_view text, std::size_t max_chars = kConsoleTextChars);

// An id as part of a file name: letters, digits, '-' and '_' kept, every other byte '_'.
// Different ids can give the same part (X/1 and X_1): callers that name files by id check.
std::string file_name_part(std::string_view id);

// Text for XML or HTML, as element content or a quoted attribute: & < > " ' escaped.
std::string xml_escape(std::string_view text);

}  // namespace reachmap
