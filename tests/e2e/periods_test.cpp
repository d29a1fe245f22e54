// [run] periods on the demo: a year measured as a period is the run's own tables to the byte;
// each quarter's children seen at each centre are the files' own (counted again here by a
// reader of their own); the rolling year to the run's end is the run's own again. In public:
// every period's small counts hidden, a year as a period the run's own public rows, and the
// last quarter hiding the registered counts the run hides (attack_periods.py attacks the rest).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
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
  EXPECT_EQ(read_text(dir / "out/manifest.json").find("[run] periods"), std::string::npos);
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

// A quarter's tables are those of a run over that quarter alone, the cohorts' included; only
// the known children's columns are blank (the known list is of the run's last day).
TEST(Periods, AQuartersTablesAreThoseOfARunOverItAlone) {
  TempDir dir("periods_alone");
  const std::string cohorts = "never_seen_by_5 = true\nseen_before_1 = true";
  const std::string priv = run_demo_with(dir, "periods = \"quarterly\"\n" + cohorts);
  TempDir alone_dir("periods_alone_q2");
  std::string text = demo_with(cohorts);
  text.replace(text.find("from = 2025-04-01"), 17, "from = 2025-07-01");
  text.replace(text.find("to = 2026-03-31"), 15, "to = 2025-09-30");
  write_text(alone_dir / "run.toml", text);
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (alone_dir / "run.toml") +
                             " -q --out " + (alone_dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const std::string table : {"indicators_neighbourhood", "indicators_ward", "centres"}) {
    SCOPED_TRACE(table);
    CsvReader own(alone_dir / ("out/private/" + table + ".csv"));
    CsvReader by_period(priv + "/" + table + "_by_period.csv");
    ASSERT_EQ(by_period.header().size(), own.header().size() + 2);
    std::vector<std::vector<std::string>> own_rows, q2_rows;
    CsvRow row;
    const auto fields = [&](std::size_t from) {
      std::vector<std::string> out;
      for (std::size_t c = from; c < row.size(); ++c) out.emplace_back(row[c]);
      return out;
    };
    while (own.next(row)) own_rows.push_back(fields(0));
    while (by_period.next(row))
      if (std::string_view(row[0]) == "2025-07-01..2025-09-30") q2_rows.push_back(fields(2));
    ASSERT_EQ(q2_rows.size(), own_rows.size());
    std::size_t compared = 0;
    for (std::size_t c = 0; c < own.header().size(); ++c) {
      const std::string& name = own.header()[c];
      for (std::size_t i = 0; i < own_rows.size(); ++i) {
        if (name.find("known") != std::string::npos) {
          EXPECT_EQ(q2_rows[i][c], "") << name;
          continue;
        }
        EXPECT_EQ(q2_rows[i][c], own_rows[i][c]) << name << " row " << i;
        ++compared;
      }
    }
    EXPECT_GT(compared, 100u);
  }
}

// A count of children as the tables name them (not a rate, share, band or bound).
bool is_children_count(const std::string& name) {
  for (const std::string end : {"_low", "_high", "_band", "_share", "_population", "_estimated"})
    if (name.size() > end.size() && name.compare(name.size() - end.size(), end.size(), end) == 0)
      return false;
  if (name.find("_reach") != std::string::npos || name.find("unreached") != std::string::npos)
    return false;  // a rate, or a count derived from two others
  for (const std::string start : {"seen_", "registered_", "sustained_", "known_", "reach_area_"})
    if (name.rfind(start, 0) == 0) return true;
  return false;
}

// A CSV file as rows of named fields.
std::vector<std::map<std::string, std::string>> read_rows(const std::string& path) {
  std::vector<std::map<std::string, std::string>> out;
  CsvReader in(path);
  CsvRow row;
  while (in.next(row)) {
    auto& r = out.emplace_back();
    for (std::size_t c = 0; c < row.size(); ++c) r[in.header()[c]] = std::string(row[c]);
  }
  return out;
}

const std::vector<std::string> kTables = {"indicators_neighbourhood", "indicators_ward",
                                          "indicators_locality", "centres"};

