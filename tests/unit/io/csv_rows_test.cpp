// The row loop every loader shares: each row counted in its file's account, a row of the wrong
// shape rejected with its line and counts, every other row handed over in file order; and the
// columns a config names, required when named and optional otherwise.
#include "engine/io/csv_rows.hpp"

#include "engine/io/csv_chunks.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/io/csv_source.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

TEST(CsvRows, EveryRowCountedWrongShapesRejectedTheRestHandedOver) {
  TempDir dir("csv_rows");
  write_text(dir / "in.csv", "id,value\na,1\nb\n\nc,3\nd,4,extra\ne,5\n");
  CsvReader csv(dir / "in.csv", "in.csv");
  Accounting acc;
  std::vector<std::string> ids;
  std::vector<std::size_t> lines;
  FileAccount& account = for_each_row(csv, acc, [&](const CsvRow& row, FileAccount& a) {
    ids.emplace_back(row[0]);
    lines.push_back(row.line);
    if (row[0] != "c") ++a.used;
  });
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c", "e"}));
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 5, 7})) << "the blank line 4 is no row";
  EXPECT_EQ(&account, &acc.files().at("in.csv"));
  EXPECT_EQ(account.rows, 5u);
  EXPECT_EQ(account.used, 2u);
  EXPECT_EQ(account.rejected, (std::map<std::string, std::size_t>{{kWrongFieldCount, 2}}));
  ASSERT_EQ(acc.rejects().size(), 2u);
  EXPECT_EQ(acc.rejects()[0].file, "in.csv");
  EXPECT_EQ(acc.rejects()[0].line, 3u);
  EXPECT_EQ(acc.rejects()[0].value, "1 fields, header has 2");
  EXPECT_EQ(acc.rejects()[1].line, 6u);
  EXPECT_EQ(acc.rejects()[1].value, "3 fields, header has 2");
}

TEST(CsvRows, AHeaderAloneOpensAnEmptyAccount) {
  TempDir dir("csv_rows_empty");
  write_text(dir / "in.csv", "id,value\n");
  CsvReader csv(dir / "in.csv", "in.csv");
  Accounting acc;
  int calls = 0;
  for_each_row(csv, acc, [&](const CsvRow&, FileAccount&) { ++calls; });
  EXPECT_EQ(calls, 0);
  ASSERT_EQ(acc.files().count("in.csv"), 1u) << "the manifest lists the file with 0 rows";
  EXPECT_EQ(acc.files().at("in.csv").rows, 0u);
}

TEST(CsvRows, AConfigColumnIsRequiredWhenNamedOptionalOtherwise) {
  TempDir dir("csv_rows_columns");
  write_text(dir / "in.csv", "id,value\n");
  CsvReader csv(dir / "in.csv", "in.csv");
  EXPECT_EQ(csv.require_column(Column{"value", false, "[x] value"}), 1u);
  EXPECT_EQ(csv.optional_column(Column{"value", false, "[x] value"}), 1);
  EXPECT_EQ(csv.optional_column(Column{"service", false, "[x] service"}), -1) << "a default";
  try {
    csv.optional_column(Column{"service", true, "[x] service"});
    FAIL() << "a column the user named must exist";
  } catch (const Error& e) {
    EXPECT_EQ(e.where().to_string(), "in.csv:1");
    EXPECT_NE(e.hint().find("[x] service"), std::string::npos) << e.hint();
  }
}

namespace {
// What a row loop saw: each row handed over (line and first field), the account and rejects.
struct Seen {
  std::vector<std::pair<std::size_t, std::string>> rows;
  std::size_t counted = 0;
  std::vector<std::size_t> reject_lines;
  std::string error;
};

template <class Loop>
Seen run_loop(const std::string& path, Loop loop) {
  CsvReader csv(path, "in.csv");
  Accounting acc;
  Seen seen;
  try {
    loop(csv, acc, [&](const CsvRow& row, FileAccount&) {
      seen.rows.emplace_back(row.line, std::string(row[0]));
    });
  } catch (const Error& e) {
    seen.error = e.what();
  }
  seen.counted = acc.files().at("in.csv").rows;
  for (const auto& r : acc.rejects()) seen.reject_lines.push_back(r.line);
  return seen;
}
}  // namespace

