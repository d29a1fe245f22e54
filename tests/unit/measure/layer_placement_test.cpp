// Code-first placement against the outside world: every Manchester postcode of the ONS NSPL,
// placed with directory_code = "lsoa21cd" into the ONS LSOA 2021 boundaries, lands in the area
// whose code the NSPL file gives it (read here straight from the file, not through the
// directory), and the geometric check agrees for at least 99%.
#include "engine/measure/layer_placement.hpp"

#include <gtest/gtest.h>

#include "engine/io/csv_reader.hpp"
#include "tests/support/real_places.hpp"

using namespace reachmap;

TEST(LayerPlacement, CodeFirstPlacesEveryManchesterPostcodeInItsOfficialLsoa) {
  REACHMAP_REQUIRE_SHARED_DATA();
  PostcodeDirectory dir = testsupport::nspl_directory();
  const LayerSource ls = testsupport::greater_manchester_lsoa21("lsoa21cd");
  const BoundaryLayer layer = load_boundary_layer(ls, "EPSG:27700");

  // The truth, from the file itself: postcode -> official LSOA 2021 code, Manchester only.
  std::unordered_map<std::string, std::string> official;
  CsvReader csv(testsupport::shared_data("postcodes/postcodes_nspl_b_m_cf.csv"));
  const std::size_t c_pc = csv.require_column("pcds", ""),
                    c_lsoa = csv.require_column("lsoa21cd", ""),
                    c_lad = csv.require_column("lad24cd", "");
  for (CsvRow row; csv.next(row);)
    if (row[c_lad] == "E08000003") official[std::string(row[c_pc])] = row[c_lsoa];

  // One home moved to a code no layer has: code-first placement leaves it outside.
  dir.code_ids[dir.find("M1 1AE")->codes_at] = std::uint32_t(dir.code_names.size());
  dir.code_names.push_back("E01999999");
  std::vector<std::string> postcodes;
  std::vector<const DirectoryEntry*> homes;
  for (const auto& [code, e] : dir.entries) {
    if (dir.code(e, 1) != "E08000003" || !e.has_location) continue;
    postcodes.emplace_back(code);
    homes.push_back(&e);
  }
  ASSERT_GT(homes.size(), 26000u);
  const LayerPlacement p = place_homes(layer, ls, dir, homes, 2);
  EXPECT_EQ(p.method.sentence(), "directory code 'lsoa21cd'");
  std::size_t right = 0;
  for (std::size_t k = 0; k < homes.size(); ++k) {
    if (postcodes[k] == "M1 1AE") {
      EXPECT_EQ(p.area[k], -1);
      continue;
    }
    ASSERT_GE(p.area[k], 0) << postcodes[k];
    right += layer.areas[static_cast<std::size_t>(p.area[k])].id == official.at(postcodes[k]);
  }
  EXPECT_EQ(right, homes.size() - 1);
  EXPECT_EQ(p.outside, 1u);
  ASSERT_TRUE(p.agreement.has_value());
  EXPECT_EQ(p.agreement->compared, homes.size() - 1);
  EXPECT_GE(static_cast<double>(p.agreement->agree) / p.agreement->compared, 0.99);
}
