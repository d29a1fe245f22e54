// Many settings: the kinds of the centres' settings and the headline's, each child's setting
// marks and headline contacts (at any thread count, with a centre the centres file lacks), and
// the counts per area and per reach area with their shares.
#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/setting_columns.hpp"
#include "engine/measure/setting_types.hpp"
#include "tests/support/attendance_section.hpp"
#include "tests/support/counted_children.hpp"
#include "tests/support/run_period.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::counted_children;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;
using reachmap::testsupport::year_to_march_2026;

namespace {

CentresSource centres_section(const std::vector<std::string>& headline) {
  CentresSource s;
  s.display = "centres.csv";
  s.setting_type = {"setting_type", true, "[centres] setting_type"};
  s.headline_types = headline;
  s.config_file = "reachmap.toml";
  s.headline_line = 12;
  return s;
}

std::vector<Centre> three_centres() {
  std::vector<Centre> c(3);
  c[0].id = "C1", c[0].setting_type = "Family hub";
  c[1].id = "C2", c[1].setting_type = "Children's Centre";
  c[2].id = "H1", c[2].setting_type = "health clinic";
  return c;
}

}  // namespace

TEST(Settings, AnApostropheLeavesAKindsColumnName) {
  EXPECT_EQ(column_name_of("children's centre"), "childrens_centre");
  EXPECT_EQ(column_name_of("Children\xE2\x80\x99s Centre"), "childrens_centre");
  EXPECT_EQ(column_name_of("family hub"), "family_hub");
}

TEST(Settings, TheHeadlinesKindsComeFirstAndAnUnknownOneIsAnErrorAtItsLine) {
  const SettingTypes s = setting_types_of(three_centres(), centres_section({"children's centre"}));
  ASSERT_EQ(s.types.size(), 3u);
  EXPECT_EQ(s.types[0].column, "childrens_centre");
  EXPECT_EQ(s.types[0].written, "Children's Centre");
  EXPECT_EQ(s.types[1].column, "family_hub");
  EXPECT_EQ(s.headline, 1u);
  EXPECT_TRUE(s.restricts_headline());
  EXPECT_EQ(s.mark_of("H1"), 4u);
  EXPECT_EQ(s.mark_of("X9"), kUnlistedSetting);
  EXPECT_FALSE(s.in_headline(kUnlistedSetting));
  const SettingTypes all = setting_types_of(three_centres(), centres_section({}));
  EXPECT_EQ(all.headline, 7u);
  EXPECT_FALSE(all.restricts_headline());
  EXPECT_TRUE(all.in_headline(kUnlistedSetting));  // every kind: any centre counts
  EXPECT_TRUE(all.headline_is_any_setting(false));
  // Every kind named: the headline counts those kinds only, not a centre of unknown kind.
  const SettingTypes named = setting_types_of(
      three_centres(), centres_section({"family hub", "children's centre", "health clinic"}));
  EXPECT_EQ(named.headline, 7u);
  EXPECT_TRUE(named.restricts_headline());
  EXPECT_FALSE(named.in_headline(kUnlistedSetting));
  EXPECT_TRUE(named.headline_is_any_setting(true));
  EXPECT_FALSE(named.headline_is_any_setting(false));
  EXPECT_FALSE(s.headline_is_any_setting(true));
  try {
    setting_types_of(three_centres(), centres_section({"nursery"}));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where().file, "reachmap.toml");
    EXPECT_EQ(e.where().line, 12u);
    EXPECT_NE(std::string(e.what()).find("nursery"), std::string::npos) << e.what();
    EXPECT_NE(e.hint().find("'health clinic'"), std::string::npos) << e.hint();
  }
}

TEST(Settings, ChildrenAreMarkedByTheirSettingsAndTheHeadlineCountsItsKindsOnly) {
  TempDir dir("settings");
  write_text(dir / "att.csv",
             "child_id,date,centre_id,service\n"
             "K0,2025-05-01,C2,play\n"
             "K0,2025-05-08,C2,play\n"
             "K0,2025-05-08,C2,play\n"  // a duplicate: once
             "K0,2025-06-01,H1,clinic\n"
             "K1,2025-06-02,H1,clinic\n"  // seen by the clinic only
             "K2,2025-06-03,X9,play\n"    // a centre the centres file lacks
             "K3,2025-06-04,C2,play\n"
             "K3,2025-06-05,C1,play\n"    // two centres of the headline's kinds
             "K4,2024-06-05,C1,play\n");  // before the period: not seen
  for (const bool restricted : {true, false}) {
    const SettingTypes s = setting_types_of(
        three_centres(),
        centres_section(restricted ? std::vector<std::string>{"children's centre", "family hub"}
                                   : std::vector<std::string>{}));
    const std::uint32_t c2 = s.mark_of("C2"), hub = s.mark_of("C1"), clinic = s.mark_of("H1");
    EXPECT_EQ(c2 | hub | clinic, 7u);
    for (const int threads : {1, 2}) {
      SCOPED_TRACE(std::to_string(threads) + (restricted ? " restricted" : " all kinds"));
      const Registrations reg = counted_children(5);
      Accounting acc;
      const Attendance a = load_attendance(
          reachmap::testsupport::attendance_section(dir / "att.csv"), year_to_march_2026(), reg,
          acc, threads, threads == 1 ? kChunkBytes : 40, nullptr, nullptr, &s);
      EXPECT_EQ(a.setting_marks,
                (std::vector<std::uint32_t>{c2 | clinic | kMoreThanOneSetting, clinic,
                                            kUnlistedSetting, c2 | hub | kMoreThanOneSetting, 0}));
      if (restricted)
        EXPECT_EQ(a.contacts, (std::vector<int>{2, 0, 0, 2, 0}));
      else
        EXPECT_EQ(a.contacts, (std::vector<int>{3, 1, 1, 2, 0}));
      EXPECT_EQ(a.distinct_contacts, 7u);
      EXPECT_EQ(centres_not_listed(s, a.contacts_by_centre),
                (std::map<std::string, std::size_t>{{"X9", 1}}));
    }
  }
}