TEST(CsvRows, SplittingAheadOnAThreadHandsOverTheSameRowsRejectsAndError) {
  TempDir dir("csv_rows_split");
  // Batches of 4,096 rows: 10,000 rows cross two batch ends, with wrong shapes, blank lines and
  // a quoted field over two lines among them; the second file ends in a field never closed.
  std::string text = "id,value\n";
  for (int i = 0; i < 10000; ++i) {
    text += i % 997 == 5 ? "short\n" : "r" + std::to_string(i) + "," + std::to_string(i) + "\n";
    if (i % 3001 == 7) text += "\n";
    if (i == 4095) text += "q,\"two\nlines\"\n";
  }
  write_text(dir / "good.csv", text);
  write_text(dir / "bad.csv", text + "x,\"never closed\n");
  for (const std::string file : {"good.csv", "bad.csv"}) {
    const std::string path = dir / file;
    const Seen one = run_loop(
        path, [](CsvReader& csv, Accounting& acc, auto use) { for_each_row(csv, acc, use); });
    for (int threads : {1, 2}) {
      const Seen split = run_loop(path, [&](CsvReader& csv, Accounting& acc, auto use) {
        for_each_row_split_ahead(csv, acc, threads, use);
      });
      EXPECT_EQ(split.rows, one.rows) << file << " at " << threads << " threads";
      EXPECT_EQ(split.counted, one.counted) << file;
      EXPECT_EQ(split.reject_lines, one.reject_lines) << file;
      EXPECT_EQ(split.error, one.error) << file;
    }
    EXPECT_GT(one.rows.size(), 9000u);
    EXPECT_EQ(one.error.empty(), file == "good.csv");
  }
}

TEST(CsvRows, AUseThatThrowsStopsTheSplitterAndItsErrorComesOut) {
  TempDir dir("csv_rows_split_throw");
  std::string text = "id,value\n";
  for (int i = 0; i < 50000; ++i) text += "r" + std::to_string(i) + ",1\n";
  write_text(dir / "in.csv", text);
  CsvReader csv(dir / "in.csv", "in.csv");
  Accounting acc;
  int calls = 0;
  EXPECT_THROW(for_each_row_split_ahead(csv, acc, 2,
                                        [&](const CsvRow&, FileAccount&) {
                                          if (++calls == 5000) throw std::runtime_error("stop");
                                        }),
               std::runtime_error);
  EXPECT_EQ(calls, 5000);
}

// A chunk's state that keeps no view of its rows: its chunks are copied into buffers used again
// (MappedFile::copy) rather than mapped.
struct alignas(kNoFalseSharing) CopiedRows {
  static constexpr bool keeps_no_text() { return true; }
  std::vector<std::pair<std::size_t, std::string>> rows;
};
struct alignas(kNoFalseSharing) MappedRows {
  std::vector<std::pair<std::size_t, std::string>> rows;
};

// Chunks on every thread, mapped or copied: the rows, their lines, the rejects and the first
// error of one reader, whatever the chunk size; a file with a quote (or a lone CR) is read as
// one chunk.
template <class Rows>
void chunks_give_what_one_reader_gives() {
  TempDir dir("csv_rows_chunks");
  std::string text = "id,value\r\n";
  for (int i = 0; i < 3000; ++i) {
    text += i % 97 == 5 ? "short\r\n" : "r" + std::to_string(i) + "," + std::to_string(i) + "\r\n";
    if (i % 301 == 7) text += "\r\n";  // blank lines count as lines, not rows
  }
  write_text(dir / "good.csv", text);
  write_text(dir / "quoted.csv", text + "q,\"two\nlines\"\n");
  write_text(dir / "lone_cr.csv", text + "a,1\rb,2\n");
  std::string bad = text;  // a bad UTF-8 byte on a line of a middle chunk
  bad.insert(bad.find("\r\n", bad.size() / 2) + 2, "x,\xC3\x28\r\n");
  write_text(dir / "bad.csv", bad);
  for (const std::string file : {"good.csv", "quoted.csv", "lone_cr.csv", "bad.csv"}) {
    const std::string path = dir / file;
    const Seen one = run_loop(
        path, [](CsvReader& csv, Accounting& acc, auto use) { for_each_row(csv, acc, use); });
    for (const int threads : {1, 2, 3})
      for (const std::size_t chunk : {std::size_t(100), std::size_t(4096), kChunkBytes}) {
        Seen got;
        std::vector<Rows> states;
        CsvReader csv(path, "in.csv");
        Accounting acc;
        try {
          const FileAccount& account = for_each_row_in_chunks(
              csv, acc, threads, states,
              [&](const CsvRow& row, Rows& state, RowLog& log) {
                state.rows.emplace_back(row.line, std::string(row[0]));
                ++log.used;
              },
              chunk);
          EXPECT_TRUE(account.balanced());
          for (const auto& state : states)
            got.rows.insert(got.rows.end(), state.rows.begin(), state.rows.end());
        } catch (const Error& e) {
          got.error = e.what();
        }
        got.counted = acc.files().at("in.csv").rows;
        for (const auto& r : acc.rejects()) got.reject_lines.push_back(r.line);
        SCOPED_TRACE(file + " at " + std::to_string(threads) + " threads, chunks of " +
                     std::to_string(chunk) + " bytes: " + std::to_string(states.size()) +
                     " chunks");
        EXPECT_EQ(got.counted, one.counted);
        EXPECT_EQ(got.reject_lines, one.reject_lines);
        EXPECT_EQ(got.error, one.error);
        if (one.error.empty()) {
          EXPECT_EQ(got.rows, one.rows);
        }
        const bool plain = file == "good.csv" || file == "bad.csv";
        EXPECT_EQ(states.size() > 1, threads > 1 && chunk < kChunkBytes && plain);
      }
    EXPECT_GT(one.counted, file == "bad.csv" ? 1500u : 2900u);  // the error half way
    EXPECT_EQ(one.error.empty(), file != "bad.csv");
  }
}
TEST(CsvRows, ChunksOnEveryThreadGiveTheRowsRejectsAndErrorOfOneReader) {
  chunks_give_what_one_reader_gives<MappedRows>();
}
TEST(CsvRows, CopiedChunksGiveTheRowsRejectsAndErrorOfOneReader) {
  chunks_give_what_one_reader_gives<CopiedRows>();
}

