// [run] periods on the demo: a year measured as a period is the run's own tables to the byte;
// each quarter's children seen at each centre are the files' own (counted again here by a
// reader of their own); the rolling year to the run's end is the run's own again.
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

// Asking for periods adds private files only: every public file is the same bytes as without.
TEST(Periods, ThePublicFilesAreTheSameWithPeriodsAsWithout) {
  TempDir with_dir("periods_public_with"), without_dir("periods_public_without");
  run_demo_with(with_dir, "periods = \"quarterly\"\nrolling = true");
  run_demo_with(without_dir, "");
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(without_dir / "out")) {
    const std::string rel = fs::relative(e.path(), without_dir / "out").string();
    if (!e.is_regular_file() || rel.rfind("private/", 0) == 0) continue;
    if (rel == "report.pdf") continue;  // a PDF's dates (report.html is compared)
    ++files;
    std::string with = read_text(with_dir / ("out/" + rel)), without = read_text(e.path().string());
    if (rel == "manifest.json") {  // but for the config's own path and the PDF's digest
      const auto comparable = [](const std::string& text) {
        auto m = nlohmann::json::parse(text);
        m.erase("config");
        for (auto& input : m["inputs"]) {  // and the warning that the history is short
          auto& warnings = input["warnings"];
          for (auto it = warnings.begin(); it != warnings.end();)
            it = it->get<std::string>().find("[run] periods") != std::string::npos
                     ? warnings.erase(it)
                     : it + 1;
        }
        auto& outputs = m["outputs"];
        for (auto it = outputs.begin(); it != outputs.end(); ++it)
          if ((*it)["path"] == "report.pdf") it->erase("sha256");
        return m.dump();
      };
      with = comparable(with), without = comparable(without);
    }
    EXPECT_TRUE(with == without) << rel << " differs with periods";
  }
  EXPECT_GT(files, 20u);
  // The demo's contacts start in September 2024: the rolling year to June 2025 starts before
  // (a month's slack: the year to September starts on 1 October), and the manifest says so;
  // the quarters of the run need no history.
  const std::string manifest = read_text(with_dir / "out/manifest.json");
  EXPECT_NE(manifest.find("contacts start in 2024-09, but '12 months to Jun 2025' of [run] "
                          "periods starts on 2024-07-01, before them: a child seen only before "
                          "the file's first day counts as not seen"),
            std::string::npos);
  for (const auto& e : fs::recursive_directory_iterator(with_dir / "out")) {
    const std::string rel = fs::relative(e.path(), with_dir / "out").string();
    if (e.is_regular_file() && rel.rfind("private/", 0) != 0) {
      EXPECT_TRUE(fs::exists(without_dir / ("out/" + rel))) << rel << " is public with periods";
    }
  }
}
