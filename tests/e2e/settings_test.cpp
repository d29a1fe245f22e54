// Many settings end to end on the demo: its health centre (the health visitors' clinics) is a
// setting of another kind, and the headline counts the children's centres and family hubs only.
// The staff's tables hold the settings' counts consistent with the headline's; a run with every
// kind in the headline makes seen_children any setting's; the public tables, the manifest and
// the report say it; and a headline kind no centre has is an error at its line.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tests/support/csv_table.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap::testsupport;

namespace {
const std::string kSource = REACHMAP_SOURCE_DIR;

// The demo's config with every input path absolute and its headline_types line replaced.
std::string demo_config(const std::string& headline_line) {
  std::string text = read_text(kSource + "/data/demo/reachmap.toml");
  text = with_absolute_paths(text, kSource + "/data/demo");
  const std::size_t from = text.find("headline_types");
  text.replace(from, text.find('\n', from) - from, headline_line);
  return text;
}

double number(const CsvTable& t, std::size_t r, const std::string& c) {
  const int i = t.col(c);
  EXPECT_GE(i, 0) << c;
  return std::stod(t.rows[r][std::size_t(i)]);
}

CsvTable run_demo(const TempDir& dir, const std::string& name, const std::string& headline) {
  write_text(dir / (name + ".toml"), demo_config(headline));
  const auto run = run_command(std::string(REACHMAP_CLI) + " run " + (dir / (name + ".toml")) +
                               " --out " + (dir / name) + " --quiet");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  return read_csv_table(dir / name + "/private/indicators_neighbourhood.csv");
}
}  // namespace

TEST(Settings, TheHeadlineCountsItsKindsAndAnySettingCountsEveryone) {
  TempDir dir("settings");
  const CsvTable some =
      run_demo(dir, "some", "headline_types = [\"children's centre\", \"family hub\"]");
  const CsvTable all = run_demo(dir, "all", "# every kind");
  ASSERT_EQ(some.rows.size(), all.rows.size());
  double only_elsewhere = 0, total_any = 0;
  for (std::size_t r = 0; r < some.rows.size(); ++r) {
    SCOPED_TRACE(some.rows[r][0]);
    const double seen = number(some, r, "seen_children"), any = number(some, r, "seen_any_setting");
    const double centres = number(some, r, "seen_by_childrens_centre"),
                 hubs = number(some, r, "seen_by_family_hub"),
                 clinic = number(some, r, "seen_by_health_clinic");
    EXPECT_LE(seen, any);
    EXPECT_LE(std::max(centres, hubs), seen);
    EXPECT_LE(seen, centres + hubs);
    EXPECT_LE(any, centres + hubs + clinic);  // every centre of the demo has a kind
    EXPECT_LE(number(some, r, "seen_multi_setting"), any);
    // The same children seen by any setting whatever the headline; with every kind in it, the
    // headline's seen is any setting's.
    EXPECT_EQ(any, number(all, r, "seen_any_setting"));
    EXPECT_EQ(number(all, r, "seen_children"), any);
    only_elsewhere += any - seen;
    total_any += any;
  }
  // The clinic sees children the centres and hubs do not: a few, not none.
  EXPECT_GT(only_elsewhere, 0);
  EXPECT_LT(only_elsewhere, 0.1 * total_any);
  // Public: the centres' kinds, the manifest's statement, the report's section; audited.
  const std::string out = dir / "some";
  const CsvTable centres = read_csv_table(out + "/centres.csv");
  ASSERT_GE(centres.col("setting_type"), 0);
  for (const auto& row : centres.rows) {
    if (row[0] == "HC1") {
      EXPECT_EQ(row[std::size_t(centres.col("setting_type"))], "health clinic");
    }
  }
  const auto manifest = nlohmann::json::parse(read_text(out + "/manifest.json"));
  const auto& settings = manifest["settings"];
  ASSERT_EQ(settings["types"].size(), 3u);
  EXPECT_EQ(settings["types"][0]["column"], "childrens_centre");
  EXPECT_EQ(settings["types"][0]["in_headline"], true);
  EXPECT_EQ(settings["types"][2]["column"], "health_clinic");
  EXPECT_EQ(settings["types"][2]["in_headline"], false);
  EXPECT_EQ(settings["centres_not_listed"], 0);
  EXPECT_EQ(manifest["privacy"]["audit"]["cells_left_unsafe"], 0);
  const std::string report = read_text(out + "/report.html");
  EXPECT_NE(report.find("Which settings see whom"), std::string::npos);
  EXPECT_NE(report.find("CC1 · family hub"), std::string::npos);
  // Grouped by kind, the headline's first: a children's centre's page before a family hub's.
  EXPECT_LT(report.find("CC2 · children"), report.find("CC1 · family hub"));
  const auto audit = run_command(std::string(REACHMAP_CLI) + " audit " + out);
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
}

TEST(Settings, AHeadlineKindNoCentreHasIsAnErrorAtItsLine) {
  TempDir dir("settings");
  write_text(dir / "c.toml", demo_config("headline_types = [\"nursery\"]"));
  const auto run = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "c.toml") + " --out " +
                               (dir / "out") + " --quiet");
  EXPECT_NE(run.exit_code, 0);
  const std::string text = read_text(dir / "c.toml");
  const std::size_t line =
      1 + std::size_t(std::count(text.begin(), text.begin() + long(text.find("nursery")), '\n'));
  EXPECT_NE(run.output.find("c.toml:" + std::to_string(line)), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("'health clinic'"), std::string::npos) << run.output;
}
