// [run] periods on the demo: a year measured as a period is the run's own tables to the byte;
// each quarter's children seen at each centre are the files' own (counted again here by a
// reader of their own); the rolling year to the run's end is the run's own again.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "engine/core/date.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kSource = REACHMAP_SOURCE_DIR;

std::string squeezed(std::string_view postcode) {
  std::string out;
  for (const char c : postcode)
    if (c != ' ') out += char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The demo's config (paths absolute) with `lines` added to [run].
std::string demo_with(const std::string& lines) {
  std::string text =
      with_absolute_paths(read_text(kSource + "/data/demo/reachmap.toml"), kSource + "/data/demo");
  const auto seed = text.find("\nseed = ");
  text.insert(text.find('\n', seed + 1) + 1, lines + "\n");
  return text;
}

// Runs the demo with `lines` added to [run] into `dir`/out, and gives its private folder.
std::string run_demo_with(const TempDir& dir, const std::string& lines) {
  write_text(dir / "run.toml", demo_with(lines));
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "run.toml") +
                             " -q --out " + (dir / "out"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return dir / "out/private";
}

// The lines of a CSV file after its header, each with its first `skip` fields taken off.
std::vector<std::string> rows_without(const std::string& path, std::size_t skip) {
  std::vector<std::string> out;
  CsvReader in(path);
  CsvRow row;
  while (in.next(row)) {
    std::string line;
    for (std::size_t c = skip; c < row.size(); ++c) line += std::string(row[c]) + "\x1f";
    out.push_back(line);
  }
  return out;
}

// A period's children seen at each centre, from the demo's files alone: a child counts when
// its registration's first row is whole, its postcode placed, born and registered by the end
// and under 5 at it; seen at a centre with a contact there on a day of the period.
std::map<std::string, std::int64_t> seen_at_centres(const Date& from, const Date& to) {
  std::set<std::string> located;
  CsvRow row;
  {
    CsvReader pcs(kSource + "/data/demo/postcodes.csv");
    while (pcs.next(row))
      if (!std::string_view(row[1]).empty() && !std::string_view(row[2]).empty())
        located.insert(squeezed(row[0]));
  }
  std::set<std::string> counted, decided;
  {
    CsvReader reg(kSource + "/data/demo/registrations.csv");
    while (reg.next(row)) {
      if (row.size() != reg.header().size()) continue;
      const std::string id(row[0]);
      if (id.empty() || !decided.insert(id).second) continue;
      const auto birth = parse_date(std::string_view(row[3]));
      const auto registered = parse_date(std::string_view(row[4]));
      if (!birth || !located.count(squeezed(row[2]))) continue;
      if (!std::string_view(row[4]).empty() && !registered) continue;
      bool bad_group = false;
      for (const std::size_t g : {5u, 6u})
        bad_group |= std::string_view(row[g]) != "0" && std::string_view(row[g]) != "1" &&
                     !std::string_view(row[g]).empty();
      if (bad_group || *birth > to || age_in_years(*birth, to) >= 5) continue;
      if (registered && *registered > to) continue;
      counted.insert(id);
    }
  }
  std::map<std::string, std::set<std::string>> seen;
  CsvReader att(kSource + "/data/demo/attendance.csv");
  while (att.next(row)) {
    if (row.size() != att.header().size() || std::string_view(row[2]).empty()) continue;
    const auto d = parse_date(std::string_view(row[1]), false);
    if (!d || *d < from || *d > to || !counted.count(std::string(row[0]))) continue;
    seen[std::string(row[2])].insert(std::string(row[0]));
  }
  std::map<std::string, std::int64_t> out;
  for (const auto& [centre, children] : seen) out[centre] = std::int64_t(children.size());
  return out;
}

}  // namespace

TEST(Periods, AYearAsAPeriodIsTheRunsOwnTablesToTheByte) {
  TempDir dir("periods_year");
  const std::string priv = run_demo_with(dir, "periods = \"annual\"");
  for (const std::string table :
       {"indicators_neighbourhood", "indicators_ward", "indicators_locality", "centres"}) {
    SCOPED_TRACE(table);
    const auto own = rows_without(priv + "/" + table + ".csv", 0);
    const auto by_period = rows_without(priv + "/" + table + "_by_period.csv", 2);
    EXPECT_GE(own.size(), 3u);
    EXPECT_EQ(by_period, own);
  }
}

TEST(Periods, EachQuartersChildrenSeenAtEachCentreAreTheFilesOwn) {
  TempDir dir("periods_quarters");
  CsvReader in(run_demo_with(dir, "periods = \"quarterly\"") + "/centres_by_period.csv");
  ASSERT_EQ(in.header()[0], "period");
  ASSERT_EQ(in.header()[1], "period_name");
  const auto column = [&](const std::string& name) {
    return std::size_t(std::find(in.header().begin(), in.header().end(), name) -
                       in.header().begin());
  };
  const std::size_t c_centre = column("centre_id"), c_seen = column("seen_children");
  std::map<std::string, std::map<std::string, std::int64_t>> published;  // period, centre
  std::map<std::string, std::string> names;
  CsvRow row;
  while (in.next(row)) {
    published[std::string(row[0])][std::string(row[c_centre])] =
        std::stoll(std::string(row[c_seen]));
    names[std::string(row[0])] = std::string(row[1]);
  }
  ASSERT_EQ(published.size(), 4u);
  EXPECT_EQ(names.at("2025-04-01..2025-06-30"), "Apr-Jun 2025");
  EXPECT_EQ(names.at("2026-01-01..2026-03-31"), "Jan-Mar 2026");
  for (const auto& [label, by_centre] : published) {
    SCOPED_TRACE(label);
    const Date from = *parse_date(label.substr(0, 10)), to = *parse_date(label.substr(12));
    const auto expected = seen_at_centres(from, to);
    std::int64_t total = 0;
    for (const auto& [centre, seen] : by_centre) {
      EXPECT_EQ(seen, expected.count(centre) ? expected.at(centre) : 0) << centre;
      total += seen;
    }
    EXPECT_GT(total, 100);
  }
}

TEST(Periods, TheRollingYearToTheRunsEndIsTheRunsOwn) {
  TempDir dir("periods_rolling");
  const std::string priv = run_demo_with(dir, "periods = \"quarterly\"\nrolling = true");
  const auto own = rows_without(priv + "/indicators_ward.csv", 0);
  CsvReader in(priv + "/indicators_ward_by_period.csv");
  std::map<std::string, std::vector<std::string>> by_period;
  CsvRow row;
  while (in.next(row)) {
    std::string line;
    for (std::size_t c = 2; c < row.size(); ++c) line += std::string(row[c]) + "\x1f";
    by_period[std::string(row[0]) + " " + std::string(row[1])].push_back(line);
  }
  ASSERT_EQ(by_period.size(), 4u);
  EXPECT_TRUE(by_period.count("2024-07-01..2025-06-30 12 months to Jun 2025"));
  EXPECT_EQ(by_period.at("2025-04-01..2026-03-31 12 months to Mar 2026"), own);
  // The earlier windows reach back before the run's first day, into the attendance's history.
  EXPECT_NE(by_period.at("2024-07-01..2025-06-30 12 months to Jun 2025"), own);
}
