// The output folder is replaced as a whole: a run killed at any moment leaves the old complete
// set (or none), never a mix, and the next run clears what it left; two runs never write the
// same folder at once; reachmap never writes over its inputs or into a folder it did not make.
#include <gtest/gtest.h>

#include <signal.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/io/sha256.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";

// A complete set: the manifest lists every other public file with its SHA-256 and
// private/manifest.json every private one (the public manifest names none of them), and
// nothing else is there but the two manifests and the marker.
void expect_complete_set(const std::string& dir, const std::string& when) {
  std::set<std::string> listed;
  for (const std::string m : {"manifest.json", "private/manifest.json"}) {
    const auto manifest = nlohmann::json::parse(read_text(dir + "/" + m));
    for (const auto& f : manifest["outputs"]) {
      const std::string listed_path = f["path"];  // the private manifest's: within private/
      EXPECT_NE(listed_path.rfind("private/", 0), 0u) << when << ": " << listed_path;
      const std::string path = (m == "manifest.json" ? "" : "private/") + listed_path;
      listed.insert(path);
      ASSERT_TRUE(std::filesystem::exists(dir + "/" + path)) << when << ": " << path;
      EXPECT_EQ(sha256_file(dir + "/" + path, path), f["sha256"]) << when << ": " << path;
    }
  }
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(entry.path(), dir).generic_string();
    EXPECT_TRUE(listed.count(rel) || rel == "manifest.json" || rel == "private/manifest.json" ||
                rel == ".reachmap-output")
        << when << ": " << rel << " is in neither manifest";
  }
}

std::size_t staging_folders(const std::string& parent) {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(parent))
    n += entry.path().filename().string().find(".staging-") != std::string::npos;
  return n;
}

// Two runs of the tiny fixture whose sets differ in every table (a different period), so
// that "the old set" and "the new set" can be told apart after a kill.
struct OldAndNew {
  explicit OldAndNew(const TempDir& dir)
      : out(std::filesystem::weakly_canonical(dir / "out").string()) {
    std::string config = read_text(kFixture + "/tiny.toml");
    config = with_absolute_paths(config, kFixture);
    write_text(dir / "old.toml", config);
    config.replace(config.find("from = 2025-04-01"), 17, "from = 2025-10-01");
    write_text(dir / "new.toml", config);
    old_run = std::string(REACHMAP_CLI) + " run " + (dir / "old.toml") + " -q --out " + out;
    new_run = std::string(REACHMAP_CLI) + " run " + (dir / "new.toml") + " -q --out " + out;
  }
  std::string out, old_run, new_run;
};

// Every entry below `dir` as a reader finds it: a file's bytes (private/manifest.json without
// its timings, which differ between any two runs), "<folder>" or "<link>"; {"": "<none>"} when
// `dir` is missing.
std::map<std::string, std::string> contents(const std::string& dir) {
  std::map<std::string, std::string> all;
  if (!std::filesystem::exists(dir)) return {{"", "<none>"}};
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string rel = std::filesystem::relative(e.path(), dir).generic_string();
    if (e.is_symlink())
      all[rel] = "<link>";
    else if (e.is_directory())
      all[rel] = "<folder>";
    else if (rel == "manifest.json" || rel == "private/manifest.json") {
      auto manifest = nlohmann::json::parse(read_text(e.path().string()));
      manifest.erase("timings_seconds"), manifest.erase("cpu_seconds");
      manifest.erase("input_digests");
      all[rel] = manifest.dump();
    } else
      all[rel] = read_text(e.path().string());
  }
  return all;
}

// The first entry where two folders' contents differ, for a message.
std::string first_difference(const std::map<std::string, std::string>& a,
                             const std::map<std::string, std::string>& b) {
  for (const auto& [rel, bytes] : a)
    if (!b.count(rel) || b.at(rel) != bytes) return rel + (b.count(rel) ? " differs" : " missing");
  for (const auto& [rel, bytes] : b)
    if (!a.count(rel)) return rel + " extra";
  return "";
}

// The folder holds exactly the old set or exactly the new one: every file, every byte.
void expect_old_or_new(const std::string& out, const std::map<std::string, std::string>& old_set,
                       const std::map<std::string, std::string>& new_set, const std::string& when) {
  const auto now = contents(out);
  EXPECT_TRUE(now == old_set || now == new_set)
      << when << ": neither set; against the old: " << first_difference(old_set, now)
      << "; against the new: " << first_difference(new_set, now);
}

// The next run clears what a killed one left and writes its set whole.
void expect_recovery(const OldAndNew& runs, const std::map<std::string, std::string>& old_set,
                     const std::string& parent, const std::string& when) {
  const auto r = run_command(runs.old_run);
  EXPECT_EQ(r.exit_code, 0) << when << ": " << r.output;
  EXPECT_EQ(first_difference(old_set, contents(runs.out)), "") << when << ", then a clean run";
  EXPECT_EQ(staging_folders(parent), 0u) << when << ", then a clean run";
}

}  // namespace

