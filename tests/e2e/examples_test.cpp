// The worked examples under examples/ run end to end on ../shared/data: synthetic families from
// reachmap-synth, then a full run. Checks the vintage bridging, the row accounting, that the
// counts match the generator's ground truth, and that planted clusters are found.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using Json = nlohmann::json;

namespace {

Json run_example(const std::string& name, const std::string& out) {
  const std::string script = std::string(REACHMAP_SOURCE_DIR) + "/examples/" + name + "/run.sh";
  const auto r = testsupport::run_command("REACHMAP_BIN_DIR=" + std::string(REACHMAP_BIN_DIR) +
                                          " bash " + script + " " + out);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::ifstream f(out + "/manifest.json");
  return Json::parse(f);
}

// column -> value for every row of a CSV, keyed by its first column.
std::map<std::string, std::map<std::string, std::string>> read_rows(const std::string& path) {
  std::map<std::string, std::map<std::string, std::string>> out;
  CsvReader csv(path);
  CsvRow row;
  while (csv.next(row))
    for (std::size_t c = 0; c < csv.header().size(); ++c)
      out[std::string(row[0])][csv.header()[c]] = std::string(row[c]);
  return out;
}

void expect_inputs_accounted_for(const Json& manifest) {
  for (const auto& input : manifest["inputs"]) {
    if (input.contains("rows_accounted_for")) {
      EXPECT_TRUE(input["rows_accounted_for"].get<bool>()) << input["role"];
    }
  }
}

// At least one planted area is in a low-low cluster or among the 30 highest priorities.
void expect_planted_clusters_found(const std::string& families, const std::string& indicators) {
  const auto planted = read_rows(families + "/planted_clusters.csv");
  std::set<std::string> planted_areas;
  {
    CsvReader csv(families + "/planted_clusters.csv");
    CsvRow row;
    while (csv.next(row)) planted_areas.insert(std::string(row[1]));
  }
  ASSERT_FALSE(planted.empty());
  std::size_t found = 0;
  for (const auto& [id, r] : read_rows(indicators)) {
    if (!planted_areas.count(id)) continue;
    const std::string rank = r.at("priority_rank");
    found += r.at("lisa_cluster") == "low-low" || (!rank.empty() && std::stoi(rank) <= 30);
  }
  EXPECT_GE(found, 2u);
}

}  // namespace

TEST(Examples, ManchesterCarriesImdFrom2011AndMatchesTheGroundTruth) {
  if (!testsupport::have_shared_data()) GTEST_SKIP() << "no ../shared/data";
  testsupport::TempDir dir("ex-manchester");
  const Json m = run_example("manchester", dir.path());
  expect_inputs_accounted_for(m);
  const Json& layer = m["layers"]["lsoa21"];
  EXPECT_EQ(layer["areas"], 295);
  EXPECT_EQ(layer["population"]["estimate"], true);
  EXPECT_EQ(layer["population"]["areas_without_population"], 0);
  // Manchester's 295 LSOAs 2021: 263 kept their 2011 code, 30 are parts of split 2011 areas,
  // 2 were formed by merging (ONS change indicators U, S and M).
  const Json& v = layer["deprivation_vintage"];
  EXPECT_EQ(v["areas_from_one_whole_area"], 263);
  EXPECT_EQ(v["areas_from_part_of_an_area"], 30);
  EXPECT_EQ(v["areas_from_several_areas"], 2);
  EXPECT_EQ(v["areas_with_a_source_missing"], 0);

  // Placement is by the NSPL's official code, so every unsuppressed area shows exactly the
  // children the generator registered there.
  const std::string families = std::string(REACHMAP_SOURCE_DIR) + "/examples/manchester/families";
  const auto truth = read_rows(families + "/ground_truth.csv");
  std::size_t compared = 0;
  for (const auto& [id, r] : read_rows(dir / "indicators_lsoa21.csv")) {
    if (r.at("registered_children").empty()) continue;
    EXPECT_EQ(r.at("registered_children"), truth.at(id).at("registered")) << id;
    ++compared;
  }
  EXPECT_GT(compared, 250u);
  expect_planted_clusters_found(families, dir / "indicators_lsoa21.csv");
}

TEST(Examples, BirminghamCarriesCensus2021BackTo2011) {
  if (!testsupport::have_shared_data()) GTEST_SKIP() << "no ../shared/data";
  testsupport::TempDir dir("ex-birmingham");
  const Json m = run_example("birmingham", dir.path());
  expect_inputs_accounted_for(m);
  const Json& layer = m["layers"]["lsoa11"];
  EXPECT_EQ(layer["areas"], 639);
  const Json& v = layer["population"]["vintage"];
  EXPECT_EQ(v["codes_from"], "new (lsoa21cd)");
  EXPECT_EQ(v["areas_from_one_whole_area"], 616);
  EXPECT_EQ(v["areas_from_part_of_an_area"], 2);
  EXPECT_EQ(v["areas_from_several_areas"], 21);
  EXPECT_EQ(layer["population"]["areas_without_population"], 0);
  EXPECT_GT(m["analysis"]["lsoa11"]["moran"]["I"].get<double>(), 0.2);
  expect_planted_clusters_found(std::string(REACHMAP_SOURCE_DIR) + "/examples/birmingham/families",
                                dir / "indicators_lsoa11.csv");
}