// Each period's public tables are published under the run's rule: no count of children from 1
// to 4 in any of them, each period's rows whole, and the public manifest says what was hidden.
TEST(Periods, EachPeriodsPublicTablesHideEverySmallCount) {
  TempDir dir("periods_public");
  run_demo_with(dir, "periods = \"quarterly\"\nrolling = true");
  std::size_t counts = 0, hidden = 0;
  for (const std::string& table : kTables) {
    SCOPED_TRACE(table);
    const auto own = read_rows(dir / ("out/" + table + ".csv"));
    const auto rows = read_rows(dir / ("out/" + table + "_by_period.csv"));
    ASSERT_EQ(rows.size(), 4 * own.size());
    for (const auto& row : rows)
      for (const auto& [name, value] : row) {
        if (!is_children_count(name)) continue;
        ++counts;
        if (value.empty()) {
          ++hidden;
          continue;
        }
        const double v = std::stod(value);
        EXPECT_FALSE(v >= 1 && v <= 4)
            << row.at("period") << " " << row.begin()->second << " " << name << " = " << value;
      }
  }
  EXPECT_GT(counts, 10000u);
  EXPECT_GT(hidden, 1000u);  // the quarters' small counts
  const auto manifest = nlohmann::json::parse(read_text(dir / "out/manifest.json"));
  ASSERT_EQ(manifest["periods"].size(), 4u);
  EXPECT_EQ(manifest["periods"][3]["name"], "12 months to Mar 2026");
  EXPECT_GT(manifest["periods"][0]["disclosure"]["primary_cells"].get<int>(), 0);
  // reachmap audit, on the public files alone, audits each period's tables with the ties
  // across periods, and finds them safe.
  const auto audit = run_command(std::string(REACHMAP_CLI) + " audit " + (dir / "out"));
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
  EXPECT_NE(audit.output.find("indicators_ward_by_period.csv (2024-07-01..2025-06-30): "),
            std::string::npos)
      << audit.output;
  EXPECT_NE(audit.output.find("centres_by_period.csv (2025-04-01..2026-03-31): "),
            std::string::npos);
  EXPECT_NE(audit.output.find("  periods: "), std::string::npos) << audit.output;
  // The demo's contacts start in September 2024: the rolling year to June 2025 starts before
  // (a month's slack: the year to September starts on 1 October), and the manifest says so.
  EXPECT_NE(read_text(dir / "out/manifest.json")
                .find("contacts start in 2024-09, but '12 months to Jun 2025' of [run] "
                      "periods starts on 2024-07-01, before them: a child seen only before "
                      "the file's first day counts as not seen"),
            std::string::npos);
}

// A period of the run's own days is protected with it as one: its public rows are the run's.
TEST(Periods, AYearAsAPeriodIsTheRunsOwnPublicTablesToo) {
  TempDir dir("periods_public_year");
  run_demo_with(dir, "periods = \"annual\"");
  for (const std::string& table : kTables) {
    SCOPED_TRACE(table);
    const auto own = rows_without(dir / ("out/" + table + ".csv"), 0);
    EXPECT_GE(own.size(), 3u);
    EXPECT_EQ(rows_without(dir / ("out/" + table + "_by_period.csv"), 2), own);
  }
}

// The last quarter ends on the run's last day: the same children count in both, so each
// registered count is the run's, hidden where the run's is (else one would give the other
// away), and each seen count at most the run's.
TEST(Periods, TheQuarterEndingWithTheRunHidesWhatTheRunHides) {
  TempDir dir("periods_public_last");
  run_demo_with(dir, "periods = \"quarterly\"");
  std::size_t compared = 0, hidden = 0;
  for (const std::string& table : kTables) {
    SCOPED_TRACE(table);
    const auto own = read_rows(dir / ("out/" + table + ".csv"));
    std::vector<std::map<std::string, std::string>> last;
    for (auto& row : read_rows(dir / ("out/" + table + "_by_period.csv")))
      if (row.at("period") == "2026-01-01..2026-03-31") last.push_back(std::move(row));
    ASSERT_EQ(last.size(), own.size());
    for (std::size_t r = 0; r < own.size(); ++r)
      for (const auto& [name, value] : own[r]) {
        if (!is_children_count(name)) continue;
        const std::string& q = last[r].at(name);
        const bool registered = name.find("registered") != std::string::npos ||
                                (name.rfind("known_", 0) == 0 && name != "known_seen");
        if (registered) {
          EXPECT_EQ(q.empty(), value.empty()) << own[r].begin()->second << " " << name;
          if (!q.empty() && !value.empty()) {
            EXPECT_EQ(q, value) << name;
          }
          compared += !value.empty(), hidden += value.empty();
        } else if (!q.empty() && !value.empty() && name != "reach_area_seen_only_elsewhere") {
          EXPECT_LE(std::stod(q), std::stod(value)) << own[r].begin()->second << " " << name;
        }
      }
  }
  EXPECT_GT(compared, 500u);
  EXPECT_GT(hidden, 20u);
}
