// What a user meets when something is wrong: a message naming file:line, a hint, and an exit
// code that says which kind of failure it was.
#include <gtest/gtest.h>

#include "tests/support/test_support.hpp"

using namespace reachmap::testsupport;

namespace {
const std::string kFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";

CommandResult cli(const std::string& args) {
  return run_command(std::string(REACHMAP_CLI) + " " + args);
}

std::string fixture_config(const TempDir& dir, const std::string& edit_from,
                           const std::string& edit_to) {
  std::string text = read_text(kFixture + "/tiny.toml");
  text = with_absolute_paths(text, kFixture);
  if (!edit_from.empty()) text.replace(text.find(edit_from), edit_from.size(), edit_to);
  write_text(dir / "c.toml", text);
  return dir / "c.toml";
}
}  // namespace

TEST(Cli, HelpAndVersion) {
  EXPECT_EQ(cli("--help").exit_code, 0);
  EXPECT_NE(cli("run --help").output.find("--threads"), std::string::npos);
  EXPECT_NE(cli("--version").output.find("reachmap "), std::string::npos);
  EXPECT_EQ(cli("frobnicate").exit_code, 2);
}

TEST(Cli, TypoInConfigIsExit3WithLine) {
  TempDir dir("clityp");
  const auto r =
      cli("run " + fixture_config(dir, "sustained_min_contacts", "sustained_min_contact"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("c.toml:6: unknown key 'sustained_min_contact' in [run]"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("hint:"), std::string::npos);
}

TEST(Cli, MissingInputIsExit4) {
  TempDir dir("climis");
  const auto r = cli("run " + fixture_config(dir, "attendance.csv", "nope.csv"));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.output.find("nope.csv"), std::string::npos) << r.output;
}

TEST(Cli, MissingColumnNamesTheConfigKey) {
  TempDir dir("clicol");
  const auto r =
      cli("run " + fixture_config(dir, "groups = [\"lone_parent\"]",
                                  "groups = [\"lone_parent\"]\nchild_id = \"ChildRef\""));
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.output.find("no column 'ChildRef'"), std::string::npos) << r.output;
}

TEST(Cli, ThresholdIsExit6) {
  TempDir dir("clithr");
  const auto r =
      cli("run " + fixture_config(dir, "sustained_min_contacts = 2",
                                  "sustained_min_contacts = 2\nmax_rejected_share = 0.1"));
  EXPECT_EQ(r.exit_code, 6) << r.output;
}

TEST(Cli, NothingUsableIsExit5) {
  TempDir dir("clinone");
  write_text(dir / "reg.csv",
             "child_id,family_id,postcode,birth_date,lone_parent\nX1,F,nonsense,2024-01-01,0\n");
  const auto r = cli("run " + fixture_config(dir, "\"" + kFixture + "/registrations.csv\"",
                                             "\"" + (dir / "reg.csv") + "\""));
  EXPECT_EQ(r.exit_code, 5) << r.output;
}

TEST(Cli, CheckWritesNothing) {
  TempDir dir("clichk");
  const std::string cfg = fixture_config(dir, "dir = \"out\"", "dir = \"" + (dir / "out") + "\"");
  const auto r = cli("check " + cfg);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("rejected: unknown postcode: 1"), std::string::npos) << r.output;
  // Rejected rows by line only: values are personal data, shown when asked.
  EXPECT_NE(r.output.find("line 14\n"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("AB1 9ZZ"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--show-rows prints their values"), std::string::npos) << r.output;
  const auto shown = cli("check --show-rows " + cfg);
  EXPECT_NE(shown.output.find("line 14: \"AB1 9ZZ\""), std::string::npos) << shown.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}

TEST(Cli, UnknownMapIndicatorNamesTheMapsSection) {
  TempDir dir("climap");
  const auto r =
      cli("run " +
          fixture_config(dir, "[privacy]",
                         "[[maps]]\nlayer = \"area\"\nindicator = \"seen_rate\"\n\n[privacy]") +
          " --out " + (dir / "out"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("indicator 'seen_rate' is not a numeric column"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("seen_reach"), std::string::npos);  // the hint lists the columns
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));         // found before writing anything
}

// `reachmap place`: the same placement rules as a run, for any points.
TEST(Cli, PlaceTagsPointsAndCountsPerArea) {
  TempDir dir("cliplace");
  const auto r =
      cli("place " + kFixture + "/points.csv --layer " + kFixture +
          "/areas.geojson --id code --x easting --y northing --crs EPSG:27700" + " --out-points " +
          (dir / "tagged.csv") + " --out-counts " + (dir / "counts.csv") + " --threads 2");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2 points outside every area"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("points.csv:7: bad coordinate"), std::string::npos) << r.output;
  // a: inside A; edge: on the A|B edge, so A (sorts first); hole: in C's hole, outside;
  // d2: D's second part; far: outside; bad: rejected (blank).
  EXPECT_EQ(read_text(dir / "tagged.csv"),
            "name,easting,northing,area_id\na,400050,300150,A\nedge,400100,300150,A\n"
            "hole,400100,300050,\nd2,400325,300175,D\nfar,400900,300900,\nbad,x,300000,\n");
  EXPECT_EQ(read_text(dir / "counts.csv"), "area_id,count\nA,2\nB,0\nC,0\nD,1\n");
  EXPECT_EQ(cli("place " + kFixture + "/points.csv --layer " + kFixture +
                "/areas.geojson --id code --x easting")
                .exit_code,
            3);  // --x without --y
}

TEST(Cli, PointsGivenAsBoundariesAreExit4NamingTheGeometry) {
  // A point layer as boundaries once put every child "outside" and exited 0.
  TempDir dir("clipts");
  write_text(dir / "points.geojson",
             "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": "
             "{\"name\": \"urn:ogc:def:crs:EPSG::27700\"}}, \"features\": [{\"type\": "
             "\"Feature\", \"properties\": {\"code\": \"A\", \"name\": \"Alpha\"}, \"geometry\": "
             "{\"type\": \"Point\", \"coordinates\": [500000, 200000]}}]}");
  const auto r =
      cli("run " + fixture_config(dir, kFixture + "/areas.geojson", dir / "points.geojson"));
  EXPECT_EQ(r.exit_code, 4) << r.output;
  EXPECT_NE(r.output.find("Point geometries, not polygons"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("hint:"), std::string::npos);
}

TEST(Cli, TextThatASpreadsheetWouldRunIsNeutralised) {
  TempDir dir("cliinj");
  std::string areas = read_text(kFixture + "/areas.geojson");
  areas.replace(areas.find("\"Alpha\""), 7, "\"=HYPERLINK(\\\"http://x\\\")\"");
  write_text(dir / "areas.geojson", areas);
  const auto r =
      cli("run " + fixture_config(dir, kFixture + "/areas.geojson", dir / "areas.geojson") +
          " -q --out " + (dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string table = read_text(dir / "out/indicators_area.csv");
  EXPECT_NE(table.find("A,\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << table;
  EXPECT_EQ(table.find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(table.find("'1"), std::string::npos) << "numbers are never prefixed";
}
