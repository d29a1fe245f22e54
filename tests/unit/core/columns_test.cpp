// The column registry: every column declared once, named once, and documented.
#include "engine/core/columns.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

using namespace reachmap;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

TEST(Columns, EveryIdHasItsOwnNameAndIsFoundByIt) {
  std::set<std::string> seen;
  for (int i = 0; i < int(Col::kEnd); ++i) {
    const Col id = Col(i);
    const std::string& name = name_of(id);
    EXPECT_TRUE(std::regex_match(name, std::regex("[a-z][a-z0-9_]*"))) << name;
    EXPECT_TRUE(seen.insert(name).second) << name << " is declared twice";
    EXPECT_EQ(column_named(name), id) << name;
    EXPECT_FALSE(column_spec(id).meaning.empty()) << name;
  }
  EXPECT_EQ(column_named("seen_teen_parent"), std::nullopt);  // a group's column
}

TEST(Columns, MadeNamesFollowTheOutputs) {
  EXPECT_EQ(band_of(Col::kSeenChildren), "seen_children_band");
  EXPECT_EQ(low_of(name_of(Col::kSeenReach)), name_of(Col::kSeenReachLow));
  EXPECT_EQ(high_of(name_of(Col::kSeenReach)), name_of(Col::kSeenReachHigh));
  EXPECT_EQ(registered_in_group("lone_parent"), "registered_lone_parent");
  EXPECT_EQ(seen_in_group("lone_parent"), "seen_lone_parent");
  EXPECT_EQ(seen_inside("ward"), "seen_inside_ward");
  EXPECT_EQ(seen_outside("ward"), "seen_outside_ward");
  EXPECT_EQ(inside_share("ward"), "inside_ward_share");
  EXPECT_TRUE(is_share_column(name_of(Col::kSeenReach)));
  EXPECT_TRUE(is_share_column(inside_share("ward")));
  EXPECT_FALSE(is_share_column(name_of(Col::kSeenChildren)));
}

// The README documents every column a user can meet.
TEST(Columns, EveryColumnIsInTheReadme) {
  const std::string readme = read_file(std::string(REACHMAP_SOURCE_DIR) + "/README.md");
  for (int i = 0; i < int(Col::kEnd); ++i)
    EXPECT_NE(readme.find("`" + name_of(Col(i)) + "`"), std::string::npos)
        << name_of(Col(i)) << " is not described in README.md";
}

// A column's name is written in the registry only: engine code names columns by id. The
// exceptions are words that are not the table column of that name (a manifest key, an input
// file's column, the band text "suppressed", the outreach pack's own postcode table).
TEST(Columns, NoEngineFileSpellsAColumnName) {
  const std::set<std::pair<std::string, std::string>> allowed = {
      {"engine/pipeline/manifest.cpp", "known_children"},
      {"engine/pipeline/manifest.cpp", "areas"},
      {"engine/outreach/outreach_pack.cpp", "known_not_registered"},
      {"engine/render/style_export.cpp", "suppressed"},
      {"engine/core/privacy_rule.cpp", "suppressed"},
      {"engine/config/config_inputs.cpp", "centre_id"},
      {"engine/config/config_inputs.cpp", "known_children"},
      {"engine/config/config_inputs.cpp", "area_id"},
      {"engine/config/config_inputs.cpp", "imd_decile"},
      {"engine/config/detail/config_section.hpp", "known_children"},
      {"engine/config/detail/config_section.hpp", "centre_id"},
      {"engine/io/csv_reader.cpp", "centre_id"},
  };
  namespace fs = std::filesystem;
  const fs::path root = REACHMAP_SOURCE_DIR;
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(root / "engine")) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    const std::string rel = fs::relative(e.path(), root).string();
    if (rel == "engine/core/columns.cpp") continue;
    ++files;
    const std::string text = read_file(e.path());
    for (int i = 0; i < int(Col::kEnd); ++i) {
      const std::string& name = name_of(Col(i));
      if (text.find("\"" + name + "\"") != std::string::npos && !allowed.count({rel, name}))
        ADD_FAILURE() << rel << " spells the column \"" << name
                      << "\": use Col::... and name_of (engine/core/columns.hpp)";
    }
  }
  EXPECT_GT(files, 100u);
}

}  // namespace