TEST(Settings, CountsPerAreaWithTheirShares) {
  // Area A (20 under-5s): K0 seen by the children's centre and the clinic, K1 by the clinic
  // only, K2 by the centre; area B (40): K3 by a centre the file lacks; C: no geometry.
  Table t;
  t.columns = {Col::kAreaId,
               Col::kUnder5Population,
               Col::kSeenChildren,
               {band_of(Col::kSeenChildren), ColumnKind::kBand}};
  t.rows = {{std::string("A"), 20.0, std::int64_t(2), Cell()},
            {std::string("B"), 40.0, std::int64_t(0), Cell()},
            {std::string("C"), Cell(), Cell(), Cell()}};
  SettingTypes s;
  s.types = {{"children's centre", "childrens_centre"}, {"health clinic", "health_clinic"}};
  s.headline = 1;
  const std::vector<std::uint32_t> marks = {1 | 2 | kMoreThanOneSetting, 2, 1, kUnlistedSetting};
  add_setting_columns(t, {0, 0, 0, 1}, marks, {3, 5, 7, 9}, s);
  EXPECT_EQ(t.columns.back().kind, ColumnKind::kBand);  // the bands stay last
  const auto at = [&](std::size_t r, const std::string& name) {
    const int c = t.column(name);
    EXPECT_GE(c, 0) << name;
    return t.rows[r][std::size_t(c)];
  };
  EXPECT_EQ(std::get<std::int64_t>(at(0, "seen_any_setting")), 3);
  EXPECT_DOUBLE_EQ(std::get<double>(at(0, "any_setting_reach")), 0.15);
  // 3 of 20 and 1 of 3: Wilson's 95% intervals, worked by hand (z = 1.959964).
  EXPECT_NEAR(std::get<double>(at(0, "any_setting_reach_low")), 0.052369, 1e-6);
  EXPECT_NEAR(std::get<double>(at(0, "any_setting_reach_high")), 0.360419, 1e-6);
  EXPECT_EQ(std::get<std::int64_t>(at(0, "seen_by_childrens_centre")), 2);
  EXPECT_EQ(std::get<std::int64_t>(at(0, "seen_by_health_clinic")), 2);
  EXPECT_DOUBLE_EQ(std::get<double>(at(0, "health_clinic_setting_reach")), 0.1);
  EXPECT_EQ(std::get<std::int64_t>(at(0, "seen_multi_setting")), 1);
  EXPECT_DOUBLE_EQ(std::get<double>(at(0, "multi_setting_share")), 1.0 / 3);
  EXPECT_NEAR(std::get<double>(at(0, "multi_setting_share_low")), 0.061492, 1e-6);
  EXPECT_NEAR(std::get<double>(at(0, "multi_setting_share_high")), 0.792340, 1e-6);
  EXPECT_EQ(t.cell_keys.at("seen_any_setting")[0], 3 + 5 + 7);
  EXPECT_EQ(t.cell_keys.at("seen_by_health_clinic")[0], 3 + 5);
  // B: seen by a centre of no known kind: by any setting, by no kind.
  EXPECT_EQ(std::get<std::int64_t>(at(1, "seen_any_setting")), 1);
  EXPECT_EQ(std::get<std::int64_t>(at(1, "seen_by_childrens_centre")), 0);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(at(2, "seen_any_setting")));
}

TEST(Settings, CentresGetTheirKindAndTheirReachAreasCounts) {
  Table t;
  t.columns = {Col::kCentreId,
               Col::kCentreName,
               Col::kReachAreaUnder5Population,
               {band_of(Col::kReachAreaSeen), ColumnKind::kBand}};
  t.rows = {{std::string("C2"), std::string("Harbour"), 10.0, Cell()},
            {std::string("H1"), std::string("Clinic"), Cell(), Cell()}};
  std::vector<Centre> centres = three_centres();
  std::vector<std::optional<ReachArea>> reach(3);
  reach[1] = ReachArea{};
  reach[1]->children = {0, 1};
  SettingTypes s;
  s.types = {{"Children's Centre", "childrens_centre"}, {"health clinic", "health_clinic"}};
  add_centre_setting_columns(t, centres, reach, {1 | 2 | kMoreThanOneSetting, 2}, {4, 8}, s);
  EXPECT_EQ(t.columns[2].name, "setting_type");
  EXPECT_EQ(std::get<std::string>(t.rows[0][2]), "Children's Centre");
  EXPECT_EQ(std::get<std::string>(t.rows[1][2]), "health clinic");
  const int any = t.column("reach_area_seen_any_setting");
  ASSERT_GE(any, 0);
  EXPECT_EQ(std::get<std::int64_t>(t.rows[0][std::size_t(any)]), 2);
  EXPECT_EQ(std::get<double>(t.rows[0][std::size_t(t.column("any_setting_reach"))]), 0.2);
  EXPECT_EQ(std::get<std::int64_t>(
                t.rows[0][std::size_t(t.column("reach_area_seen_by_childrens_centre"))]),
            1);
  EXPECT_EQ(
      std::get<std::int64_t>(t.rows[0][std::size_t(t.column("reach_area_seen_multi_setting"))]), 1);
  EXPECT_EQ(t.cell_keys.at("reach_area_seen_any_setting")[0], 12);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[1][std::size_t(any)]));
}
