// Services and language end to end: the demo with a services file in which the parenting course
// is run in Polish and baby massage bilingually, and a [[language_gap]] for Polish against the
// lone parents' population (a made-up demand: the demo has no language). The staff's flags
// follow the rule from the true counts; the public ones from the published share alone; the map
// and the report's list are made; the counts are audited like every other.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/support/csv_table.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap::testsupport;

namespace {
const std::string kSource = REACHMAP_SOURCE_DIR;

// The demo's config with every input path absolute and the services replaced.
std::string config_with_services(const std::string& services) {
  std::string text = read_text(kSource + "/data/demo/reachmap.toml");
  text = with_absolute_paths(text, kSource + "/data/demo");
  const std::string demo_services = kSource + "/data/demo/services.csv";
  text.replace(text.find(demo_services), demo_services.size(), services);
  return text +
         "\n[[language_gap]]\nlanguage = \"PL\"\ndemand = \"lone_parent\"\n"
         "min_demand = 5\nshare_below = 0.5\n";
}

std::optional<double> number(const CsvTable& t, std::size_t r, const std::string& c) {
  const std::string& v = t.rows[r][std::size_t(t.col(c))];
  if (v.empty()) return std::nullopt;
  return std::stod(v);
}
}  // namespace

TEST(Services, TypesAndALanguageGapFromTheDemo) {
  TempDir dir("services");
  write_text(dir / "services.csv",
             "service_id,name,type,language\n"
             "stay and play,Stay and Play,stay and play,en\n"
             "baby massage,Baby Massage,baby and toddler,bilingual\n"
             "health visitor clinic,Health Visitor Clinic,health,en\n"
             "speech and language,Speech and Language,health,en\n"
             "parenting course,Kurs dla rodzicow,parenting,pl\n");
  write_text(dir / "c.toml", config_with_services(dir / "services.csv"));
  const std::string out = dir / "out";
  const auto run = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "c.toml") + " --out " +
                               out + " --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const CsvTable staff = read_csv_table(out + "/private/indicators_neighbourhood.csv");
  const CsvTable pub = read_csv_table(out + "/indicators_neighbourhood.csv");
  ASSERT_GE(staff.col("seen_in_pl"), 0);
  ASSERT_GE(staff.col("seen_parenting"), 0);
  std::size_t flagged = 0, public_flags = 0;
  for (std::size_t r = 0; r < staff.rows.size(); ++r) {
    SCOPED_TRACE(staff.rows[r][0]);
    const auto seen = number(staff, r, "seen_children");
    if (!seen) continue;
    // Polish or bilingual: at least the parenting course's and the baby massage's children.
    const double pl = *number(staff, r, "seen_in_pl");
    EXPECT_LE(pl, *seen);
    EXPECT_GE(pl, std::max(*number(staff, r, "seen_parenting"),
                           *number(staff, r, "seen_baby_and_toddler")));
    const double demand = *number(staff, r, "lone_parent_population");
    const std::string flag = staff.rows[r][std::size_t(staff.col("language_gap_pl"))];
    if (demand < 5) {
      EXPECT_EQ(flag, "false");
    } else if (demand > 0) {
      EXPECT_NEAR(*number(staff, r, "pl_provision_share"), pl / demand, 1e-12);
      EXPECT_EQ(flag, pl / demand < 0.5 ? "true" : "false");
    }
    flagged += flag == "true";
    // Public: the flag is the rule on the published share, blank where the share is.
    const auto share = number(pub, r, "pl_provision_share");
    const std::string public_flag = pub.rows[r][std::size_t(pub.col("language_gap_pl"))];
    if (demand < 5) {
      EXPECT_EQ(public_flag, "false");
    } else if (!share) {
      EXPECT_EQ(public_flag, "");
    } else {
      EXPECT_EQ(public_flag, *share < 0.5 ? "true" : "false");
    }
    if (pub.rows[r][std::size_t(pub.col("seen_in_pl"))].empty()) {
      EXPECT_FALSE(share);
    }
    public_flags += public_flag == "true";
  }
  EXPECT_GT(flagged, 0u);
  EXPECT_GT(public_flags, 0u);
  // The map and the report's list; the manifest states the rule.
  EXPECT_TRUE(std::filesystem::exists(out + "/maps/pl_provision_share_neighbourhood.png"));
  const std::string report = read_text(out + "/report.html");
  EXPECT_NE(report.find("Provision in ‘pl’ against demand"), std::string::npos);
  const auto manifest = nlohmann::json::parse(read_text(out + "/manifest.json"));
  const auto& rule = manifest["services"]["language_gaps"][0];
  EXPECT_EQ(rule["demand_column"], "lone_parent_population");
  EXPECT_EQ(rule["provision"], nlohmann::json({"pl", "bilingual"}));
  EXPECT_EQ(manifest["privacy"]["audit"]["cells_left_unsafe"], 0);
  // The public audit reads the new counts and finds them safe.
  const auto audit = run_command(std::string(REACHMAP_CLI) + " audit " + out);
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
}
