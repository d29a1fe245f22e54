// The report's words for published figures, and the JSON it embeds in a <script>.
#include <gtest/gtest.h>

#include "engine/core/columns.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace {

using namespace reachmap;
using namespace reachmap::report;

TEST(ReportText, JsonForScriptCannotCloseTheElementOrEndALine) {
  const std::string json = "{\"name\":\"</script><!--&\xE2\x80\xA8\xE2\x80\xA9\"}";
  const std::string out = json_for_script(json);
  EXPECT_EQ(out, "{\"name\":\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\"}");
  EXPECT_EQ(json_for_script("{\"a\":1}"), "{\"a\":1}");  // nothing else changes
}

TEST(ReportText, CountsAreShownAsPublished) {
  EXPECT_EQ(count_text("1234", ""), "1,234");
  EXPECT_EQ(count_text("", "0-4"), "fewer than 5");
  EXPECT_EQ(count_text("", "74-77"), "74-77");
  EXPECT_EQ(count_text("", ""), "-");
  EXPECT_EQ(share_with_interval(0.234, 0.2, 0.26), "23% (20% to 26%)");
  EXPECT_EQ(share_with_interval(std::nullopt, 0.01, 0.2), "hidden (1% to 20%)");
  EXPECT_EQ(share_with_interval(std::nullopt, std::nullopt, std::nullopt), "-");
}

// A count hidden only to protect another (no band, the row flagged) reads "hidden", not "-".
TEST(ReportText, ACountHiddenToProtectAnotherSaysSo) {
  TextTable t;
  const std::string seen = name_of(Col::kSeenChildren);
  t.header = {seen, band_of(seen), name_of(Col::kSuppressed)};
  for (const std::vector<std::string_view>& row : std::vector<std::vector<std::string_view>>{
           {"12", "", "false"}, {"", "0-4", "true"}, {"", "", "true"}, {"", "", "false"}})
    t.add_row(row);
  EXPECT_EQ(count_of(t, 0, seen), "12");
  EXPECT_EQ(count_of(t, 1, seen), "fewer than 5");
  EXPECT_EQ(count_of(t, 2, seen), "hidden");
  EXPECT_EQ(count_of(t, 3, seen), "-");
}

TEST(ReportText, TheOutreachListIsTheFirstRanksInOrder) {
  ReportLayer layer;
  layer.areas.header = {name_of(Col::kAreaId), name_of(Col::kPriorityRank)};
  for (const std::vector<std::string_view>& row :
       std::vector<std::vector<std::string_view>>{{"A", "3"}, {"B", ""}, {"C", "1"}, {"D", "2"}})
    layer.areas.add_row(row);
  EXPECT_EQ(outreach_rows(layer, 2), (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(outreach_rows(layer, 10), (std::vector<std::size_t>{2, 3, 0}));
}

// A table read back keeps every field in one arena: a short row reads empty fields and puts
// no later row out of step; a field set again (a name as the GeoPackage holds it) reads new.
TEST(ReportText, ATableReadBackKeepsItsRowsInStep) {
  TextTable t;
  t.header = {"id", "name", "n"};
  const std::string long_name(300, 'x');  // longer than any short-string buffer
  t.add_row(std::vector<std::string_view>{"A", long_name, "12"});
  t.add_row(std::vector<std::string_view>{"B"});  // short: its name and n are empty
  t.add_row(std::vector<std::string_view>{"C", "Cee", "7.5"});
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.get(0, "name"), long_name);
  EXPECT_EQ(t.get(1, "name"), "");
  EXPECT_EQ(t.number(1, "n"), std::nullopt);
  EXPECT_EQ(t.get(2, "id"), "C");
  EXPECT_EQ(t.number(2, "n"), 7.5);
  EXPECT_EQ(t.get(2, "absent"), "");
  const TextTable copy = t;
  t.set(2, 1, "=Cee");
  EXPECT_EQ(t.get(2, "name"), "=Cee");
  EXPECT_EQ(copy.get(2, "name"), "Cee");
  EXPECT_EQ(copy.get(0, "name"), long_name);
}

}  // namespace
