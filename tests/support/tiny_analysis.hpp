// A real Analysis of tests/fixtures/tiny (every number of it worked out by hand in
// tests/e2e/tiny_run_test.cpp), made by the pipeline's analyse() in-process: for the unit tests
// of the modules that read an Analysis (analysis/, maps/, outreach/, pipeline/).
//
// The fixture's config is copied with absolute paths into a test folder, with a chosen
// disclosure threshold and, optionally, extra sections (and the files they name) appended.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/pipeline/pipeline.hpp"
#include "tests/support/test_support.hpp"

namespace reachmap::testsupport {

inline const std::string kTinyFixture = std::string(REACHMAP_SOURCE_DIR) + "/tests/fixtures/tiny";

// Writes `dir`/tiny.toml: the fixture's config with absolute paths (to the fixture's files in
// `inputs`: the fixture itself, or a copy a test may change), [privacy] min_count =
// `min_count` and `extra` (TOML, paths in it relative to `dir`) at the end. Returns its path.
inline std::string write_tiny_config(const TempDir& dir, int min_count = 0,
                                     const std::string& extra = "",
                                     const std::string& inputs = kTinyFixture) {
  std::string text = read_text(kTinyFixture + "/tiny.toml");
  text = with_absolute_paths(text, inputs);
  text.replace(text.find("min_count = 0"), 13, "min_count = " + std::to_string(min_count));
  write_text(dir / "tiny.toml", text + "\n" + extra);
  return dir / "tiny.toml";
}

// The fixture's centres with reach areas made of the layer's areas: CC1's is A, CC2's is B and
// C, CC3 (no attendance) has none. For `extra` of write_tiny_config.
inline std::string tiny_centres(const TempDir& dir) {
  write_text(dir / "centres.csv",
             "centre_id,name,x,y,reach\n"
             "CC1,Alpha Centre,400050,300150,A\n"
             "CC2,Beta Centre,400150,300150,B;C\n"
             "CC3,Delta Centre,400325,300025,\n");
  return "[centres]\npath = \"" + (dir / "centres.csv") +
         "\"\nreach_areas = \"reach\"\nreach_layer = \"area\"\n";
}

// Children known to health, for `extra` of write_tiny_config:
//   line 2 AB1 1AD born 2024-02 -> K05 (same postcode and birth month): registered
//   line 3 AB1 1AD born 2022-09 -> not registered, in B
//   line 4 AB1 1AF born 2023-05 -> not registered, in C
//   line 5 AB1 1AE born 2024-03 -> not registered, in C's hole: outside every area
//   line 6 AB1 1AD born 2020-01 -> aged 5 or over at the period end: not counted
inline std::string tiny_known_children(const TempDir& dir) {
  write_text(dir / "known.csv",
             "postcode,birth_date\n"
             "AB1 1AD,2024-02-15\n"
             "AB1 1AD,2022-09-09\n"
             "AB1 1AF,2023-05-05\n"
             "AB1 1AE,2024-03-03\n"
             "AB1 1AD,2020-01-01\n");
  return "[known_children]\npath = \"" + (dir / "known.csv") + "\"\n";
}

inline Analysis tiny_analysis(const TempDir& dir, int min_count = 0,
                              const std::string& extra = "") {
  RunRecord record;
  return analyse(load_config(write_tiny_config(dir, min_count, extra)), RunOptions{}, record);
}

// A test suite whose tests share one tiny Analysis, made once for the suite (analyse() takes
// a moment). The suite derives from SharedTinyAnalysis<Suite> and gives, publicly, its folder's
// name (kFolder) and how its Analysis is made (make_tiny).
template <class Suite>
class SharedTinyAnalysis : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>(Suite::kFolder);
    tiny_ = std::make_unique<Analysis>(Suite::make_tiny(*dir_));
  }
  static void TearDownTestSuite() {
    tiny_.reset();
    dir_.reset();
  }
  static const Analysis& tiny() { return *tiny_; }
  inline static std::unique_ptr<TempDir> dir_;
  inline static std::unique_ptr<Analysis> tiny_;
};

}  // namespace reachmap::testsupport
