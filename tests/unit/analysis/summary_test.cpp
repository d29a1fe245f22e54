// summarise(): the console's account of a run, on the tiny fixture (tests/e2e/tiny_run_test.cpp
// works out every number). Registrations: 20 rows, 10 counted, 3 not counted (aged 5, born
// after the period, registered after it), 7 rejected (one each: no location, unknown postcode,
// malformed postcode, missing postcode, bad date, duplicate child_id on line 18, wrong field
// count); 1 child at a terminated postcode; 2 outside every area.
#include "engine/analysis/summary.hpp"

#include <gtest/gtest.h>

#include "tests/support/tiny_analysis.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(part, at)) != std::string::npos; at += part.size()) ++n;
  return n;
}

// The line of `text` that starts with `start` ("" when none).
std::string line_starting(const std::string& text, const std::string& start) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end - at);
    if (line.rfind(start, 0) == 0) return line;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return "";
}

// A file's lines of a summary: its own line and the indented ones under it.
std::string block_of(const std::string& text, const std::string& file) {
  const std::size_t start = text.find(file + ": ");
  if (start == std::string::npos) return "";
  std::size_t end = text.find('\n', start);
  while (end != std::string::npos && text.compare(end + 1, 2, "  ") == 0)
    end = text.find('\n', end + 1);
  return text.substr(start, end == std::string::npos ? end : end + 1 - start);
}

class Summary : public SharedTinyAnalysis<Summary> {
 public:
  static constexpr const char* kFolder = "summary";
  static Analysis make_tiny(const TempDir& dir) { return tiny_analysis(dir); }

 protected:
  // A file of the run as the console names it: the config's path, which ends in `name`.
  static std::string input(const std::string& name) {
    for (const auto& [file, account] : tiny().accounting.files())
      if (file.size() >= name.size() &&
          file.compare(file.size() - name.size(), name.size(), name) == 0)
        return file;
    return name + " (not an input of the run)";
  }
  static std::string registrations() { return input("/registrations.csv"); }
};

}  // namespace

TEST_F(Summary, SaysWhereEveryRowOfEachFileWent) {
  const std::string s = summarise(tiny(), 0);
  EXPECT_EQ(line_starting(s, registrations() + ":"),
            registrations() + ": 20 rows, 10 used, 3 not counted, 7 rejected")
      << s;
  EXPECT_TRUE(has(s, "    rejected: duplicate child_id: 1\n")) << s;
  EXPECT_TRUE(has(s, "    not counted: aged 5 or over at the period end: 1\n")) << s;
  const std::string attendance = input("/attendance.csv");
  EXPECT_TRUE(has(line_starting(s, attendance + ":"), ": 18 rows, ")) << s;
  EXPECT_TRUE(has(s, "distinct contacts: 10 (1 duplicate rows collapsed)\n")) << s;
  EXPECT_TRUE(has(s, "children counted: 10 (1 at terminated postcodes)\n")) << s;
  EXPECT_EQ(line_starting(s, "layer area:"),
            "layer area: 4 areas; placed by point in polygon; 2 children outside every area; "
            "1 areas without population, 1 population codes not in the layer")
      << s;
  // Too few areas with a population for statistics: no statistics line, no outreach list.
  EXPECT_FALSE(has(s, "statistics on")) << s;
  EXPECT_FALSE(has(s, "outreach first")) << s;
  EXPECT_FALSE(has(s, "known children")) << s;
  EXPECT_FALSE(has(s, "reach areas")) << s;
}

TEST_F(Summary, ListsTheLinesOfTheFirstRejectsOfEachReasonAndTheirValuesOnlyWhenAsked) {
  // No examples: no line numbers.
  EXPECT_EQ(occurrences(summarise(tiny(), 0), "      line "), 0u);
  // One per reason: the duplicate of K01 is line 18.
  const std::string one = summarise(tiny(), 1);
  EXPECT_TRUE(has(one, "    rejected: duplicate child_id: 1\n      line 18\n")) << one;
  EXPECT_FALSE(has(one, "K01")) << "a child id is personal data: shown only when asked";
  // Both files have a bad date (registrations line 17, attendance line 19): each lists its own.
  EXPECT_TRUE(has(block_of(one, registrations()), "    rejected: bad date: 1\n      line 17\n"))
      << one;
  EXPECT_TRUE(
      has(block_of(one, input("/attendance.csv")), "    rejected: bad date: 1\n      line 19\n"))
      << one;
  // Each reason has one example at most here, so more examples show no more lines.
  EXPECT_EQ(occurrences(summarise(tiny(), 5), "      line "), occurrences(one, "      line "));
  const std::string values = summarise(tiny(), 1, true);
  EXPECT_TRUE(has(values, "    rejected: duplicate child_id: 1\n      line 18: \"K01\"\n"))
      << values;
}

