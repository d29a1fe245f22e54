#include "engine/core/text.hpp"

#include <array>
#include <cctype>
#include <cstdint>

namespace reachmap {
namespace {

// Length of the well-formed UTF-8 sequence at text[i], or 0 (RFC 3629 table 3-7).
std::size_t sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// 0x80..0x9F of Windows-1252 (WHATWG encoding standard); the five unassigned bytes map to the
// C1 control of the same number, as browsers do.
constexpr std::array<std::uint16_t, 32> kWindows1252High{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

std::size_t invalid_utf8_at(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string windows1252_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80)
      out.push_back(ch);
    else if (b < 0xA0)
      append_utf8(out, kWindows1252High[b - 0x80]);
    else
      append_utf8(out, b);
  }
  return out;
}

std::string excerpt(std::string_view text, std::size_t max_chars, bool say_length) {
  std::string out;
  std::size_t chars = 0, i = 0;
  for (; i < text.size() && chars < max_chars; ++chars) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      static const char* hex = "0123456789ABCDEF";
      out += "\\x";
      out.push_back(hex[b >> 4]);
      out.push_back(hex[b & 15]);
      ++i;
    } else if (n == 1 && (b < 0x20 || b == 0x7F)) {
      out.push_back(' ');
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  if (i < text.size())
    out += say_length ? "... (" + std::to_string(text.size()) + " bytes in all)" : "...";
  return out;
}

namespace {

// The code point of the well-formed sequence of `n` bytes at text[i].
std::uint32_t code_point(std::string_view text, std::size_t i, std::size_t n) {
  const auto b = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k]));
  };
  if (n == 1) return b(0);
  if (n == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (n == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

// The escaped form of a control character (or of a `byte` that is not UTF-8), or "" for a
// character shown as it is.
std::string console_escape(std::uint32_t cp, bool byte) {
  static const char* hex = "0123456789abcdef";
  if (byte) return std::string("\\x") + hex[cp >> 4] + hex[cp & 15];
  if (cp == '\n') return "\\n";
  if (cp == '\r') return "\\r";
  if (cp == '\t') return "\\t";
  if (cp < 0x20 || cp == 0x7F) return std::string("\\x") + hex[cp >> 4] + hex[cp & 15];
  // C1 controls (U+009B is a one-character CSI) and the bidirectional embeddings, overrides
  // and isolates, which reorder what follows them on the line.
  if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
      (cp >= 0x2066 && cp <= 0x2069))
    return std::string("\\u") + hex[(cp >> 12) & 15] + hex[(cp >> 8) & 15] + hex[(cp >> 4) & 15] +
           hex[cp & 15];
  return "";
}

}  // namespace

std::string console_text(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0, i = 0;  // characters as shown (an escape counts its every character)
  std::size_t fits_at = 0;       // where a cut text ends, leaving room for the ellipsis
  const std::size_t room =
      max_chars == std::string_view::npos || max_chars == 0 ? max_chars : max_chars - 1;
  while (i < text.size()) {
    const std::size_t n = sequence_length(text, i);
    std::string shown;
    if (n == 0)  // a byte that is not UTF-8, as its value
      shown = console_escape(static_cast<unsigned char>(text[i]), true);
    else
      shown = console_escape(code_point(text, i, n), false);
    const std::size_t width = shown.empty() ? 1 : shown.size();
    if (chars + width > max_chars) {  // does not fit: cut where the ellipsis still fits
      out.resize(fits_at);
      return out + "…";
    }
    out += shown.empty() ? std::string(text.substr(i, n)) : shown;
    i += n == 0 ? 1 : n;
    chars += width;
    if (chars <= room) fits_at = out.size();
  }
  return out;
}

std::string file_name_part(std::string_view id) {
  std::string out;
  for (char c : id)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out;
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  return out;
}

}  // namespace reachmap
