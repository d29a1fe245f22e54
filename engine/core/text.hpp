// Text at the door: every input string is checked to be UTF-8 (or transcoded from Windows-1252
// when the config says so), and long or odd values are shortened before they reach a message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace reachmap {

enum class TextEncoding { kUtf8, kWindows1252 };

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
