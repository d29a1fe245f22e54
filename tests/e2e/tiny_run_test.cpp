// End to end on tests/fixtures/tiny: four hand-drawn areas in EPSG:27700 (A | B over C, C
// with a hole, D in two parts), 9 postcodes, 20 registration rows and 18 attendance rows.
// Period 2025-04-01..2026-03-31, sustained = at least 2 contacts.
//
// Registrations (line: child -> outcome):
//   2 K01 ab11aa -> AB1 1AA (A), counted, lone parent      3 K02 "AB1  1AA " -> A, born 2023-01
//   4 K03 AB1 1AB on the A|B edge -> A (id sorts first); born 2021-04-01: 5 on 2026-04-01, so 4
//   5 K04 born 2021-03-31: 5th birthday on the period end -> not counted
//   6 K05 AB1 1AD (B)   7 K06 born after the period end   8 K07 registered after the period end
//   9 K08 AB1 1AE, in C's hole -> outside every area, still counted
//  10 K09 AB1 1AF (C), lone parent   11 K10 AB1 1AG (D, second part)   12 K11 far away: outside
//  13 no location  14 unknown postcode  15 malformed  16 missing postcode  17 bad date
//  18 K01 again: duplicate child_id  19 K17 AB1 1AL (A, terminated)  20 wrong field count
//  21 blank (skipped)  22 K19 AB1 1AD (B)
// Counted: K01 K02 K03 K17 (A), K05 K19 (B), K09 (C), K10 (D), K08 K11 (outside) = 10.
//
// Contacts in the period, distinct by (child, date, centre, service):
//   K01: 04-01 play, 05-01 play (typed twice: 1 collapsed), 05-01 massage -> 3
//   K02: 2025-03-31 is before the period; 2026-03-31 (last day) counts -> 1
//   K03: 2026-04-01 is after the period -> 0     K04: not counted child
//   K05: 1   K19: 2   K09: 1   K11: 1   K10: 1 (its note holds a comma and a newline)
//   rejected: K12 (registration rejected), K99 (unknown), 2025/07/01 (bad date), short row
//
// Per area (population A=10, B=1, C=0, D missing):
//   A: registered 4, seen 2 (K01 K02), sustained 1 (K01); reach 0.4, 0.2, 0.1; unreached 8;
//      Wilson 95% for 2/10: 0.0567, 0.5098 (Newcombe 1998); registered 4/10: 0.1682, 0.6873;
//      sustained 1/10: 0.0179, 0.4042; seen count 2, exact Poisson: 0.2422, 7.2247;
//      lone parents 1 registered, 1 seen.
//   B: registered 2, seen 2, sustained 1 (K19); reaches 2, 2, 1 (stale denominator, not
//      clamped); bounds blank where the count > population (sustained 1/1: 0.2065, 1);
//      unreached max(0, 1-2) = 0.
//   C: registered 1, seen 1, sustained 0; population 0: rates and bounds blank, unreached 0;
//      the seen count's Poisson interval needs no population: 0.0253, 5.5716.
//   D: registered 1, seen 1, sustained 0; no population: all rates and unreached blank.
// Too few areas have a population (A, B) for the spatial statistics: their columns are blank.
// Centres: CC1 saw K01 K09 K10 (all inside) -> 3, share 1; CC2 saw K02 K05 K19 K11 -> 4, 0.75.
//
// With min_count = 3 (indicators_area_k3.csv): A's seen 2 and sustained 1 are hidden with the
// band 0-2; its seen reach is blank and its Wilson bounds are those of the band (low of 0/10,
// high of 2/10: 0.5098), its unreached is the band 8-10; registered 4 is hidden beside it. B,
// C and D have only counts of 1 and 2: all hidden. B's and C's unreached 0 go too: beside a
// population of 1, an unreached of 0 says seen is at least 1 (B's band 0-1 is what population
// and seen's band leave it). CC2's 1 child outside is hidden, and so is its 3 inside (4 - 3
// would give 1).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"

using namespace reachmap::testsupport;

namespace {
const std::string kFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";
const std::string kGolden = std::string(REACHMAP_SOURCE_DIR) + "/tests/e2e/golden/tiny";

CommandResult run_cli(const std::string& args) {
  return run_command(std::string(REACHMAP_CLI) + " " + args);
}

// The fixture config with absolute paths and another disclosure threshold.
std::string config_with_min_count(const TempDir& dir, int k) {
  std::string text = read_text(kFixture + "/tiny.toml");
  text = with_absolute_paths(text, kFixture);
  text.replace(text.find("min_count = 0"), 13, "min_count = " + std::to_string(k));
  write_text(dir / "tiny.toml", text);
  return dir / "tiny.toml";
}
}  // namespace

TEST(TinyRun, IndicatorsMatchTheHandWorkedGolden) {
  TempDir out("tiny");
  const auto r = run_cli("run " + kFixture + "/tiny.toml --out " + out.path() + " --quiet");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // --quiet says nothing but the warning that min_count = 0 publishes small numbers.
  EXPECT_EQ(r.output.rfind("reachmap: warning: ", 0), 0u) << r.output;
  EXPECT_NE(r.output.find("disclosure control is off"), std::string::npos);
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 2) << r.output;
  EXPECT_EQ(read_text(out / "indicators_area.csv"), read_text(kGolden + "/indicators_area.csv"));
  EXPECT_EQ(read_text(out / "centres.csv"), read_text(kGolden + "/centres.csv"));
  EXPECT_EQ(read_text(out / "private/rejects.csv"), read_text(kGolden + "/rejects.csv"));
  EXPECT_NE(read_text(out / "private/README.md").find("personal data"), std::string::npos);
}

