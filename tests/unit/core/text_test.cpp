// Names from the inputs on the console (issue 18): escaped and cut, never passed to the
// terminal raw; and the one way ids become parts of file names.
#include "engine/core/text.hpp"

#include <gtest/gtest.h>

using namespace reachmap;

TEST(ConsoleText, PlainNamesAreShownAsTheyAre) {
  EXPECT_EQ(console_text("Alpha Children's Centre"), "Alpha Children's Centre");
  EXPECT_EQ(console_text("Caf\xC3\xA9 \xE2\x80\x93 Nord"), "Caf\xC3\xA9 \xE2\x80\x93 Nord");
  EXPECT_EQ(console_text(""), "");
  EXPECT_EQ(console_text("C:\\data\\areas.gpkg"), "C:\\data\\areas.gpkg");  // paths keep \ as is
}

TEST(ConsoleText, ControlCharactersAreShownEscaped) {
  // A terminal escape that would turn the rest of the console red.
  EXPECT_EQ(console_text("\x1b[31mRed Centre"), "\\x1b[31mRed Centre");
  EXPECT_EQ(console_text("two\nlines\r\tand\x7f"), "two\\nlines\\r\\tand\\x7f");
  EXPECT_EQ(console_text(std::string("nul\0byte", 8)), "nul\\x00byte");
  // C1 CSI (U+009B, one character that starts an escape on some terminals) and a right-to-left
  // override, which reorders what follows it.
  EXPECT_EQ(console_text("a\xC2\x9B"
                         "2Jb"),
            "a\\u009b2Jb");
  EXPECT_EQ(console_text("x\xE2\x80\xAEtxt.exe"), "x\\u202etxt.exe");
  // Bytes that are not UTF-8 by value.
  EXPECT_EQ(console_text("M\xFCnchen"), "M\\xfcnchen");
  for (const std::string s : {"\x1b]0;title\x07",
                              "a\x1b"
                              "c",
                              "\x9b"}) {
    const std::string shown = console_text(s);
    for (char c : shown) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7f) << shown;
  }
}

TEST(ConsoleText, LongTextIsCutWithAnEllipsis) {
  const std::string name(10000, 'A');
  const std::string shown = console_text(name);
  EXPECT_EQ(shown, std::string(79, 'A') + "…");                         // 80 characters in all
  EXPECT_EQ(console_text(std::string(80, 'B')), std::string(80, 'B'));  // fits: not cut
  EXPECT_EQ(console_text(std::string(81, 'B')), std::string(79, 'B') + "…");
  EXPECT_EQ(console_text("abcdef", 4), "abc…");
  // Escapes count as the characters they print, and are never cut in half.
  EXPECT_EQ(console_text("ab\x1b"
                         "cdef",
                         6),
            "ab…");
  EXPECT_EQ(console_text("ab\x1b"
                         "cdef",
                         7),
            "ab\\x1b…");
  // Multi-byte characters are never split.
  EXPECT_EQ(console_text("\xC3\xA9\xC3\xA9\xC3\xA9", 2), "\xC3\xA9…");
  EXPECT_EQ(console_text(name, std::string::npos), name);
}

TEST(FileNamePart, KeepsLettersDigitsDashAndUnderscore) {
  EXPECT_EQ(file_name_part("CC-01_b"), "CC-01_b");
  EXPECT_EQ(file_name_part("X/1"), "X_1");
  EXPECT_EQ(file_name_part("../etc"), "___etc");
  EXPECT_EQ(file_name_part("Caf\xC3\xA9"), "Caf__");
  EXPECT_EQ(file_name_part("X/1"), file_name_part("X_1"));  // why callers check for clashes
}

TEST(Text, SameTextAgreesWithEqualityAtEveryLengthAndPosition) {
  // Each length through the paths (under 4, 4-7, 8-16 with overlapping loads, longer), equal
  // and differing in one byte at each position, and differing only in length.
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    const std::string b = a;
    EXPECT_TRUE(same_text(a, b)) << n;
    EXPECT_FALSE(same_text(a, a + "y")) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = static_cast<char>(c[i] ^ 0x20);
      EXPECT_FALSE(same_text(a, c)) << n << " at " << i;
    }
  }
  EXPECT_TRUE(same_text(std::string_view(), ""));
}
