// reachmap-synth: the same bytes for the same seed, totals that agree with its ground truth,
// and synthetic postcodes that really lie inside their areas (checked with `reachmap place`).
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {

std::string synth_command(const std::string& out, const std::string& seed, bool postcodes) {
  const std::string data = testsupport::shared_data("");
  std::string cmd = std::string(REACHMAP_BIN_DIR) + "/reachmap-synth --quiet --seed " + seed +
                    " --boundaries " + data + "/boundaries/lsoa11_manchester_bgc.gpkg" +
                    " --id lsoa11cd --label lsoa11nm --population " + data +
                    "/deprivation/iod2019_lsoa11_england.csv --population-area lsoa11cd"
                    " --population-count pop_0_15_mid2015 --population-scale 0.3125"
                    " --centres 12 --clusters 2 --out " +
                    out;
  if (postcodes)
    cmd += " --postcodes " + data + "/postcodes/postcodes_nspl_b_m_cf.csv --postcode-area lsoa11cd";
  return cmd;
}

}  // namespace

TEST(Synth, SameSeedSameBytesAndTotalsMatchTheGroundTruth) {
  REACHMAP_REQUIRE_SHARED_DATA();
  testsupport::TempDir dir("synth-seed");
  ASSERT_EQ(testsupport::run_command(synth_command(dir / "a", "5", true)).exit_code, 0);
  ASSERT_EQ(testsupport::run_command(synth_command(dir / "b", "5", true)).exit_code, 0);
  ASSERT_EQ(testsupport::run_command(synth_command(dir / "c", "6", true)).exit_code, 0);
  for (const char* f : {"registrations.csv", "attendance.csv", "centres.csv", "postcodes.csv",
                        "ground_truth.csv", "planted_clusters.csv"}) {
    EXPECT_EQ(testsupport::read_text(dir / ("a/" + std::string(f))),
              testsupport::read_text(dir / ("b/" + std::string(f))))
        << f;
  }
  EXPECT_NE(testsupport::read_text(dir / "a/attendance.csv"),
            testsupport::read_text(dir / "c/attendance.csv"));

  std::size_t registered = 0, contacts = 0, planted = 0;
  CsvReader truth(dir / "a/ground_truth.csv");
  CsvRow row;
  while (truth.next(row)) {
    registered += std::stoul(std::string(row[3]));
    contacts += std::stoul(std::string(row[5]));
    planted += !row[8].empty();
  }
  EXPECT_EQ(registered, testsupport::csv_rows(dir / "a/registrations.csv"));
  EXPECT_EQ(contacts, testsupport::csv_rows(dir / "a/attendance.csv"));
  EXPECT_EQ(planted, 10u);  // two clusters of five areas
  EXPECT_EQ(testsupport::csv_rows(dir / "a/centres.csv"), 12u);
}

TEST(Synth, SyntheticPostcodesLieInsideTheirAreas) {
  REACHMAP_REQUIRE_SHARED_DATA();
  testsupport::TempDir dir("synth-directory");
  ASSERT_EQ(testsupport::run_command(synth_command(dir / "s", "3", false)).exit_code, 0);
  // Every postcode is synthetic (Q...) and `reachmap place` finds it in the area it was drawn in.
  const auto r = testsupport::run_command(
      std::string(REACHMAP_CLI) + " place " + (dir / "s/postcodes.csv") + " --layer " +
      testsupport::shared_data("boundaries/lsoa11_manchester_bgc.gpkg") +
      " --id lsoa11cd --x x --y y --crs EPSG:27700 --out-points " + (dir / "tagged.csv") + " -q");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  CsvReader csv(dir / "tagged.csv");
  const auto c_pc = csv.require_column("pcds", ""), c_area = csv.require_column("area_id", ""),
             c_placed = csv.header().size() - 1;
  CsvRow row;
  std::size_t n = 0, agree = 0;
  while (csv.next(row)) {
    ++n;
    EXPECT_EQ(row[c_pc][0], 'Q');
    agree += row[c_area] == row[c_placed];
  }
  EXPECT_GT(n, 5000u);
  EXPECT_EQ(agree, n);
}
