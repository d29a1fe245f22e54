// The demo under rule = "perturb" (the cell key method): every public count of children is
// perturbed, none is published as 1 or 2, nothing is hidden, and the outreach list still names
// the planted estate.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/core/columns.hpp"
#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kSource = REACHMAP_SOURCE_DIR;

// A column counting a set of children (perturbed), as opposed to a derived count
// (unreached = population - seen, made again from the perturbed seen) or anything else.
bool counts_children(const std::string& name) {
  if (const auto id = column_named(name)) {
    const ColumnKind k = column_spec(*id).kind;
    return k == ColumnKind::kCount || k == ColumnKind::kGroupCount;
  }
  const auto ends_with = [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("_band") || ends_with("_share") || ends_with("_low") || ends_with("_high"))
    return false;
  return name.rfind("seen_", 0) == 0 || name.rfind("registered_", 0) == 0;
}

// The demo's config with rule = "perturb", its paths made absolute.
std::string perturb_config(const TempDir& dir) {
  std::string text = read_text(kSource + "/data/demo/reachmap.toml");
  text = with_absolute_paths(text, kSource + "/data/demo");
  text.replace(text.find("min_count = 5"), 13, "rule = \"perturb\"");
  write_text(dir / "perturb.toml", text);
  return dir / "perturb.toml";
}

}  // namespace

TEST(Perturbation, DemoPublishesNoCountOfOneOrTwoHidesNothingAndFindsThePlantedEstate) {
  TempDir dir("perturb");
  const auto run = run_command(std::string(REACHMAP_CLI) + " run " + perturb_config(dir) +
                               " -q --out " + (dir / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  std::size_t counts = 0, small = 0, differ = 0, flagged = 0;
  for (const char* table : {"indicators_neighbourhood.csv", "indicators_ward.csv", "centres.csv",
                            "equity_neighbourhood.csv", "equity_ward.csv"}) {
    CsvReader pub(dir / (std::string("out/") + table));
    CsvReader truth(dir / (std::string("out/private/") + table));
    const auto header = pub.header();
    const int flag = pub.find_column("suppressed");
    CsvRow row, true_row;
    while (pub.next(row)) {
      const bool has_truth = truth.next(true_row);
      // Nothing is hidden but the few counts the audit withdraws (the manifest counts them): a
      // target group's small count in an area, which the others around it would narrow.
      if (flag >= 0) flagged += row[std::size_t(flag)] == "true";
      for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c].size() > 5 && header[c].substr(header[c].size() - 5) == "_band") {
          EXPECT_TRUE(row[c].empty()) << table << " " << header[c] << ": no bands";
        }
        if (!counts_children(header[c]) || row[c].empty()) continue;
        const auto v = parse_int(row[c]);
        ASSERT_TRUE(v) << table << " " << header[c] << " = '" << row[c] << "'";
        ++counts;
        small += *v == 1 || *v == 2;
        EXPECT_GE(*v, 0);
        const auto t = has_truth && true_row.size() > c ? parse_int(true_row[c]) : std::nullopt;
        if (!t) continue;
        EXPECT_LE(std::abs(*v - *t), 2) << table << " " << header[c];
        if (*t == 0) {
          EXPECT_EQ(*v, 0) << table << " " << header[c] << ": zeros stay zero";
        }
        differ += *v != *t;
      }
    }
  }
  EXPECT_GT(counts, 1000u);
  EXPECT_EQ(small, 0u) << "counts of 1 and 2 are never published";
  EXPECT_GT(differ, counts / 4) << "most counts are perturbed";

  // The planted estate leads the public outreach list still: its areas are visible (nothing
  // is hidden under perturb) and ranked near the top by the public analysis.
  CsvReader planted(kSource + "/data/demo/planted_cluster.csv");
  std::set<std::string> ids, names;
  CsvRow row;
  while (planted.next(row)) ids.emplace(row[0]), names.emplace(row[1]);
  ASSERT_EQ(ids.size(), 6u);
  CsvReader ind(dir / "out/indicators_neighbourhood.csv");
  const int id = ind.find_column("area_id"), rank = ind.find_column("priority_rank");
  std::size_t in_top_ten = 0;
  while (ind.next(row)) {
    if (!ids.count(std::string(row[std::size_t(id)]))) continue;
    const auto r = parse_int(row[std::size_t(rank)]);
    ASSERT_TRUE(r) << row[std::size_t(id)] << " has a public rank";
    in_top_ten += *r <= 10;
  }
  EXPECT_EQ(in_top_ten, 6u);

  // The manifest states the rule and the ptable's parameters, and no key.
  const auto m = nlohmann::json::parse(read_text(dir / "out/manifest.json"));
  const auto& p = m["privacy"];
  EXPECT_EQ(p["rule"], "perturb");
  EXPECT_EQ(p["disclosure_control"], "on");
  EXPECT_EQ(p["max_perturbation"], 2);
  EXPECT_EQ(p["small_counts_never_shown"], 2);
  EXPECT_NEAR(p["variance"].get<double>(), 1.0, 0.05);
  // Audited as the rule states each count (privacy/disclosure.cpp audit_published).
  EXPECT_EQ(p["audit"]["cells_left_unsafe"], 0);
  EXPECT_LE(flagged, p["audit"]["cells_added"].get<std::size_t>());
  EXPECT_LE(p["audit"]["cells_added"].get<std::size_t>(), counts / 30) << "few are withdrawn";
  EXPECT_NE(p["description"].get<std::string>().find("at most 2"), std::string::npos);
  const int counted = m["children"]["counted"].get<int>();
  EXPECT_TRUE(counted == 0 || counted >= 3);
  // The report says what was done, in plain words.
  const std::string report = read_text(dir / "out/report.html");
  EXPECT_NE(report.find("counts of 1 and 2 are never shown as such"), std::string::npos);
  EXPECT_NE(report.find("cell key method"), std::string::npos);
  // Its outreach list names the planted estate's areas.
  const auto list = report.find("utreach");
  ASSERT_NE(list, std::string::npos);
  for (const auto& name : names) EXPECT_NE(report.find(name, list), std::string::npos) << name;
}
