// The output folder's inventory (engine/io/output_set): what makes a folder reachmap's to
// replace, and what happens to a file a user saves into the old set while a run works.
#include "engine/io/output_set.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/io/sha256.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;
namespace fs = std::filesystem;

namespace {

// A set as a run leaves it: the marker, a table, and a manifest listing the table's SHA-256.
void write_set(const std::string& dir, const std::string& table) {
  fs::create_directories(dir);
  write_text(dir + "/" + kOutputMarker, "reachmap\n");
  write_text(dir + "/indicators_a.csv", table);
  write_text(dir + "/manifest.json",
             "{\"outputs\": [{\"path\": \"indicators_a.csv\", \"sha256\": \"" +
                 sha256_file(dir + "/indicators_a.csv", "t") + "\"}]}");
}

TEST(OutputSetInventory, ASetIsOursOnlyWithEveryFileAsTheRunWroteIt) {
  TempDir dir("inventory");
  const std::string set = dir / "out";
  write_set(set, "area_id\nA\n");
  EXPECT_EQ(first_foreign_entry(set), "");
  // What `reachmap report` writes is ours too.
  write_text(set + "/report.pdf", "%PDF-");
  EXPECT_EQ(first_foreign_entry(set), "");
  // A table edited in a spreadsheet and saved in place is the user's now.
  write_text(set + "/indicators_a.csv", "area_id\nA\nmy note\n");
  EXPECT_EQ(first_foreign_entry(set), "indicators_a.csv', changed since the run wrote it");
  write_set(set, "area_id\nA\n");
  // A GeoPackage open in QGIS has a side file: say so.
  write_text(set + "/reachmap.gpkg-wal", "");
  EXPECT_NE(first_foreign_entry(set).find("reachmap.gpkg is open in another program"),
            std::string::npos);
  fs::remove(set + "/reachmap.gpkg-wal");
  // A manifest that lists a user's file with a made-up digest does not make it ours.
  write_text(set + "/manifest.json",
             "{\"outputs\": [{\"path\": \"notes.txt\", \"sha256\": \"0\"}]}");
  write_text(set + "/notes.txt", "mine\n");
  EXPECT_EQ(first_foreign_entry(set).rfind("indicators_a.csv", 0), 0u);
  fs::remove(set + "/indicators_a.csv");
  EXPECT_EQ(first_foreign_entry(set), "notes.txt', changed since the run wrote it");
}

// A folder the writer made and left empty is listed by no manifest: kept, it would make the
// set look like the user's to the next run (compare's maps/ of a national layer did).
TEST(OutputSetInventory, AFolderLeftEmptyIsNotKeptSoTheSetCanBeReplaced) {
  TempDir dir("empty-folder");
  const std::string target = dir / "out";
  for (int run = 0; run < 2; ++run) {
    OutputSet set(target, {});  // the second time: throws if the first set looks foreign
    write_set(set.staging(), "new\n");
    fs::create_directories(set.staging() + "/maps/none");
    set.commit();
    EXPECT_FALSE(fs::exists(target + "/maps")) << run;
    EXPECT_EQ(first_foreign_entry(target), "") << run;
  }
}

// The check when a run starts cannot see a file saved while it works: after the swap the old
// set is checked again and, holding something of the user's, kept instead of removed.
TEST(OutputSetInventory, AFileSavedIntoTheOldSetDuringARunIsKept) {
  TempDir dir("saved-during");
  const std::string target = dir / "out";
  write_set(target, "old\n");
  {
    OutputSet set(target, {});
    write_set(set.staging(), "new\n");
    write_text(target + "/minutes.docx", "minutes of the meeting\n");  // while the run works
    set.commit();
    ASSERT_FALSE(set.kept().empty());
    EXPECT_EQ(set.kept_reason(), "minutes.docx', which no reachmap run wrote");
    EXPECT_EQ(read_text(set.kept() + "/minutes.docx"), "minutes of the meeting\n");
    EXPECT_EQ(read_text(target + "/indicators_a.csv"), "new\n");
  }
  // A table of the old set edited in place while the run works: kept too.
  {
    OutputSet set(target, {});
    write_set(set.staging(), "newest\n");
    write_text(target + "/indicators_a.csv", "new\nmy edit, saved from a spreadsheet\n");
    set.commit();
    ASSERT_FALSE(set.kept().empty());
    EXPECT_EQ(set.kept_reason(), "indicators_a.csv', changed while the run worked");
    EXPECT_EQ(read_text(set.kept() + "/indicators_a.csv"),
              "new\nmy edit, saved from a spreadsheet\n");
  }
  // An untouched old set is removed as before.
  {
    OutputSet set(target, {});
    write_set(set.staging(), "newer\n");
    set.commit();
    EXPECT_TRUE(set.kept().empty());
  }
  std::size_t folders = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) folders += fs::is_directory(e.status());
  EXPECT_EQ(folders, 3u);  // out and the two kept
}

}  // namespace