// A run killed (SIGKILL: no clean-up) at each step of the swap that io/output_set names
// (REACHMAP_KILL_AT=swap:<step>): before the exchange the old set is there whole, after it
// the new one; what the killed run left beside it is cleared by the next run.
TEST(OutputSet, AKillAtEachStepOfTheSwapLeavesTheOldOrTheNewSet) {
  TempDir dir("swap-steps");
  const OldAndNew runs(dir);
  ASSERT_EQ(run_command(runs.new_run).exit_code, 0);
  const auto new_set = contents(runs.out);
  ASSERT_EQ(run_command(runs.old_run).exit_code, 0);
  const auto old_set = contents(runs.out);
  ASSERT_NE(first_difference(old_set, new_set), "");
  EXPECT_NE(old_set.at("indicators_area.csv"), new_set.at("indicators_area.csv"));
  const std::pair<const char*, bool> steps[] = {
      {"staged", false}, {"marked", false}, {"exchanged", true}, {"removed", true}};
  for (const auto& [step, is_new] : steps) {
    const std::string when = std::string("killed at swap:") + step;
    const auto r = run_command("REACHMAP_KILL_AT=swap:" + std::string(step) + " " + runs.new_run);
    ASSERT_EQ(r.signal, SIGKILL) << when << ": the kill did not land (exit " << r.exit_code << ")\n"
                                 << r.output;
    EXPECT_EQ(first_difference(is_new ? new_set : old_set, contents(runs.out)), "") << when;
    // Before the old set is removed, the killed run's staging folder is still there.
    EXPECT_EQ(staging_folders(dir.path()), std::string(step) == "removed" ? 0u : 1u) << when;
    expect_recovery(runs, old_set, dir.path(), when);
  }
}

// The same, at every change the run makes at or below the output folder, just before and just
// after it (tests/support/kill_inside.cpp, preloaded): whatever the swap does, no kill leaves a
// mix of the two sets or a missing file. An atomic exchange is one change; a swap written as
// "delete the old folder, copy the new one in" is hundreds, and fails at the first.
TEST(OutputSet, AKillAtEveryChangeInTheOutputFolderLeavesTheOldOrTheNewSet) {
  TempDir dir("swap-changes");
  const OldAndNew runs(dir);
  ASSERT_EQ(run_command(runs.new_run).exit_code, 0);
  const auto new_set = contents(runs.out);
  ASSERT_EQ(run_command(runs.old_run).exit_code, 0);
  const auto old_set = contents(runs.out);
  // verify_asan_link_order: the preloaded library comes before a sanitizer build's runtime
  // (scripts/sanitize.sh's own ASAN_OPTIONS are kept).
  const std::string preload =
      std::string("LD_PRELOAD=") + REACHMAP_KILL_INSIDE +
      " ASAN_OPTIONS=\"${ASAN_OPTIONS:-}:verify_asan_link_order=0\" REACHMAP_KILL_UNDER=" +
      runs.out + " REACHMAP_KILL_CHANGE=";
  std::size_t kills = 0;
  bool finished = false;
  for (int n = 1; n <= 2000 && !finished; ++n)
    for (const char* when : {"before", "after"}) {
      const std::string at = std::to_string(n) + ":" + when;
      const auto r = run_command(preload + at + " " + runs.new_run);
      if (r.signal == 0) {  // fewer than n changes: the run went through
        EXPECT_EQ(r.exit_code, 0) << at << "\n" << r.output;
        EXPECT_EQ(first_difference(new_set, contents(runs.out)), "") << "unkilled at " << at;
        finished = true;
        break;
      }
      ASSERT_EQ(r.signal, SIGKILL) << at << "\n" << r.output;
      ++kills;
      expect_old_or_new(runs.out, old_set, new_set, "killed " + at + " change");
      if (::testing::Test::HasFailure()) return;  // one broken point says it; the rest repeat it
      expect_recovery(runs, old_set, dir.path(), "killed " + at + " change");
    }
  EXPECT_TRUE(finished);
  EXPECT_GE(kills, 2u) << "no kill landed around the swap";
}

TEST(OutputSet, NeverOverAnInputNorIntoAForeignFolder) {
  TempDir dir("refuse");
  // `[output] dir = "."` beside the inputs would overwrite centres.csv.
  std::string text = read_text(kFixture + "/tiny.toml");
  text = with_absolute_paths(text, kFixture);
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
  // The first run holds the lock from its start to its end; the second starts once the first
  // holds it (on a loaded machine the first may take longer than any fixed pause to start).
  // Seen in /proc/locks, by the lock file's inode: probing with flock(1) takes the lock for an
  // instant, and a first run starting in that instant was the one refused.
  const std::string lock = dir / ".out.lock";
  const std::string held =
      "{ ino=$(stat -c %i " + lock + " 2>/dev/null) && grep -q \":$ino \" /proc/locks; }";
  const auto r = run_command("(" + run + " & for i in $(seq 400); do " + held +
                             " && break; sleep 0.025; done; " + run + "; echo second=$?; wait)");
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
  config = with_absolute_paths(config, kFixture);
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

// The inputs' digests of a run are kept in private/manifest.json: the next run into the folder
// reads no input unchanged since, and writes the same SHA-256 of each into manifest.json.
TEST(OutputSet, TheNextRunKeepsTheDigestsOfUnchangedInputs) {
  TempDir dir("digests");
  const OldAndNew runs(dir);
  const auto digests = [&] {
    std::map<std::string, std::pair<std::string, bool>> out;
    const auto staff = nlohmann::json::parse(read_text(runs.out + "/private/manifest.json"));
    for (const auto& d : staff["input_digests"])
      out[d["path"]] = {d["sha256"].get<std::string>(), d["reused"].get<bool>()};
    const auto manifest = nlohmann::json::parse(read_text(runs.out + "/manifest.json"));
    EXPECT_EQ(out.size(), manifest["inputs"].size());
    return out;
  };
  ASSERT_EQ(run_command(runs.old_run).exit_code, 0);
  const auto first = digests();
  ASSERT_FALSE(first.empty());
  for (const auto& [path, d] : first) {
    EXPECT_EQ(d.first, sha256_file(path, path)) << path;
    EXPECT_FALSE(d.second) << path << ": no run before this one";
  }
  ASSERT_EQ(run_command(runs.new_run).exit_code, 0);
  for (const auto& [path, d] : digests()) {
    EXPECT_EQ(d.first, first.at(path).first) << path;
    EXPECT_TRUE(d.second) << path << ": the fixture's files were written long before";
  }
}