TEST(TinyRun, ManifestAccountsForEveryRow) {
  TempDir out("tinyman");
  ASSERT_EQ(run_cli("run " + kFixture + "/tiny.toml --out " + out.path() + " -q").exit_code, 0);
  const auto m = nlohmann::json::parse(read_text(out / "manifest.json"));
  std::map<std::string, nlohmann::json> inputs;
  for (const auto& i : m["inputs"]) inputs[i["role"]] = i;
  for (const char* role : {"postcodes", "registrations", "attendance", "population"}) {
    const auto& i = inputs[role];
    std::size_t sum = i["used"].get<std::size_t>();
    for (const auto& [k, v] : i["not_counted"].items()) sum += v.get<std::size_t>();
    for (const auto& [k, v] : i["rejected"].items()) sum += v.get<std::size_t>();
    EXPECT_EQ(sum, i["rows"].get<std::size_t>()) << role;
    EXPECT_TRUE(i["rows_accounted_for"].get<bool>()) << role;
    EXPECT_EQ(i["sha256"].get<std::string>().size(), 64u);
  }
  EXPECT_EQ(inputs["registrations"]["rows"], 20);
  EXPECT_EQ(inputs["registrations"]["used"], 10);
  EXPECT_EQ(inputs["registrations"]["rejected"]["duplicate child_id"], 1);
  EXPECT_EQ(inputs["registrations"]["not_counted"]["aged 5 or over at the period end"], 1);
  EXPECT_EQ(inputs["attendance"]["rows"], 18);
  EXPECT_EQ(inputs["attendance"]["rejected"]["child registration rejected"], 1);
  EXPECT_EQ(inputs["attendance"]["rejected"]["unknown child"], 1);
  EXPECT_EQ(m["contacts"]["duplicate_rows_collapsed"], 1);
  EXPECT_EQ(m["contacts"]["distinct"], 10);
  EXPECT_EQ(m["children"]["counted"], 10);
  EXPECT_EQ(m["children"]["at_terminated_postcodes"], 1);
  EXPECT_EQ(m["layers"]["area"]["children_outside"], 2);
  EXPECT_EQ(m["layers"]["area"]["population"]["areas_without_population"], 1);
  EXPECT_EQ(m["layers"]["area"]["population"]["codes_not_in_layer"], 1);
  EXPECT_EQ(m["privacy"]["disclosure_control"], "off");
}

TEST(TinyRun, DisclosureControlBlanksSmallCounts) {
  TempDir dir("tinyk3");
  const std::string cfg = config_with_min_count(dir, 3);
  const auto r = run_cli("run " + cfg + " --out " + (dir / "out") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(read_text(dir / "out/indicators_area.csv"),
            read_text(kGolden + "/indicators_area_k3.csv"));
  const std::string centres = read_text(dir / "out/centres.csv");
  EXPECT_NE(centres.find("CC1,CC1,3,3,0,1,false"), std::string::npos) << centres;
  EXPECT_NE(centres.find("CC2,CC2,4,,,,true"), std::string::npos) << centres;
}

TEST(TinyRun, OutputFolderIsReusedAndNoTemporaryFilesRemain) {
  TempDir out("tinyre");
  for (int i = 0; i < 2; ++i)
    ASSERT_EQ(run_cli("run " + kFixture + "/tiny.toml --out " + out.path() + " -q").exit_code, 0);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out.path()))
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
  EXPECT_TRUE(std::filesystem::exists(out / "reachmap.gpkg"));
  const auto info = run_command("ogrinfo -ro -so " + (out / "reachmap.gpkg") + " area");
  ASSERT_EQ(info.exit_code, 0) << info.output;  // ogrinfo comes with gdal-bin
  EXPECT_NE(info.output.find("Feature Count: 4"), std::string::npos) << info.output;
}

TEST(TinyRun, MapsAndQgisStylesAreWritten) {
  TempDir out("tinymaps");
  ASSERT_EQ(run_cli("run " + kFixture + "/tiny.toml --out " + out.path() + " -q").exit_code, 0);
  // No population for D and C = 0, so the default maps for a layer with population.
  for (const char* f : {"maps/seen_reach_area.png", "maps/seen_reach_area.svg",
                        "maps/seen_reach_area.pdf", "maps/unreached_children_area.png",
                        "maps/registered_reach_area.png", "private/maps/families_area.png"})
    EXPECT_TRUE(std::filesystem::exists(out / f)) << f;
  const auto m = nlohmann::json::parse(read_text(out / "manifest.json"));
  EXPECT_EQ(m["maps"].size(), 9u);
  // The layer_styles table, read back through GDAL, names the layer and holds QML and SLD.
  const auto styles =
      run_command("ogrinfo -ro -al -q " + (out / "reachmap.gpkg") + " layer_styles");
  ASSERT_EQ(styles.exit_code, 0) << styles.output;
  EXPECT_NE(styles.output.find("f_table_name (String) = area"), std::string::npos) << styles.output;
  EXPECT_NE(styles.output.find("RuleRenderer"), std::string::npos);
  EXPECT_NE(styles.output.find("StyledLayerDescriptor"), std::string::npos);
  EXPECT_NE(styles.output.find("useAsDefault (Integer(Boolean)) = 1"), std::string::npos);
}
