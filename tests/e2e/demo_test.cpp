// The embedded demo: reproducible from its generator, found by the engine (the planted
// cluster), and the same bytes out at any thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"

#include <set>
#include "engine/pipeline/pipeline.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {
const std::string kSource = REACHMAP_SOURCE_DIR;
const std::string kDemoConfig = kSource + "/data/demo/reachmap.toml";
}  // namespace

TEST(Demo, GeneratorReproducesTheCommittedFilesByteForByte) {
  TempDir dir("demogen");
  const auto r =
      run_command(std::string(REACHMAP_MAKE_DEMO) + " " + (dir / "data") + " " + (dir / "shapes"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "data")) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(read_text(entry.path().string()), read_text(kSource + "/data/demo/" + name)) << name;
    ++compared;
  }
  EXPECT_EQ(compared, 7u);
  EXPECT_EQ(read_text(dir / "shapes/northby.gpkg"),
            read_text(kSource + "/shapes/demo/northby.gpkg"));
}

TEST(Demo, PlantedClusterIsAmongTheLowestSeenReach) {
  const Analysis a = analyse(load_config(kDemoConfig), RunOptions{});
  const Table& t = a.layers.at(0).indicators;  // neighbourhoods, before disclosure control
  const int id = t.column("area_id"), reach = t.column("seen_reach");
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& row : t.rows)
    if (const auto* v = std::get_if<double>(&row[reach]))
      ranked.emplace_back(*v, std::get<std::string>(row[id]));
  std::sort(ranked.begin(), ranked.end());
  ASSERT_GE(ranked.size(), 140u);
  std::set<std::string> lowest;
  for (std::size_t i = 0; i < ranked.size() / 10; ++i) lowest.insert(ranked[i].second);
  CsvReader planted(kSource + "/data/demo/planted_cluster.csv");
  CsvRow row;
  int n = 0;
  while (planted.next(row)) {
    ++n;
    EXPECT_TRUE(lowest.count(std::string(row[0]))) << row[0] << " is not in the lowest 10%";
  }
  EXPECT_EQ(n, 6);
}

TEST(Demo, SameBytesAtOneAndTwoThreads) {
  TempDir dir("demothreads");
  for (const char* threads : {"1", "2"}) {
    const auto r = run_command(std::string(REACHMAP_CLI) + " demo -q --threads " + threads +
                               " --out " + (dir / threads));
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "1")) {
    if (!entry.is_regular_file()) continue;
    const auto rel = std::filesystem::relative(entry.path(), dir / "1").string();
    std::string a = read_text(entry.path().string()), b = read_text(dir / ("2/" + rel));
    if (rel == "manifest.json") {  // only the thread count and timings may differ
      auto ja = nlohmann::json::parse(a), jb = nlohmann::json::parse(b);
      for (auto* j : {&ja, &jb}) j->erase("threads"), j->erase("timings_seconds");
      a = ja.dump();
      b = jb.dump();
    }
    EXPECT_EQ(a, b) << rel;
    ++compared;
  }
  EXPECT_GE(compared, 7u);
}

TEST(Demo, EveryLayerAndTheCentresHaveAQgisStyle) {
  TempDir dir("demostyles");
  ASSERT_EQ(run_command(std::string(REACHMAP_CLI) + " demo -q --out " + dir.path()).exit_code, 0);
  const auto r = run_command("ogrinfo -ro -al -q " + (dir / "reachmap.gpkg") + " layer_styles");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* layer : {"neighbourhood", "ward", "centres"})
    EXPECT_NE(r.output.find(std::string("f_table_name (String) = ") + layer), std::string::npos)
        << layer;
  for (const char* f :
       {"maps/seen_reach_neighbourhood.pdf", "maps/unreached_children_neighbourhood.svg",
        "maps/seen_children_ward.png", "private/maps/families_ward.png"})
    EXPECT_TRUE(std::filesystem::exists(dir / f)) << f;
}

TEST(Demo, PlantedClusterIsFoundAsLowLowAndPutFirstForOutreach) {
  TempDir dir("demostats");
  ASSERT_EQ(run_command(std::string(REACHMAP_CLI) + " demo -q --out " + dir.path()).exit_code, 0);
  CsvReader planted(kSource + "/data/demo/planted_cluster.csv");
  std::set<std::string> ids;
  CsvRow row;
  while (planted.next(row)) ids.emplace(row[0]);
  CsvReader ind(dir / "indicators_neighbourhood.csv");
  const int id = ind.find_column("area_id"), cluster = ind.find_column("lisa_cluster");
  const int flag = ind.find_column("funnel_flag"), rank = ind.find_column("priority_rank");
  ASSERT_GE(cluster, 0);
  int analysed = 0, low_low = 0;
  std::int64_t ranked = 0;
  std::vector<std::pair<std::string, std::int64_t>> planted_ranks;
  while (ind.next(row)) {
    const std::string area(row[static_cast<std::size_t>(id)]);
    if (auto r = parse_int(row[static_cast<std::size_t>(rank)])) ranked = std::max(ranked, *r);
    if (!ids.count(area) || row[static_cast<std::size_t>(cluster)].empty()) continue;
    ++analysed;  // (a suppressed planted area is left out of the statistics)
    low_low += row[static_cast<std::size_t>(cluster)] == "low-low";
    EXPECT_EQ(row[static_cast<std::size_t>(flag)].substr(0, 5), "below") << area;
    planted_ranks.emplace_back(area, *parse_int(row[static_cast<std::size_t>(rank)]));
  }
  // The planted estate is not deprived, which the priority also weighs; still in the top
  // quarter of the outreach list.
  for (const auto& [area, r] : planted_ranks) EXPECT_LE(r * 4, ranked) << area << " rank " << r;
  EXPECT_GE(analysed, 3);
  EXPECT_GE(low_low, analysed - 1);
  const auto m = nlohmann::json::parse(read_text(dir / "manifest.json"));
  const auto& moran = m["analysis"]["neighbourhood"]["moran"];
  for (const char* key : {"I", "expected", "variance", "z", "p_sim"})
    EXPECT_TRUE(moran.contains(key)) << key;
  EXPECT_EQ(m["analysis"]["neighbourhood"]["variable"], "seen_reach_eb");
  EXPECT_EQ(m["analysis"]["neighbourhood"]["seed"], 20250401);
}
