// Seen reach period by period (engine/compare/trend.hpp, trend_section.hpp) on two hand-made
// folders: the whole area's figures are the main layer's "all areas" row as published, a
// centre's its centres.csv row, a centre the earlier period lacks has an empty point there,
// a centre with no reach area is left out, and the period labels read as months.
#include <gtest/gtest.h>

#include "engine/compare/trend.hpp"
#include "engine/compare/trend_section.hpp"

using namespace reachmap;

namespace {

TextTable table(std::vector<std::string> header,
                const std::vector<std::vector<std::string>>& rows) {
  TextTable t;
  t.header = std::move(header);
  for (const auto& r : rows) t.add_row(std::vector<std::string_view>(r.begin(), r.end()));
  return t;
}

ReportInput folder(const std::string& seen, const std::string& reach,
                   const std::vector<std::vector<std::string>>& centres) {
  ReportInput in;
  ReportLayer l;
  l.name = "ward";
  l.areas = table({"area_id", "under5_population"}, {{"W1", "100"}, {"W2", "100"}});
  l.equity = table({"group", "imd_decile", "under5_population", "seen_children", "seen_reach",
                    "seen_reach_low", "seen_reach_high"},
                   {{"all areas", "", "200", seen, reach, "0.1", "0.3"},
                    {"decile 1", "1", "100", "", "", "", ""}});
  in.layers.push_back(std::move(l));
  in.centres = table({"centre_id", "centre_name", "reach_area_under5_population", "reach_area_seen",
                      "seen_reach", "seen_reach_low", "seen_reach_high"},
                     centres);
  return in;
}

}  // namespace

TEST(Trend, EachPeriodsPublishedFiguresInOrder) {
  const ReportInput before = folder("40", "0.2",
                                    {{"CC1", "Castle", "100", "10", "0.1", "0.05", "0.18"},
                                     {"HC1", "Clinic", "", "", "", "", ""}});
  const ReportInput now = folder("60", "0.3",
                                 {{"CC1", "Castle", "100", "", "", "", ""},
                                  {"CC2", "Dock", "50", "20", "0.4", "0.27", "0.54"},
                                  {"HC1", "Clinic", "", "", "", "", ""}});
  const auto series = reach_trends({&before, &now});
  ASSERT_EQ(series.size(), 3u);  // all areas, CC1, CC2; not HC1 (no reach area)
  EXPECT_EQ(series[0].scope, "all areas");
  EXPECT_EQ(series[0].name, "all 2 ward areas");
  EXPECT_EQ(*series[0].points[0].seen, 40);
  EXPECT_EQ(*series[0].points[1].reach, 0.3);
  EXPECT_EQ(*series[0].points[1].high, 0.3);
  EXPECT_EQ(series[1].id, "CC1");
  EXPECT_EQ(*series[1].points[0].reach, 0.1);
  EXPECT_FALSE(series[1].points[1].reach);  // hidden in the later period: not guessed
  EXPECT_EQ(*series[1].points[1].population, 100);
  EXPECT_EQ(series[2].id, "CC2");
  EXPECT_FALSE(series[2].points[0].population);  // not open in the earlier period
  const std::vector<std::string> periods{"2025-04-01..2025-09-30", "2025-10-01..2026-03-31"};
  const auto rows = trend_rows(series, periods);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"2025-04-01..2025-09-30", "all areas", "ward",
                                      "all 2 ward areas", "40", "200", "0.2", "0.1", "0.3"}));
  EXPECT_EQ(rows[3][6], "");  // CC1's hidden reach stays blank
  EXPECT_EQ(trend_header().size(), rows[0].size());
  const std::string html = trend_section_html(series, periods);
  EXPECT_NE(html.find("went from 20.0% in Apr-Sep 2025 to 30.0% in Oct 2025-Mar 2026"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find(">hidden</text>"), std::string::npos);
  EXPECT_EQ(html.find("Clinic"), std::string::npos);
}

TEST(Trend, PeriodsReadAsMonths) {
  EXPECT_EQ(short_period("2025-04-01..2025-06-30"), "Apr-Jun 2025");
  EXPECT_EQ(short_period("2025-10-01..2026-03-31"), "Oct 2025-Mar 2026");
  EXPECT_EQ(short_period("2025-04-01..2025-04-30"), "Apr 2025");
  EXPECT_EQ(short_period("not a period"), "not a period");
}
