#include "engine/io/csv_reader.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/io/csv_writer.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

namespace {
std::vector<std::vector<std::string>> read_all(const std::string& text,
                                               std::vector<std::size_t>* lines = nullptr) {
  TempDir dir("csv");
  write_text(dir / "f.csv", text);
  CsvReader csv(dir / "f.csv", "f.csv");
  std::vector<std::vector<std::string>> rows{csv.header()};
  CsvRow row;
  while (csv.next(row)) {
    rows.push_back(row.to_strings());
    if (lines) lines->push_back(row.line);
  }
  return rows;
}
}  // namespace

TEST(CsvReader, QuotesAndEscapedQuotes) {
  auto rows = read_all("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"x, y", "say \"hi\""}));
}

TEST(CsvReader, EmbeddedNewlineKeepsLineNumbersRight) {
  std::vector<std::size_t> lines;
  auto rows = read_all("a,b\n1,\"two\nlines\"\n3,4\n", &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1], "two\nlines");
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 4}));
}

TEST(CsvReader, CrlfBomAndBlankLines) {
  std::vector<std::size_t> lines;
  auto rows = read_all(
      "\xEF\xBB\xBF"
      "id,v\r\n1,a\r\n\r\n2,b\r\n",
      &lines);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"id", "v"}));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "b"}));
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 4}));
}

TEST(CsvReader, RaggedRowsAreReturnedAsTheyAre) {
  auto rows = read_all("a,b,c\n1,2\n1,2,3,4\n,,\n");
  EXPECT_EQ(rows[1].size(), 2u);
  EXPECT_EQ(rows[2].size(), 4u);
  EXPECT_EQ(rows[3], (std::vector<std::string>{"", "", ""}));
}

TEST(CsvReader, LastLineWithoutNewline) {
  auto rows = read_all("a\nlast");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "last");
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItOpened) {
  TempDir dir("csvq");
  write_text(dir / "f.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
  CsvReader csv(dir / "f.csv", "f.csv");
  CsvRow row;
  ASSERT_TRUE(csv.next(row));
  try {
    csv.next(row);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadInput);
    EXPECT_EQ(e.where().line, 3u);
    EXPECT_NE(std::string(e.what()).find("f.csv:3"), std::string::npos);
  }
}

TEST(CsvReader, MissingColumnListsTheColumnsAndTheConfigKey) {
  TempDir dir("csvc");
  write_text(dir / "f.csv", "ChildRef,pc\n1,2\n");
  CsvReader csv(dir / "f.csv", "f.csv");
  try {
    csv.require_column("child_id", "[registrations] child_id");
    FAIL();
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("ChildRef, pc"), std::string::npos) << what;
    EXPECT_NE(what.find("[registrations] child_id"), std::string::npos) << what;
  }
}

TEST(CsvReader, MissingFileIsUnreadableInput) {
  try {
    CsvReader csv("/nonexistent/x.csv", "x.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnreadableInput);
  }
}

// Plain lines take a fast path (memchr), quoted ones the byte-by-byte one: both must agree on
// fields and line numbers, whatever the mix, with CRLF, blank lines and no final newline.
TEST(CsvReader, PlainAndQuotedLinesSplitTheSameWay) {
  TempDir dir("csvmix");
  write_text(dir / "m.csv",
             "a,b,c\r\n1,,3\r\n\r\n\"x,1\",y,\"z\"\"\"\n,,\n4,5,6\n\"multi\nline\",7,8\n9,10,11");
  CsvReader csv(dir / "m.csv");
  CsvRow row;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;
  while (csv.next(row)) rows.push_back(row.to_strings()), lines.push_back(row.line);
  const std::vector<std::vector<std::string>> expected = {
      {"1", "", "3"},  {"x,1", "y", "z\""},       {"", "", ""},
      {"4", "5", "6"}, {"multi\nline", "7", "8"}, {"9", "10", "11"}};
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 4, 5, 6, 7, 9}));
}

TEST(CsvWriter, QuotesWhereNeededAndNeutralisesFormulas) {
  EXPECT_EQ(csv_escape("plain"), "plain");
  EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_escape("two\nlines"), "\"two\nlines\"");
  for (const char* formula : {"=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"})
    EXPECT_EQ(neutralise_formula(formula), std::string("'") + formula) << formula;
  for (const char* text : {"Northby 043", "1-4", "", "Castle Hill Family Hub"})
    EXPECT_EQ(neutralise_formula(text), text);
}
