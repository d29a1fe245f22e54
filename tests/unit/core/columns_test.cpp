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

// The registry says what each column is; the tables take it from there (kinds below are what
// the outputs were written with before the registry held them: changing one changes outputs).
TEST(Columns, TheRegistryHoldsKindSourceAndDecimals) {
  EXPECT_EQ(column_spec(Col::kSeenChildren).kind, ColumnKind::kCount);
  EXPECT_EQ(column_spec(Col::kSeenReachLow).derives_from, Col::kSeenChildren);
  EXPECT_EQ(column_spec(Col::kSeenReachLow).denominator, Col::kUnder5Population);
  EXPECT_EQ(column_spec(Col::kSeenReachLow).formula, Formula::kWilsonLow);
  EXPECT_EQ(column_spec(Col::kUnreachedChildren).derives_from, Col::kSeenChildren);
  EXPECT_TRUE(column_spec(Col::kLisaI).local);
  EXPECT_EQ(column_spec(Col::kExpectedSeenReach).decimals, 3);
  EXPECT_EQ(column_spec(Col::kPriorityScore).decimals, 2);
  EXPECT_EQ(column_spec(Col::kReachShortfall).decimals, 0);
  // What a reader needs: a share to 0.1 percentage point, a count's interval to 0.1, a z to 2.
  EXPECT_EQ(column_spec(Col::kSeenReach).decimals, 3);
  EXPECT_EQ(column_spec(Col::kSeenReachHigh).decimals, 3);
  EXPECT_EQ(column_spec(Col::kSeenChildrenLow).decimals, 1);
  EXPECT_EQ(column_spec(Col::kGistarZ).decimals, 2);
  EXPECT_EQ(column_spec(Col::kSeenChildren).decimals, -1);
  for (int i = 0; i < int(Col::kEnd); ++i) {
    const ColumnSpec& c = column_spec(Col(i));
    // A rate or statistic says what it comes from; a proportion what it is divided by.
    if (c.kind == ColumnKind::kRate || c.kind == ColumnKind::kStatistic ||
        c.kind == ColumnKind::kDerivedCount) {
      EXPECT_TRUE(c.derives_from.has_value()) << c.name;
    }
    EXPECT_EQ(c.kind == ColumnKind::kRate, c.formula != Formula::kNone) << c.name;
    if (c.formula == Formula::kProportion || c.formula == Formula::kWilsonLow ||
        c.formula == Formula::kWilsonHigh) {
      EXPECT_TRUE(c.denominator.has_value()) << c.name;
    }
    if (c.derives_from) {  // a count of children: everyone's or a target group's
      const ColumnKind k = column_spec(*c.derives_from).kind;
      EXPECT_TRUE(k == ColumnKind::kCount || k == ColumnKind::kGroupCount) << c.name;
    }
  }
}

// The README's column reference is the registry's, as `reachmap columns` prints it.
TEST(Columns, ReadmeReferenceIsGenerated) {
  const std::string readme = read_file(std::string(REACHMAP_SOURCE_DIR) + "/README.md");
  const std::string begin = "<!-- columns:begin -->\n", end = "<!-- columns:end -->";
  const std::size_t from = readme.find(begin);
  const std::size_t to = from == std::string::npos ? from : readme.find(end, from);
  ASSERT_NE(to, std::string::npos) << "README.md lacks the lines " << begin << end;
  EXPECT_TRUE(readme.substr(from + begin.size(), to - from - begin.size()) == columns_markdown())
      << "README.md's column reference differs from the column registry: run "
         "scripts/update_readme_columns.sh (or `./build/reachmap columns`, pasted between "
         "the markers)";
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
      {"engine/config/config.cpp", "never_seen_by_5"},  // [run] never_seen_by_5, seen_before_1:
      {"engine/config/config.cpp", "seen_before_1"},    //   the keys that ask for the columns
      {"engine/config/detail/config_section.hpp", "never_seen_by_5"},
      {"engine/config/detail/config_section.hpp", "seen_before_1"},
      {"engine/config/detail/config_section.hpp", "centre_id"},
      {"engine/io/csv_reader.cpp", "centre_id"},
      {"engine/config/config_inputs.cpp", "group_population"},          // the [[group_population]]
      {"engine/config/detail/config_section.hpp", "group_population"},  //   section
      {"engine/config/config_inputs.cpp", "carer"},          // [attendance] carer, the input's
      {"engine/config/detail/config_section.hpp", "carer"},  //   column
      {"engine/io/csv_reader.cpp", "carer"},
      {"engine/config/config_inputs.cpp", "setting_type"},          // [centres] setting_type, the
      {"engine/config/detail/config_section.hpp", "setting_type"},  //   input's column
      {"engine/pipeline/manifest.cpp", "contacts"},  // the manifest's counts of contacts
      {"engine/pipeline/manifest.cpp", "children"},  //   and children
      {"engine/pipeline/manifest.cpp", "period"},    // the manifest's period, as written
      {"engine/report/report.cpp", "period"},        //   and read
      {"engine/report/report_carers.cpp", "period"},
      {"engine/compare/trend.cpp", "period"},
      {"engine/compare/change_map.cpp", "period"},
      {"engine/compare/compare_runs.cpp", "period"},
      {"engine/audit/public_audit.cpp", "period"},  // the run's own days, beside its periods'
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