// The chunk scan counts 16 bytes at a time: a quote, a lone CR or a line end at any position of
// a block, at a block's last byte before the next block's LF, or in the tail, gives the count
// and the verdict of a byte-by-byte reading; a CRLF is not lone across a block's edge.
TEST(CsvRows, TheChunkScanAgreesWithAByteByByteReadingAtEveryPosition) {
  const auto reference = [](const std::string& s, std::size_t from, std::size_t to) {
    detail::ChunkScan out;
    for (std::size_t i = from; i < to && out.plain; ++i) {
      out.line_ends += s[i] == '\n';
      if (s[i] == '"' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')))
        out.plain = false;
    }
    return out;
  };
  std::string base;  // 9,000 bytes: past 255 blocks of 16, so the lanes are summed twice
  for (int i = 0; base.size() < 9000; ++i)
    base += i % 3 ? "c" + std::to_string(i) + ",x\n" : "y,zz\r\n";
  for (const char odd : {'"', '\r', '\n'})
    for (std::size_t at :
         {std::size_t(0), std::size_t(14), std::size_t(15), std::size_t(16), std::size_t(4079),
          std::size_t(4080), std::size_t(8191), base.size() - 2, base.size() - 1}) {
      std::string s = base;
      s[at] = odd;
      for (const std::size_t from : {std::size_t(0), std::size_t(3)})
        for (const std::size_t to : {s.size(), s.size() - 1, std::size_t(4081), std::size_t(17)}) {
          const auto want = reference(s, from, to);
          const auto got = detail::scan_chunk(s.data() + from, s.data() + to, s.data() + s.size());
          SCOPED_TRACE(std::string("byte ") +
                       (odd == '\r'   ? "CR"
                        : odd == '\n' ? "LF"
                                      : "quote") +
                       " at " + std::to_string(at) + ", bytes " + std::to_string(from) + " to " +
                       std::to_string(to));
          EXPECT_EQ(got.plain, want.plain);
          if (want.plain) {
            EXPECT_EQ(got.line_ends, want.line_ends);
          }
        }
    }
}

TEST(CsvRows, ChunksLendTheirLinesAndTranscodedRowsStillHoldTheirOwnText) {
  // A chunk's plain lines are read in place, not copied (CsvRow::borrowed_); a line transcoded
  // from Windows-1252 holds its own text. Every field, chunked on two threads, as one reader
  // reads it: ASCII lines, lines with a Windows-1252 byte, and lines short enough that a copy
  // would sit inside the row.
  TempDir dir("csv_rows_lend");
  std::string text = "id,name,n\n";
  for (int i = 0; i < 2000; ++i)
    text += i % 7 == 3   ? "c" + std::to_string(i) + ",Caf\xE9 " + std::to_string(i) + ",1\n"
            : i % 5 == 1 ? "a,b,c\n"
                         : "r" + std::to_string(i) + ",name " + std::to_string(i) + ",22\n";
  write_text(dir / "cp1252.csv", text);
  CsvSource source(dir / "cp1252.csv", "cp1252.csv");
  source.encoding = TextEncoding::kWindows1252;
  std::vector<std::vector<std::string>> one;
  {
    CsvReader csv(source);
    Accounting acc;
    for_each_row(csv, acc,
                 [&](const CsvRow& row, FileAccount&) { one.push_back(row.to_strings()); });
  }
  ASSERT_EQ(one.size(), 2000u);
  EXPECT_EQ(one[3][1], "Caf\xC3\xA9 3");  // é in UTF-8
  struct alignas(kNoFalseSharing) Rows {
    std::vector<std::vector<std::string>> rows;
  };
  std::vector<Rows> states;
  CsvReader csv(source);
  Accounting acc;
  for_each_row_in_chunks(
      csv, acc, 2, states,
      [&](const CsvRow& row, Rows& state, RowLog& log) {
        state.rows.push_back(row.to_strings());
        ++log.used;
      },
      std::size_t(512));
  ASSERT_GT(states.size(), 10u);
  std::vector<std::vector<std::string>> chunked;
  for (const auto& state : states)
    chunked.insert(chunked.end(), state.rows.begin(), state.rows.end());
  EXPECT_EQ(chunked, one);
}
