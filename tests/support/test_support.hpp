// Helpers shared by the tests: temporary folders, reading files, running the CLI.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/io/csv_reader.hpp"

namespace reachmap::testsupport {

inline std::string read_text(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

// A config's text with every relative input (`path = "..."`, a dissolved layer's `lookup =
// "..."`) made absolute against `folder`, so that a copy runs from anywhere: the demo's config
// copied into a test's folder, say.
inline std::string with_absolute_paths(std::string text, const std::string& folder) {
  for (const std::string key : {"path = \"", "lookup = \""})
    for (std::size_t at = 0; (at = text.find(key, at)) != std::string::npos;) {
      at += key.size();
      if (text[at] != '/') text.insert(at, folder + "/");
    }
  return text;
}

// Tests write only under the build folder: never into the source tree, never elsewhere.
inline std::filesystem::path test_tmp() {
  const std::filesystem::path p(REACHMAP_TEST_TMP);
  std::filesystem::create_directories(p);
  return p;
}

// A fresh folder under the build folder's test-tmp, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    path_ = test_tmp() / ("reachmap-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr
  int signal = 0;      // the signal that ended the command (SIGKILL: 9), else 0
};

inline CommandResult run_command(const std::string& command) {
  const std::string capture = test_tmp() / ("reachmap-cmd-" + std::to_string(::getpid()) + ".txt");
  const int status = std::system((command + " > " + capture + " 2>&1").c_str());
  CommandResult r{WEXITSTATUS(status), read_text(capture)};
  // Killed itself, or (when the shell did not exec it) reported by the shell as 128 + signal;
  // no program tested here exits above 128 on its own.
  if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  else if (WIFEXITED(status) && WEXITSTATUS(status) > 128)
    r.signal = WEXITSTATUS(status) - 128;
  std::filesystem::remove(capture);
  return r;
}

inline std::string shared_data(const std::string& relative) {
  return std::string(REACHMAP_SHARED_DATA) + "/" + relative;
}

inline bool have_shared_data() {
  return std::filesystem::exists(REACHMAP_SHARED_DATA);
}

// Under CI=true a green run must mean every test ran.
inline bool in_ci() {
  const char* ci = std::getenv("CI");
  return ci && std::string(ci) == "true";
}

// Data rows of a CSV (its header not counted).
inline std::size_t csv_rows(const std::string& path) {
  CsvReader csv(path);
  CsvRow row;
  std::size_t n = 0;
  while (csv.next(row)) ++n;
  return n;
}

}  // namespace reachmap::testsupport

// Tests on the real ONS data: skipped (and counted as skipped by ctest and scripts/test.sh)
// without ../shared/data, a failure under CI=true.
#define REACHMAP_REQUIRE_SHARED_DATA()                              \
  do {                                                              \
    if (!reachmap::testsupport::have_shared_data()) {               \
      if (reachmap::testsupport::in_ci())                           \
        FAIL() << "no ../shared/data at " REACHMAP_SHARED_DATA      \
                  " (CI=true: tests on the "                        \
                  "real data must run)";                            \
      GTEST_SKIP() << "no ../shared/data at " REACHMAP_SHARED_DATA; \
    }                                                               \
  } while (false)

namespace reachmap::testsupport {  // The demo's first four wards as reach polygons of centres CC1
                                   // to CC4: a GeoPackage layer
// `reach` written to `gpkg` (ogr2ogr).
inline CommandResult write_ward_reach_polygons(const std::string& gpkg) {
  return run_command("ogr2ogr -f GPKG -nln reach " + gpkg +
                     " " REACHMAP_SOURCE_DIR
                     "/shapes/demo/northby.gpkg -sql \"SELECT geom, 'CC' || substr(ward_cd, 6) AS "
                     "centre_id FROM wards WHERE ward_cd <= 'NBYW04'\"");
}

// The demo's config text with its centres' reach areas read from the polygons at `gpkg`, not
// its lists of neighbourhoods.
inline std::string with_reach_polygons(std::string text, const std::string& gpkg) {
  const auto from = text.find("reach_areas = ");
  text.replace(from, text.find("[map_style]") - from, "reach_path = \"" + gpkg + "\"\n\n");
  return text;
}

}  // namespace reachmap::testsupport
