// The early-years cohorts on the demo ([run] never_seen_by_5, seen_before_1): the town's counts
// made again from the input files by a reader of its own, the orders that hold in every area,
// the layers that sum, the warning about a short history, and disclosure control over them.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/core/date.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kSource = REACHMAP_SOURCE_DIR;
const Date kFrom{2025, 4, 1}, kTo{2026, 3, 31};

std::string squeezed(std::string_view postcode) {
  std::string out;
  for (const char c : postcode)
    if (c != ' ') out += char(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct Town {
  std::int64_t turned_5 = 0, never_seen_by_5 = 0, turned_1 = 0, seen_before_1 = 0;
};

// The demo's cohorts counted from its files alone: a child's first row decides it, its postcode
// must be in the directory with a location, its dates whole; its first contact is its earliest row
// anywhere.
Town count_from_files() {
  std::map<std::string, bool> known_postcodes;
  CsvRow row;
  {
    CsvReader pcs(kSource + "/data/demo/postcodes.csv");
    while (pcs.next(row))  // a postcode with no location places nobody
      if (!std::string_view(row[1]).empty() && !std::string_view(row[2]).empty())
        known_postcodes[squeezed(row[0])] = true;
  }
  std::map<std::string, long> first;
  {
    CsvReader att(kSource + "/data/demo/attendance.csv");
    while (att.next(row)) {
      if (row.size() != att.header().size() || std::string_view(row[2]).empty()) continue;
      const auto d = parse_date(std::string_view(row[1]), false);
      if (!d || *d > kTo) continue;
      auto [it, fresh] = first.try_emplace(std::string(row[0]), d->days());
      if (!fresh && d->days() < it->second) it->second = d->days();
    }
  }
  Town town;
  std::map<std::string, bool> decided;
  CsvReader reg(kSource + "/data/demo/registrations.csv");
  while (reg.next(row)) {
    if (row.size() != reg.header().size()) continue;  // the wrong field count: rejected
    const std::string id(row[0]);
    if (id.empty() || !decided.emplace(id, true).second) continue;
    const auto birth = parse_date(std::string_view(row[3]));
    const auto registered = parse_date(std::string_view(row[4]));
    if (!birth || !known_postcodes.count(squeezed(row[2]))) continue;
    if (!std::string_view(row[4]).empty() && !registered) continue;
    if (registered && *registered > kTo) continue;
    bool bad_group = false;
    for (const std::size_t g : {5u, 6u})
      bad_group |= std::string_view(row[g]) != "0" && std::string_view(row[g]) != "1" &&
                   !std::string_view(row[g]).empty();
    if (bad_group) continue;
    const auto it = first.find(id);
    const auto seen_before = [&](int years) {
      return it != first.end() && it->second < birthday(*birth, years).days();
    };
    if (const Date b5 = birthday(*birth, 5); kFrom <= b5 && b5 <= kTo) {
      ++town.turned_5;
      town.never_seen_by_5 += !seen_before(5);
    }
    if (const Date b1 = birthday(*birth, 1); kFrom <= b1 && b1 <= kTo) {
      ++town.turned_1;
      town.seen_before_1 += seen_before(1);
    }
  }
  return town;
}

std::map<std::string, std::int64_t> column_sums(
    const std::string& path, std::vector<std::map<std::string, std::string>>* rows = nullptr) {
  CsvReader in(path);
  std::map<std::string, std::int64_t> sums;
  CsvRow row;
  while (in.next(row)) {
    std::map<std::string, std::string> r;
    for (std::size_t c = 0; c < row.size(); ++c) r[in.header()[c]] = std::string(row[c]);
    for (const char* c : {"turned_5_children", "never_seen_by_5", "turned_1_children",
                          "seen_before_1", "registered_children"})
      sums[c] += r[c].empty() ? 0 : std::stoll(r[c]);
    if (rows) rows->push_back(std::move(r));
  }
  return sums;
}

// The demo's config (paths absolute) with both cohorts asked for in [run].
std::string demo_with_cohorts() {
  std::string text =
      with_absolute_paths(read_text(kSource + "/data/demo/reachmap.toml"), kSource + "/data/demo");
  const auto seed = text.find("\nseed = ");
  text.insert(text.find('\n', seed + 1) + 1, "never_seen_by_5 = true\nseen_before_1 = true\n");
  return text;
}

}  // namespace

TEST(Cohorts, TheDemosNeverSeenBy5AndSeenBefore1AreTheFilesAndAreProtected) {
  TempDir dir("cohorts");
  write_text(dir / "cohorts.toml", demo_with_cohorts());
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "cohorts.toml") +
                             " -q --out " + (dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;

  // The whole town, against the files read here.
  const Town town = count_from_files();
  ASSERT_GT(town.turned_5, 50);
  ASSERT_GT(town.turned_1, 50);
  std::vector<std::map<std::string, std::string>> areas;
  const auto nbhd = column_sums(dir / "out/private/indicators_neighbourhood.csv", &areas);
  EXPECT_EQ(nbhd.at("turned_5_children"), town.turned_5);
  EXPECT_EQ(nbhd.at("never_seen_by_5"), town.never_seen_by_5);
  EXPECT_EQ(nbhd.at("turned_1_children"), town.turned_1);
  EXPECT_EQ(nbhd.at("seen_before_1"), town.seen_before_1);
  // The localities are unions of neighbourhoods: the same sums.
  const auto loc = column_sums(dir / "out/private/indicators_locality.csv");
  for (const char* c :
       {"turned_5_children", "never_seen_by_5", "turned_1_children", "seen_before_1"})
    EXPECT_EQ(loc.at(c), nbhd.at(c)) << c;
  // In every area: never seen <= turned 5, seen before 1 <= turned 1 <= registered; the share
  // is the one over the other.
  for (const auto& a : areas) {
    if (a.at("registered_children").empty()) continue;
    EXPECT_LE(std::stoll(a.at("never_seen_by_5")), std::stoll(a.at("turned_5_children")));
    EXPECT_LE(std::stoll(a.at("seen_before_1")), std::stoll(a.at("turned_1_children")));
    EXPECT_LE(std::stoll(a.at("turned_1_children")), std::stoll(a.at("registered_children")));
    if (std::stoll(a.at("turned_5_children")) > 0) {
      EXPECT_NEAR(std::stod(a.at("never_seen_by_5_share")),
                  double(std::stoll(a.at("never_seen_by_5"))) /
                      double(std::stoll(a.at("turned_5_children"))),
                  1e-12);
    }
  }

  // Each centre's reach area: the sums of its neighbourhoods' (centres.csv's reach_nbhds).
  std::map<std::string, std::map<std::string, std::string>> by_id;
  for (const auto& a : areas) by_id[a.at("area_id")] = a;
  {
    std::map<std::string, std::string> members;
    CsvRow row;
    CsvReader list(kSource + "/data/demo/centres.csv");
    while (list.next(row)) members[std::string(row[0])] = std::string(row[3]);
    std::vector<std::map<std::string, std::string>> centres;
    column_sums(dir / "out/private/centres.csv", &centres);
    std::size_t compared = 0;
    for (const auto& c : centres) {
      const std::string& ids = members[c.at("centre_id")];
      if (ids.empty()) continue;
      std::int64_t turned_5 = 0, never = 0, turned_1 = 0, early = 0;
      for (std::size_t from = 0; from < ids.size();) {
        const std::size_t to = std::min(ids.find(';', from), ids.size());
        const auto& a = by_id.at(ids.substr(from, to - from));
        turned_5 += std::stoll(a.at("turned_5_children"));
        never += std::stoll(a.at("never_seen_by_5"));
        turned_1 += std::stoll(a.at("turned_1_children"));
        early += std::stoll(a.at("seen_before_1"));
        from = to + 1;
      }
      EXPECT_EQ(c.at("reach_area_turned_5_children"), std::to_string(turned_5));
      EXPECT_EQ(c.at("reach_area_never_seen_by_5"), std::to_string(never));
      EXPECT_EQ(c.at("reach_area_turned_1_children"), std::to_string(turned_1));
      EXPECT_EQ(c.at("reach_area_seen_before_1"), std::to_string(early));
      ++compared;
    }
    EXPECT_EQ(compared, 4u);
  }

  // Public: each hidden cohort count has its band, the audit leaves nothing unsafe, and the
  // demo's attendance, which starts in 2024, is said to be too short for never_seen_by_5.
  CsvRow row;
  CsvReader pub(dir / "out/indicators_neighbourhood.csv");
  const int never = pub.find_column("never_seen_by_5"),
            band = pub.find_column("never_seen_by_5_band"),
            share = pub.find_column("never_seen_by_5_share");
  ASSERT_GE(band, 0);
  std::size_t hidden = 0;
  while (pub.next(row)) {
    if (!std::string_view(row[std::size_t(never)]).empty()) continue;
    ++hidden;
    EXPECT_TRUE(std::string_view(row[std::size_t(share)]).empty());
  }
  EXPECT_GT(hidden, 0u);
  // The whole town's row of the equity table is the files' count; the report says it.
  std::vector<std::map<std::string, std::string>> equity;
  column_sums(dir / "out/equity_neighbourhood.csv", &equity);
  ASSERT_FALSE(equity.empty());
  EXPECT_EQ(equity[0].at("group"), "all areas");
  EXPECT_EQ(equity[0].at("turned_5_children"), std::to_string(town.turned_5));
  EXPECT_EQ(equity[0].at("never_seen_by_5"), std::to_string(town.never_seen_by_5));
  EXPECT_EQ(equity[0].at("seen_before_1"), std::to_string(town.seen_before_1));
  const std::string report = read_text(dir / "out/report.html");
  EXPECT_NE(report.find("Of the " + std::to_string(town.turned_5) +
                        " registered children who turned 5 in the period, " +
                        std::to_string(town.never_seen_by_5) + " had no recorded contact"),
            std::string::npos);
  EXPECT_NE(report.find("The attendance history is short"), std::string::npos);
  // The staff's list: known children no setting has seen, soonest to turn 5 first; none of the
  // registered ones has a contact anywhere in the file.
  std::map<std::string, bool> ever_seen;
  {
    CsvReader att(kSource + "/data/demo/attendance.csv");
    while (att.next(row)) {  // a whole row with a day (by the period's end) and a centre
      const auto d = row.size() == att.header().size() ? parse_date(std::string_view(row[1]), false)
                                                       : std::nullopt;
      if (d && *d <= kTo && !std::string_view(row[2]).empty())
        ever_seen[std::string(row[0])] = true;
    }
  }
  CsvReader list(dir / "out/private/outreach/never_seen_yet.csv");
  const int child = list.find_column("child_id"), fifth = list.find_column("fifth_birthday"),
            registered = list.find_column("registered");
  ASSERT_GE(list.find_column("neighbourhood"), 0);
  std::string last_birthday;
  std::size_t listed = 0, listed_registered = 0;
  while (list.next(row)) {
    ++listed;
    const std::string birthday5(row[std::size_t(fifth)]);
    EXPECT_LE(last_birthday, birthday5);
    last_birthday = birthday5;
    EXPECT_GT(birthday5, "2026-03-31");  // under 5 at the period's end
    const std::string id(row[std::size_t(child)]);
    EXPECT_EQ(id.empty(), std::string_view(row[std::size_t(registered)]) == "false");
    if (!id.empty()) {
      EXPECT_FALSE(ever_seen.count(id)) << id;
      ++listed_registered;
    }
  }
  EXPECT_GT(listed, 20u);
  EXPECT_GT(listed_registered, 0u);
  EXPECT_NE(read_text(dir / "out/private/README.md").find("never_seen_yet.csv"), std::string::npos);
  const auto m = nlohmann::json::parse(read_text(dir / "out/manifest.json"));
  EXPECT_EQ(m["privacy"]["audit"]["cells_left_unsafe"], 0);
  EXPECT_EQ(m["early_years_cohorts"], nlohmann::json({"never_seen_by_5", "seen_before_1"}));
  EXPECT_NE(m.dump().find("never_seen_by_5 needs them from 2020-04-01"), std::string::npos);
  // The month of the first contact, not its day: the manifest is public.
  EXPECT_NE(m.dump().find("contacts start in 2024-09,"), std::string::npos);
  EXPECT_EQ(m.dump().find("2024-09-13"), std::string::npos);
}

// Reach areas drawn as polygons (the demo's first four wards, as Demo's polygon test draws
// them): each centre's cohort counts are its ward's, the children who turned 5 placed in the
// polygons as in the layers.
TEST(Cohorts, AReachAreaDrawnAsAPolygonCountsTheChildrenPlacedInIt) {
  TempDir dir("cohortpolygons");
  const auto made = write_ward_reach_polygons(dir / "reach.gpkg");
  ASSERT_EQ(made.exit_code, 0) << made.output;
  write_text(dir / "reach.toml", with_reach_polygons(demo_with_cohorts(), dir / "reach.gpkg"));
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "reach.toml") +
                             " -q --out " + (dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::vector<std::map<std::string, std::string>> wards, centres;
  column_sums(dir / "out/private/indicators_ward.csv", &wards);
  column_sums(dir / "out/private/centres.csv", &centres);
  std::map<std::string, std::map<std::string, std::string>> ward;  // CCn -> the ward's row
  for (const auto& w : wards) ward["CC" + w.at("area_id").substr(5)] = w;
  std::size_t compared = 0;
  for (const auto& c : centres) {
    if (c.at("centre_id") == "HC1") continue;  // the health centre: no reach area
    const auto& w = ward.at(c.at("centre_id"));
    for (const char* count :
         {"turned_5_children", "never_seen_by_5", "turned_1_children", "seen_before_1"})
      EXPECT_EQ(c.at(std::string("reach_area_") + count), w.at(count))
          << c.at("centre_id") << " " << count;
    ++compared;
  }
  EXPECT_EQ(compared, 4u);
}

// The short-history warning is for a history that is short: seen_before_1 over a run from
// September 2025 needs contacts from September 2024, where the demo's start (a month's slack).
TEST(Cohorts, AHistoryLongEnoughGetsNoWarning) {
  TempDir dir("cohorts_history");
  std::string text =
      with_absolute_paths(read_text(kSource + "/data/demo/reachmap.toml"), kSource + "/data/demo");
  text.replace(text.find("from = 2025-04-01"), 17, "from = 2025-09-01");
  const auto seed = text.find("\nseed = ");
  text.insert(text.find('\n', seed + 1) + 1, "seen_before_1 = true\n");
  write_text(dir / "short.toml", text);
  auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "short.toml") + " -q --out " +
                       (dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(read_text(dir / "out/manifest.json").find("needs them from"), std::string::npos);
  // A month earlier it is short: the warning names the month the contacts start in.
  text.replace(text.find("from = 2025-09-01"), 17, "from = 2025-08-01");
  write_text(dir / "short.toml", text);
  r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "short.toml") + " -q --out " +
                  (dir / "out2"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(read_text(dir / "out2/manifest.json")
                .find("contacts start in 2024-09, but seen_before_1 needs them from 2024-08-01"),
            std::string::npos);
}
