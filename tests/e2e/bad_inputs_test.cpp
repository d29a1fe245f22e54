// The bad-input corpus: each folder of tests/bad_inputs is one thing a user can get wrong (or
// one hostile input), with `reachmap.toml`, the inputs that differ from tests/fixtures/tiny,
// and `expect`, which says what must happen, one statement per line:
//   exit N                the exit code
//   error TEXT            the first "reachmap: error: " line is exactly that plus TEXT
//   error-contains TEXT   the first error line holds TEXT
//   error-line LINE       some line of the output is exactly LINE
//   output TEXT           the output holds TEXT; no-output TEXT: it does not
//   file NAME TEXT        the output file NAME holds TEXT
//   kept NAME TEXT        the case's own file NAME (a user's file) still holds exactly TEXT
//   command check         run `check` instead of `run`;  env K=V  set for the run
// Each case runs on a copy under the build folder, so even a case that writes into its own
// folder (an output folder equal to the input folder) cannot touch the source tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "tests/support/test_support.hpp"

using namespace reachmap::testsupport;
namespace fs = std::filesystem;

namespace {

const fs::path kCorpus = fs::path(REACHMAP_SOURCE_DIR) / "tests/bad_inputs";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (fs::exists(e.path() / "expect")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class BadInput : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInput, GetsTheExpectedExitAndMessage) {
  const std::string name = GetParam();
  TempDir tmp("bad-" + name);
  // The case and the fixture it points into, at the same relative places.
  const fs::path work = fs::path(tmp.path()) / "bad_inputs" / name;
  fs::create_directories(work.parent_path());
  fs::copy(kCorpus / name, work, fs::copy_options::recursive);
  fs::create_directories(fs::path(tmp.path()) / "fixtures");
  fs::copy(fs::path(REACHMAP_SOURCE_DIR) / "tests/fixtures/tiny",
           fs::path(tmp.path()) / "fixtures/tiny", fs::copy_options::recursive);

  std::string command = "run", env;
  std::vector<std::pair<std::string, std::string>> checks;
  std::istringstream expect(read_text((work / "expect").string()));
  for (std::string line; std::getline(expect, line);) {
    if (line.empty()) continue;
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const std::string value = space == std::string::npos ? "" : line.substr(space + 1);
    if (key == "command")
      command = value;
    else if (key == "env")
      env += value + " ";
    else
      checks.emplace_back(key, value);
  }
  const CommandResult r = run_command("cd " + work.string() + " && " + env + REACHMAP_CLI + " " +
                                      command + " reachmap.toml");
  std::string first_error;
  std::vector<std::string> lines;
  std::istringstream output(r.output);
  for (std::string line; std::getline(output, line);) {
    lines.push_back(line);
    if (first_error.empty() && line.rfind("reachmap: error: ", 0) == 0) first_error = line;
  }
  for (const auto& [key, value] : checks) {
    if (key == "exit") {
      EXPECT_EQ(r.exit_code, std::stoi(value)) << r.output;
    } else if (key == "error") {
      EXPECT_EQ(first_error, "reachmap: error: " + value) << r.output;
    } else if (key == "error-contains") {
      EXPECT_NE(first_error.find(value), std::string::npos) << value << "\n" << r.output;
    } else if (key == "error-line") {
      EXPECT_NE(std::find(lines.begin(), lines.end(), value), lines.end()) << r.output;
    } else if (key == "output") {
      EXPECT_NE(r.output.find(value), std::string::npos) << value << "\n" << r.output;
    } else if (key == "no-output") {
      EXPECT_EQ(r.output.find(value), std::string::npos) << value << "\n" << r.output;
    } else if (key == "file") {
      const auto gap = value.find(' ');
      const std::string file = (work / "out" / value.substr(0, gap)).string();
      EXPECT_NE(read_text(file).find(value.substr(gap + 1)), std::string::npos)
          << file << " lacks " << value.substr(gap + 1);
    } else if (key == "kept") {
      const auto gap = value.find(' ');
      const fs::path file = work / value.substr(0, gap);
      EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(file))) << file << " is gone";
      EXPECT_EQ(read_text(file.string()), value.substr(gap + 1) + "\n") << file;
    } else {
      ADD_FAILURE() << name << "/expect: unknown statement '" << key << "'";
    }
  }
  // An error names where it happened and what to do.
  if (r.exit_code != 0 && r.exit_code != 70) {
    EXPECT_FALSE(first_error.empty()) << r.output;
    EXPECT_NE(r.output.find("  hint: "), std::string::npos) << r.output;
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadInput, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
