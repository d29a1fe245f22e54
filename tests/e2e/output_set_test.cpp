// The output folder is replaced as a whole: a run killed at any moment leaves the old complete
// set (or none), never a mix, and the next run clears what it left; two runs never write the
// same folder at once; reachmap never writes over its inputs or into a folder it did not make.
#include <gtest/gtest.h>

#include <chrono>

#include <nlohmann/json.hpp>
#include <set>

#include "engine/io/sha256.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";

// A complete set: the manifest lists every other file with its SHA-256, and nothing else is
// there but the manifest and the marker.
void expect_complete_set(const std::string& dir, const std::string& when) {
  const auto manifest = nlohmann::json::parse(read_text(dir + "/manifest.json"));
  std::set<std::string> listed;
  for (const auto& f : manifest["outputs"]) {
    const std::string path = f["path"];
    listed.insert(path);
    ASSERT_TRUE(std::filesystem::exists(dir + "/" + path)) << when << ": " << path;
    EXPECT_EQ(sha256_file(dir + "/" + path, path), f["sha256"]) << when << ": " << path;
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(entry.path(), dir).generic_string();
    EXPECT_TRUE(listed.count(rel) || rel == "manifest.json" || rel == ".reachmap-output")
        << when << ": " << rel << " is not in the manifest";
  }
}

std::size_t staging_folders(const std::string& parent) {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(parent))
    n += entry.path().filename().string().find(".staging-") != std::string::npos;
  return n;
}

}  // namespace

TEST(OutputSet, AKilledRunLeavesTheOldCompleteSetAndTheNextRunClearsUp) {
  TempDir dir("killed");
  const std::string out = dir / "out";
  const std::string run =
      std::string(REACHMAP_CLI) + " run " + kFixture + "/tiny.toml -q --out " + out;
  ASSERT_EQ(run_command(run).exit_code, 0);
  // 20 delays across the run's length (measured, so the kills land in every stage).
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(run_command(run).exit_code, 0);
  const double length =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (int k = 1; k <= 20; ++k) {
    const std::string delay = std::to_string(length * k / 20.0);
    run_command("timeout -s KILL " + delay + " " + run);
    expect_complete_set(out, "killed after " + delay + " s of " + std::to_string(length));
  }
  ASSERT_EQ(run_command(run).exit_code, 0);
  expect_complete_set(out, "after a clean run");
  EXPECT_EQ(staging_folders(dir.path()), 0u);
}

TEST(OutputSet, NeverOverAnInputNorIntoAForeignFolder) {
  TempDir dir("refuse");
  // `[output] dir = "."` beside the inputs would overwrite centres.csv.
  std::string text = read_text(kFixture + "/tiny.toml");
  for (std::size_t at = 0; (at = text.find("path = \"", at)) != std::string::npos;) {
    at += 8;
    text.insert(at, kFixture + "/");
  }
  write_text(dir / "inputs-here.toml", text);
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "inputs-here.toml") +
                             " -q --out " + dir.path());
  EXPECT_EQ(r.exit_code, 7) << r.output;
  EXPECT_NE(r.output.find("the output folder holds an input"), std::string::npos) << r.output;
  std::filesystem::create_directories(dir / "mine");
  write_text(dir / "mine/thesis.docx", "not reachmap's");
  const auto f = run_command(std::string(REACHMAP_CLI) + " run " + kFixture +
                             "/tiny.toml -q --out " + (dir / "mine"));
  EXPECT_EQ(f.exit_code, 7) << f.output;
  EXPECT_NE(f.output.find("not empty and was not made by reachmap"), std::string::npos);
  EXPECT_EQ(read_text(dir / "mine/thesis.docx"), "not reachmap's");
}

TEST(OutputSet, ASecondRunIntoTheSameFolderFailsAtOnce) {
  TempDir dir("twice");
  const std::string out = dir / "out";
  const std::string run =
      std::string(REACHMAP_CLI) + " run " + kFixture + "/tiny.toml -q --out " + out;
  // The first run holds the lock from its start to its end.
  const auto r = run_command("(" + run + " & sleep 0.3; " + run + "; echo second=$?; wait)");
  EXPECT_NE(r.output.find("another reachmap run is writing this output folder"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("second=7"), std::string::npos) << r.output;
  expect_complete_set(out, "after both");
}

// A full disk (here a file-size limit: writes past 100 KiB fail with EFBIG, as with ENOSPC)
// or a bug mid-write is exit 7 (or 70) naming the output file, and leaves the old set whole.
TEST(OutputSet, AFailedWriteKeepsTheOldSet) {
  TempDir dir("full");
  const std::string out = dir / "out";
  const std::string run =
      std::string(REACHMAP_CLI) + " run " + kFixture + "/tiny.toml -q --out " + out;
  ASSERT_EQ(run_command(run).exit_code, 0);
  const std::string before = read_text(out + "/manifest.json");
  const auto full = run_command("bash -c \"trap '' XFSZ; ulimit -f 100; " + run + "\"");
  EXPECT_EQ(full.exit_code, 7) << full.output;
  EXPECT_NE(full.output.find("reachmap: error: " + out + "/"), std::string::npos) << full.output;
  EXPECT_EQ(full.output.find(".staging-"), std::string::npos) << full.output;
  expect_complete_set(out, "after a full disk");
  for (const char* stage : {"write tables", "draw maps", "write geopackage"}) {
    const auto bug = run_command("REACHMAP_FAIL_AT='" + std::string(stage) + "' " + run);
    EXPECT_EQ(bug.exit_code, 70) << bug.output;
    expect_complete_set(out, std::string("after a failure at ") + stage);
  }
  EXPECT_EQ(read_text(out + "/manifest.json"), before);
  EXPECT_EQ(staging_folders(dir.path()), 0u);
}

// A file of an earlier run (a layer since renamed) does not stay beside a manifest that does
// not list it: the new set replaces the old one whole.
TEST(OutputSet, AFileOfAnEarlierRunDoesNotLinger) {
  TempDir dir("renamed");
  const std::string out = dir / "out";
  std::string config = read_text(kFixture + "/tiny.toml");
  for (std::size_t at = 0; (at = config.find("path = \"", at)) != std::string::npos;)
    config.insert(at += 8, kFixture + "/");
  write_text(dir / "area.toml", config);
  std::string zone = config;
  zone.replace(zone.find("name = \"area\""), 13, "name = \"zone\"");
  zone.replace(zone.find("layer = \"area\""), 14, "layer = \"zone\"");
  write_text(dir / "zone.toml", zone);
  for (const char* c : {"area.toml", "zone.toml"})
    ASSERT_EQ(
        run_command(std::string(REACHMAP_CLI) + " run " + (dir / c) + " -q --out " + out).exit_code,
        0);
  EXPECT_FALSE(std::filesystem::exists(out + "/indicators_area.csv"));
  EXPECT_TRUE(std::filesystem::exists(out + "/indicators_zone.csv"));
  expect_complete_set(out, "after the layer was renamed");
}
