// `reachmap compare OLD_OUT NEW_OUT --out CHANGE_OUT` (engine/compare/) on the demo run over
// its two half-years: the change table, maps, page and the staff's copy; a folder compared
// with itself shows no change anywhere; and two folders under different rules are refused
// with exit 4 naming the difference.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/support/csv_table.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

// The demo's config over [from, to], its paths made absolute (data/demo is never written).
std::string demo_config_for(const TempDir& dir, const std::string& name, const std::string& from,
                            const std::string& to) {
  std::string text = read_text(std::string(REACHMAP_SOURCE_DIR) + "/data/demo/reachmap.toml");
  const std::string demo = std::string(REACHMAP_SOURCE_DIR) + "/data/demo/";
  text = std::regex_replace(text, std::regex(R"re(((path|lookup) *= *")([^/"][^"]*)")re"),
                            "$1" + demo + "$3\"");
  text = std::regex_replace(text, std::regex(R"(\nfrom = [0-9-]+)"), "\nfrom = " + from);
  text = std::regex_replace(text, std::regex(R"(\nto = [0-9-]+)"), "\nto = " + to);
  const std::string path = dir / (name + ".toml");
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST(Compare, TheDemosHalfYearsAreComparedAreaByAreaAndARunAgainstItselfShowsNoChange) {
  TempDir dir("compare");
  const std::string cli = REACHMAP_CLI;
  const std::string first = dir / "first", second = dir / "second";
  for (const auto& [out, from, to] :
       {std::tuple{first, "2025-04-01", "2025-09-30"}, {second, "2025-10-01", "2026-03-31"}}) {
    const auto r =
        run_command(cli + " run " + demo_config_for(dir, out.substr(out.size() - 5), from, to) +
                    " --out " + out + " --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  const std::string change = dir / "change";
  const auto r = run_command(cli + " compare " + first + " " + second + " --out " + change);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2025-04-01..2025-09-30 against 2025-10-01..2026-03-31"),
            std::string::npos)
      << r.output;
  for (const std::string layer : {"neighbourhood", "ward", "locality"}) {
    const CsvTable pub = read_csv_table(change + "/change_" + layer + ".csv");
    const CsvTable staff = read_csv_table(change + "/private/change_" + layer + ".csv");
    const CsvTable areas = read_csv_table(second + "/indicators_" + layer + ".csv");
    ASSERT_EQ(pub.rows.size(), areas.rows.size()) << layer;
    ASSERT_EQ(staff.rows.size(), areas.rows.size()) << layer;
    std::size_t hidden = 0, staff_hidden = 0;
    for (std::size_t i = 0; i < pub.rows.size(); ++i) {
      EXPECT_EQ(pub.rows[i][0], areas.rows[i][0]);
      const std::string flag = pub.rows[i][std::size_t(pub.col("change_flag"))];
      hidden += flag == "hidden";
      staff_hidden += staff.rows[i][std::size_t(staff.col("change_flag"))] == "hidden";
      // A public change only where both periods published the count: no figure beside a
      // hidden one.
      const bool blank_count = pub.rows[i][std::size_t(pub.col("seen_children_old"))].empty() ||
                               pub.rows[i][std::size_t(pub.col("seen_children_new"))].empty();
      EXPECT_EQ(blank_count, flag == "hidden") << layer << " " << pub.rows[i][0];
      if (flag == "improved") {
        EXPECT_GT(std::stod(pub.rows[i][std::size_t(pub.col("seen_reach_change_low"))]), 0);
      }
      if (flag == "no clear change") {
        EXPECT_LE(std::stod(pub.rows[i][std::size_t(pub.col("seen_reach_change_low"))]), 0);
        EXPECT_GE(std::stod(pub.rows[i][std::size_t(pub.col("seen_reach_change_high"))]), 0);
      }
    }
    EXPECT_EQ(staff_hidden, 0u) << layer << ": the staff's copy has every true count";
    if (layer == "neighbourhood") {
      EXPECT_GT(hidden, 0u);
    }
    for (const char* ext : {".png", ".svg", ".pdf"})
      EXPECT_TRUE(std::filesystem::exists(change + "/maps/change_seen_reach_" + layer + ext));
  }
  // Every ward's more children seen in the second half-year: most beyond chance.
  const CsvTable wards = read_csv_table(change + "/change_ward.csv");
  std::size_t improved = 0;
  for (const auto& row : wards.rows)
    improved += row[std::size_t(wards.col("change_flag"))] == "improved";
  EXPECT_GE(improved, 4u);
  // Each centre's reach area too; the staff's copy hides none of them.
  const CsvTable centres = read_csv_table(change + "/change_centres.csv");
  const CsvTable staff_centres = read_csv_table(change + "/private/change_centres.csv");
  ASSERT_EQ(centres.rows.size(), read_csv_table(second + "/centres.csv").rows.size());
  ASSERT_EQ(staff_centres.rows.size(), centres.rows.size());
  EXPECT_EQ(centres.header[0], "centre_id");
  for (const auto& row : staff_centres.rows)
    if (!row[std::size_t(staff_centres.col("reach_area_under5_population_new"))].empty()) {
      EXPECT_NE(row[std::size_t(staff_centres.col("change_flag"))], "hidden") << row[0];
    }
  const std::string html = read_text(change + "/change.html");
  for (const char* words :
       {"Is reach getting better?", "Did the outreach areas move?", "By centre",
        "maps/change_seen_reach_neighbourhood.svg", "Newcombe",
        "Which areas moved more than the whole neighbourhood layer did?", "Spiegelhalter"})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  const auto manifest = nlohmann::json::parse(read_text(change + "/manifest.json"));
  // The funnel for change: every area with a change has its place on it, the manifest counts
  // them, and its overall change is the published counts' (the second half-year's more).
  {
    const CsvTable pub = read_csv_table(change + "/change_neighbourhood.csv");
    std::size_t placed = 0, with_change = 0;
    double seen_old = 0, pop_old = 0, seen_new = 0, pop_new = 0;
    for (const auto& row : pub.rows) {
      const std::string funnel = row[std::size_t(pub.col("change_funnel"))];
      const bool has_change = !row[std::size_t(pub.col("seen_reach_change"))].empty();
      with_change += has_change;
      EXPECT_EQ(funnel.empty(), !has_change) << row[0];
      if (!has_change) continue;
      ++placed;
      EXPECT_TRUE(funnel == "within" || funnel == "above 95%" || funnel == "below 95%" ||
                  funnel == "above 99.8%" || funnel == "below 99.8%")
          << funnel;
      seen_old += std::stod(row[std::size_t(pub.col("seen_children_old"))]);
      seen_new += std::stod(row[std::size_t(pub.col("seen_children_new"))]);
      pop_old += std::stod(row[std::size_t(pub.col("under5_population_old"))]);
      pop_new += std::stod(row[std::size_t(pub.col("under5_population_new"))]);
    }
    EXPECT_GT(placed, 50u);
    const auto& f = manifest["layers"]["neighbourhood"]["seen_reach_change_funnel"];
    std::size_t counted = 0;
    for (const auto& [flag, n] : f["areas_by_flag"].items()) counted += n.get<std::size_t>();
    EXPECT_EQ(counted, with_change);
    EXPECT_NEAR(f["overall_change"].get<double>(), seen_new / pop_new - seen_old / pop_old, 1e-9);
    EXPECT_GT(f["overall_change"].get<double>(), 0);
  }
  for (const auto& o : manifest["outputs"])
    EXPECT_EQ(o["path"].get<std::string>().find("private"), std::string::npos);

  // The same folder twice: no change in any area.
  const auto same = run_command(cli + " compare " + second + " " + second + " --out " + change);
  ASSERT_EQ(same.exit_code, 0) << same.output;
  const CsvTable none = read_csv_table(change + "/change_neighbourhood.csv");
  for (const auto& row : none.rows) {
    const std::string flag = row[std::size_t(none.col("change_flag"))];
    EXPECT_TRUE(flag == "no clear change" || flag == "hidden" || flag == "no estimate") << flag;
    if (flag == "no clear change") {
      EXPECT_EQ(row[std::size_t(none.col("seen_reach_change"))], "0");
      EXPECT_EQ(row[std::size_t(none.col("change_funnel"))], "within");
    }
  }

  // Relative folders and a change folder that does not exist yet, as the README's example
  // gives them: compared, not taken for a folder inside another.
  const auto relative = run_command("cd " + dir.path() + " && " + cli +
                                    " compare first second --out change_relative");
  ASSERT_EQ(relative.exit_code, 0) << relative.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "change_relative/change_ward.csv"));

  // Three folders (the first half-year given twice, as a run again after a correction may
  // be): the change is the last two's, the trend has every period, copied from each folder's
  // published "all areas" row and centres.csv.
  {
    const std::string trend_out = dir / "trend_out";
    const auto r =
        run_command(cli + " compare " + first + " " + first + " " + second + " --out " + trend_out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("trend over 3 periods"), std::string::npos) << r.output;
    EXPECT_EQ(read_text(trend_out + "/change_ward.csv"),
              read_text(dir / "change_relative/change_ward.csv"));  // first against second
    const CsvTable trend = read_csv_table(trend_out + "/trend.csv");
    const CsvTable equity = read_csv_table(first + "/equity_neighbourhood.csv");
    ASSERT_GE(trend.rows.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(trend.rows[i][std::size_t(trend.col("scope"))], "all areas");
      EXPECT_EQ(trend.rows[i][std::size_t(trend.col("period"))],
                i < 2 ? "2025-04-01..2025-09-30" : "2025-10-01..2026-03-31");
    }
    EXPECT_EQ(trend.rows[0][std::size_t(trend.col("seen_reach"))],
              equity.rows[0][std::size_t(equity.col("seen_reach"))]);
    EXPECT_EQ(trend.rows[0][std::size_t(trend.col("seen_children"))],
              equity.rows[0][std::size_t(equity.col("seen_children"))]);
    const std::string html = read_text(trend_out + "/change.html");
    EXPECT_NE(html.find("Seen reach, period by period"), std::string::npos);
    EXPECT_NE(html.find("Each centre's reach area"), std::string::npos);
    // A folder out of order among the earlier ones: refused, naming the order.
    const auto swapped = run_command(cli + " compare " + second + " " + first + " " + second +
                                     " --out " + trend_out);
    EXPECT_EQ(swapped.exit_code, 4) << swapped.output;
    EXPECT_NE(swapped.output.find("give the earlier folder first"), std::string::npos)
        << swapped.output;
  }

  // A staff table edited after the run: refused, naming it (its SHA-256 is not the one
  // private/manifest.json lists), as an edited public table is.
  {
    const std::string edited = dir / "edited";
    std::filesystem::copy(second, edited, std::filesystem::copy_options::recursive);
    std::ofstream(edited + "/private/indicators_ward.csv", std::ios::app) << "\n";
    const auto r = run_command(cli + " compare " + first + " " + edited + " --out " + change);
    EXPECT_EQ(r.exit_code, 4) << r.output;
    EXPECT_NE(r.output.find("indicators_ward.csv is not the file the run wrote"), std::string::npos)
        << r.output;
    std::filesystem::remove_all(edited);
  }

  // A rule of its own: refused, naming it, and the change folder left as it was.
  const std::string other = dir / "other";
  std::filesystem::copy(second, other, std::filesystem::copy_options::recursive);
  auto m = nlohmann::ordered_json::parse(read_text(other + "/manifest.json"));
  m["privacy"]["min_count"] = 10;
  std::ofstream(other + "/manifest.json", std::ios::binary) << m.dump(2);
  const auto refused = run_command(cli + " compare " + first + " " + other + " --out " + change);
  EXPECT_EQ(refused.exit_code, 4) << refused.output;
  EXPECT_NE(refused.output.find("[privacy] min_count: 5 before, 10 now"), std::string::npos)
      << refused.output;
  // The periods given the wrong way round, and a change folder inside a run's: refused.
  const auto swapped = run_command(cli + " compare " + second + " " + first + " --out " + change);
  EXPECT_EQ(swapped.exit_code, 4) << swapped.output;
  EXPECT_NE(swapped.output.find("give the earlier folder first"), std::string::npos)
      << swapped.output;
  const auto inside =
      run_command(cli + " compare " + first + " " + second + " --out " + second + "/change");
  EXPECT_EQ(inside.exit_code, 7) << inside.output;
  EXPECT_FALSE(std::filesystem::exists(second + "/change"));
  EXPECT_EQ(read_csv_table(change + "/change_neighbourhood.csv").rows.size(), none.rows.size());
}
