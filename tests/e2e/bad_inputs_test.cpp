// The bad-input corpus: each folder of tests/bad_inputs is one thing a user can get wrong (or
// one hostile input), with `reachmap.toml`, the inputs that differ from tests/fixtures/tiny,
// and `expect`, which says what must happen, one statement per line:
//   exit N                the exit code (every case states it)
//   error TEXT            the first error line is exactly "reachmap: error: TEXT" (or
//                         "reachmap: internal error: TEXT" for exit 70); every case that fails
//                         states it, unless it says why it cannot:
//   error-varies WHY      the first error line cannot be given exactly, because WHY; then at
//                         least one error-contains says what it must hold
//   error-contains TEXT   the first error line holds TEXT
//   warning TEXT          a warning, "reachmap: warning: TEXT" on stderr or "warning: TEXT" in
//                         the summary on stdout; every warning printed must be listed, once
//   error-line LINE       some line of the output is exactly LINE
//   output TEXT           the output holds TEXT; no-output TEXT: it does not
//   file NAME TEXT        the output file NAME holds TEXT
//   kept NAME TEXT        the case's own file NAME (a user's file) still holds exactly TEXT
//   command check         run `check` instead of `run`;  env K=V  set for the run
// In the output the case's folder reads <case>, so a message that names an absolute path can
// be given exactly. Every line on stderr must be progress ("reachmap: <stage> ..."/"done"), a
// hint, a listed warning or, when the run fails, its error: a case that exits 0 prints no error
// and no warning it does not list.
// Each case runs on a copy under the build folder, so even a case that writes into its own
// folder (an output folder equal to the input folder) cannot touch the source tree.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
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
  std::multiset<std::string> warnings_listed;
  bool has_exit = false, has_error = false, error_varies = false, has_contains = false;
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
    else if (key == "warning")
      warnings_listed.insert(value);
    else
      checks.emplace_back(key, value);
    has_exit |= key == "exit";
    has_error |= key == "error";
    error_varies |= key == "error-varies";
    has_contains |= key == "error-contains";
  }
  const std::string stderr_file = tmp / "stderr.txt";
  // In braces: run_command sends the group's stdout and stderr to one file, reachmap's stderr
  // goes to its own.
  CommandResult r = run_command("{ cd " + work.string() + " && " + env + REACHMAP_CLI + " " +
                                command + " reachmap.toml 2>" + stderr_file + "; }");
  const auto with_case = [&](std::string text) {
    for (std::size_t at; (at = text.find(work.string())) != std::string::npos;)
      text.replace(at, work.string().size(), "<case>");
    return text;
  };
  const std::string out = with_case(r.output), err = with_case(read_text(stderr_file));
  r.output = out + err;  // for the messages below

  std::string first_error;
  std::vector<std::string> lines;
  std::multiset<std::string> warnings_found;
  std::vector<std::string> unexpected;  // on stderr: not progress, hint, warning or error
  for (const std::string* stream : {&out, &err}) {
    std::istringstream in(*stream);
    for (std::string line; std::getline(in, line);) {
      lines.push_back(line);
      const bool is_error = line.rfind("reachmap: error: ", 0) == 0 ||
                            line.rfind("reachmap: internal error: ", 0) == 0;
      if (first_error.empty() && is_error) first_error = line;
      const std::string trimmed = line.substr(std::min(line.find_first_not_of(' '), line.size()));
      for (const std::string prefix : {"reachmap: warning: ", "warning: "})
        if (trimmed.rfind(prefix, 0) == 0) {
          warnings_found.insert(trimmed.substr(prefix.size()));
          break;
        }
      if (stream != &err) continue;
      static const std::regex progress(R"(reachmap: [a-z][a-z ]* (\.\.\.|done))");
      if (!is_error && !std::regex_match(line, progress) && trimmed.rfind("hint: ", 0) != 0 &&
          trimmed.rfind("reachmap: warning: ", 0) != 0)
        unexpected.push_back(line);
    }
  }

  // What every case states.
  EXPECT_TRUE(has_exit) << name << "/expect: no exit line";
  if (r.exit_code == 0) {
    EXPECT_EQ(first_error, "") << "a run that exits 0 prints no error\n" << r.output;
    EXPECT_FALSE(has_error || error_varies) << name << "/expect: an error for a run that exits 0";
  } else {
    EXPECT_TRUE(has_error != error_varies)
        << name << "/expect: give the first error line (error TEXT) or say why it varies "
        << "(error-varies WHY), not both\nit is: " << first_error;
    EXPECT_TRUE(!error_varies || has_contains)
        << name << "/expect: error-varies needs an error-contains";
  }
  EXPECT_EQ(warnings_found, warnings_listed)
      << "every warning printed, and only those, is listed in " << name << "/expect\n"
      << r.output;
  EXPECT_TRUE(unexpected.empty()) << "on stderr, not a progress line, hint, warning or error: "
                                  << (unexpected.empty() ? "" : unexpected.front()) << "\n"
                                  << r.output;

  for (const auto& [key, value] : checks) {
    if (key == "exit") {
      EXPECT_EQ(r.exit_code, std::stoi(value)) << r.output;
    } else if (key == "error") {
      const std::string prefix =
          r.exit_code == 70 ? "reachmap: internal error: " : "reachmap: error: ";
      EXPECT_EQ(first_error, prefix + value) << r.output;
    } else if (key == "error-varies") {
      EXPECT_FALSE(value.empty()) << name << "/expect: error-varies must say why";
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
