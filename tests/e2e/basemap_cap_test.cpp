// A basemap far larger than the maps need (issue 18: a million lines once ran for ten minutes,
// took 5.4 GB and a 6 GB staging folder): simplified to the maps' scale, capped at
// kBasemapMaxVertices with a warning on the console and in the manifest, and the maps written
// stay small.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/geo/basemap.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap::testsupport;
namespace fs = std::filesystem;

namespace {

const std::string kFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";

// `lines` zigzag streets over the tiny fixture's extent (400000-400350 E, 300000-300200 N),
// each of `vertices` vertices 1 m off a straight line (well above the simplification
// tolerance there, 350 m / 5,000), of lengths from 10 m to 300 m.
void write_streets(const std::string& path, int lines, int vertices) {
  std::ofstream out(path);
  out << R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": )"
         R"("urn:ogc:def:crs:EPSG::27700"}}, "features": [)";
  for (int i = 0; i < lines; ++i) {
    const double length = 10 + (i * 7919) % 291, x0 = 400000 + (i * 31) % 40,
                 y0 = 300000 + (i * 0.0049);
    out << (i ? ",\n" : "\n") << R"({"type": "Feature", "properties": {"name": "Street )" << i
        << R"("}, "geometry": {"type": "LineString", "coordinates": [)";
    for (int k = 0; k < vertices; ++k)
      out << (k ? "," : "") << "[" << x0 + length * k / (vertices - 1) << ","
          << y0 + (k % 2 ? 1.0 : 0.0) << "]";
    out << "]}}";
  }
  out << "]}\n";
}

}  // namespace

TEST(BasemapCap, AHugeBasemapIsCappedWithAWarningAndTheMapsStaySmall) {
  TempDir dir("basemap-cap");
  const int lines = 40000, vertices = 25;  // a million vertices, five times the cap
  ASSERT_GT(std::size_t(lines) * vertices, 3 * reachmap::kBasemapMaxVertices);
  write_streets(dir / "streets.geojson", lines, vertices);
  std::string config = read_text(kFixture + "/tiny.toml");
  config = with_absolute_paths(config, kFixture);
  // One map, as SVG and PDF (the vector formats write every vertex): the test stays quick.
  config +=
      "\n[[maps]]\nlayer = \"area\"\nindicator = \"seen_reach\"\nformats = [\"svg\", \"pdf\"]\n"
      "\n[[basemap]]\npath = \"" +
      (dir / "streets.geojson") + "\"\nkind = \"road\"\nname = \"name\"\n";
  write_text(dir / "run.toml", config);

  const auto start = std::chrono::steady_clock::now();
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "run.toml") + " --out " +
                             (dir / "out"));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // The console says how many were left out, of how many, and why.
  const auto warning = r.output.find("    warning: " + (dir / "streets.geojson") + ": ");
  ASSERT_NE(warning, std::string::npos) << r.output;
  const std::string line = r.output.substr(warning, r.output.find('\n', warning) - warning);
  EXPECT_NE(line.find(" of " + std::to_string(lines) + " features left out"), std::string::npos)
      << line;
  EXPECT_NE(line.find("at most " + std::to_string(reachmap::kBasemapMaxVertices) + " vertices"),
            std::string::npos)
      << line;
  const auto manifest = nlohmann::json::parse(read_text(dir / "out/manifest.json"));
  ASSERT_TRUE(manifest.contains("basemap_warnings")) << manifest.dump(2);
  EXPECT_EQ(manifest["basemap_warnings"][0].get<std::string>(),
            line.substr(std::string("    warning: ").size()));
  // Every map stays small: the kept vertices, written twice for a road (casing and line).
  std::size_t maps = 0;
  for (const auto& e : fs::directory_iterator(dir / "out/maps")) {
    const auto ext = e.path().extension();
    if (ext != ".svg" && ext != ".pdf") continue;
    ++maps;
    EXPECT_LT(fs::file_size(e.path()), 20u << 20) << e.path();
  }
  EXPECT_GT(maps, 1u);
  EXPECT_LT(seconds, 60) << r.output;
}