TEST_F(Summary, AReasonWithSeveralRejectsShowsOnlyTheFirstExamples) {
  // Three rows of the registrations rejected for the same reason (an accounting made by
  // hand): two examples show the first two.
  Analysis a = tiny();
  Accounting accounting;
  const std::string file = registrations();
  accounting.file(file).rows = 3;
  for (std::size_t line : {13u, 14u, 15u}) accounting.reject(file, line, "made up", "x");
  a.accounting = accounting;
  const std::string s = summarise(a, 2);
  EXPECT_TRUE(has(s, "    rejected: made up: 3\n      line 13\n      line 14\n")) << s;
  EXPECT_FALSE(has(s, "line 15")) << s;
}

TEST_F(Summary, ShowsSmallCountsOfChildrenAsTheirBands) {
  Analysis a = tiny();
  a.settings.privacy.min_count = 3;
  const std::string s = summarise(a, 0);
  // 10 counted is published; 1 at a terminated postcode and 2 outside are small.
  EXPECT_TRUE(has(s, "children counted: 10 (fewer than 3 at terminated postcodes)\n")) << s;
  EXPECT_TRUE(has(s, "; fewer than 3 children outside every area;")) << s;
}

TEST_F(Summary, NamesReachAreasAndKnownChildren) {
  TempDir dir("summary-more");
  const std::string extra = tiny_centres(dir) + tiny_known_children(dir);
  const Analysis a = tiny_analysis(dir, 0, extra);
  const std::string s = summarise(a, 0);
  // CC1 and CC2 have reach areas; CC3 none.
  EXPECT_TRUE(has(s, "reach areas: 2 of 3 centres, from ")) << s;
  // Four known children under 5: one matched to K05 by postcode and birth month.
  EXPECT_TRUE(has(s,
                  "known children: 4 counted; 0 matched to a registration by id, 1 by postcode "
                  "and birth month, 3 not registered\n"))
      << s;
}

TEST_F(Summary, GivesTheStatisticsAndTheFirstAreasToVisitWithNamesEscaped) {
  // The tiny layer has too few areas for statistics: given by hand, with A first and C second
  // on the outreach list and a terminal escape in A's name.
  Analysis a = tiny();
  LayerResult& l = a.layers[0];
  l.statistics.computed = true;
  l.statistics.included = 3;
  l.statistics.left_out = 1;
  l.statistics.variable = "seen_reach_eb";
  l.statistics.moran.I = 0.123456;
  l.statistics.moran.p_sim = 0.042;
  l.statistics.low_low = 1;
  l.statistics.high_high = 2;
  Table& t = l.indicators;
  const auto c_rank = std::size_t(t.column(Col::kPriorityRank));
  const auto c_name = std::size_t(t.column(Col::kAreaName));
  ASSERT_EQ(std::get<std::string>(t.rows[0][std::size_t(t.column(Col::kAreaId))]), "A");
  t.rows[0][c_rank] = std::int64_t{1};
  t.rows[2][c_rank] = std::int64_t{2};
  t.rows[0][c_name] = std::string("Alpha\x1b[31m");
  const std::string s = summarise(a, 0);
  EXPECT_TRUE(has(s,
                  "  statistics on 3 areas (1 left out): Moran's I of seen_reach_eb = 0.1235 "
                  "(pseudo-p 0.042), 1 low-low and 2 high-high areas\n"))
      << s;
  EXPECT_FALSE(has(s, "\x1b")) << "a terminal escape in a name is shown, not obeyed";
  const std::string first = line_starting(s, "  outreach first:");
  EXPECT_EQ(first.rfind("  outreach first: 1. Alpha", 0), 0u) << s;
  EXPECT_TRUE(has(first, " (A), 2. Gamma, with a hole (C)")) << first;
}
