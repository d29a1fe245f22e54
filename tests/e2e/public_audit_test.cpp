// `reachmap audit OUT_DIR` (engine/audit/public_audit): the intruder's audit on a finished
// folder's public files alone. The demo's folder is safe to publish, every hidden count is
// found, and one figure published beside a small count (its area's unreached, from private/)
// is caught with exit 6 and the area named.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/io/csv_writer.hpp"
#include "engine/io/sha256.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

// The column's index (the demo's tables have every column asked for).
std::size_t col(const CsvTable& t, const std::string& name) {
  return std::size_t(t.col(name));
}

void write_csv(const std::string& path, const CsvTable& t) {
  std::ofstream out(path, std::ios::binary);
  write_csv_row(out, t.header);
  for (const auto& row : t.rows) write_csv_row(out, row);
}

}  // namespace

TEST(PublicAudit, TheDemoIsSafeAndAFigurePublishedBesideASmallCountIsCaught) {
  TempDir dir("public-audit");
  const std::string out = dir / "out";
  const std::string cli = REACHMAP_CLI;
  const auto run = run_command(cli + " demo --out " + out + " --quiet");
  ASSERT_EQ(run.exit_code, 0) << run.output;

  const auto safe = run_command(cli + " audit " + out);
  EXPECT_EQ(safe.exit_code, 0) << safe.output;
  EXPECT_NE(safe.output.find("safe to publish: no hidden count"), std::string::npos) << safe.output;
  // Every count the run hid is found blank and audited.
  const auto manifest = nlohmann::json::parse(read_text(out + "/manifest.json"));
  const auto& d = manifest["layers"]["neighbourhood"]["disclosure"];
  const auto hidden = d["primary_cells"].get<int>() + d["secondary_cells"].get<int>();
  EXPECT_NE(safe.output.find("indicators_neighbourhood.csv: " + std::to_string(hidden) +
                             " counts hidden"),
            std::string::npos)
      << safe.output;

  // Publish one area's unreached beside its small seen count (1-4, published "0-4"): the
  // population less it gives seen back.
  const std::string file = out + "/indicators_neighbourhood.csv";
  CsvTable pub = read_csv_table(file);
  const CsvTable staff = read_csv_table(out + "/private/indicators_neighbourhood.csv");
  const std::size_t seen = col(pub, "seen_children"), unreached = col(pub, "unreached_children");
  std::string area;
  for (std::size_t r = 0; r < pub.rows.size() && area.empty(); ++r) {
    const auto& s = staff.rows[r];
    const int true_seen = std::stoi(s[col(staff, "seen_children")]);
    if (pub.rows[r][seen].empty() && pub.rows[r][unreached].empty() && true_seen >= 1 &&
        true_seen <= 4 && std::stoi(s[col(staff, "unreached_children")]) > 0) {
      ASSERT_EQ(s[0], pub.rows[r][0]);
      pub.rows[r][unreached] = s[col(staff, "unreached_children")];
      area = s[0];
    }
  }
  ASSERT_FALSE(area.empty()) << "no small seen count with its unreached hidden in the demo";
  write_csv(file, pub);
  // As a run would have written it: the manifest lists the new file's SHA-256.
  auto listed = nlohmann::ordered_json::parse(read_text(out + "/manifest.json"));
  for (auto& o : listed["outputs"])
    if (o["path"] == "indicators_neighbourhood.csv") o["sha256"] = sha256_file(file, file);
  std::ofstream(out + "/manifest.json", std::ios::binary) << listed.dump(2);
  const auto caught = run_command(cli + " audit " + out);
  EXPECT_EQ(caught.exit_code, 6) << caught.output;
  EXPECT_NE(caught.output.find("indicators_neighbourhood.csv: " + std::to_string(hidden - 1) +
                               " counts hidden, the narrowest can still take 1 values: NOT SAFE"),
            std::string::npos)
      << caught.output;
  EXPECT_NE(caught.output.find(area + " seen_children: "), std::string::npos) << caught.output;
  EXPECT_NE(caught.output.find("do not publish this folder"), std::string::npos);
}

// Under round and perturb nothing is hidden, but every published count stands for the true
// counts the rule could have published it from. The run's own audit blanks what would give a
// count away (the demo under round: NBY144's 3 known registered children, published 5, were 3
// or 4 once its 8 not registered were taken from its 11 known children, both published 10),
// and `reachmap audit`, modelling the rule from the manifest, finds nothing left.
TEST(PublicAudit, RoundAndPerturbAreAuditedAsTheRuleStatesThem) {
  const std::string source = REACHMAP_SOURCE_DIR;
  const std::string cli = REACHMAP_CLI;
  for (const std::string rule : {"round", "perturb"}) {
    TempDir dir("public-audit-" + rule);
    std::string text = read_text(source + "/data/demo/reachmap.toml");
    text = with_absolute_paths(text, source + "/data/demo");
    text.replace(text.find("min_count = 5"), 13, "rule = \"" + rule + "\"");
    write_text(dir / "demo.toml", text);
    const std::string out = dir / "out";
    const auto run =
        run_command(cli + " run " + (dir / "demo.toml") + " --out " + out + " --quiet");
    ASSERT_EQ(run.exit_code, 0) << run.output;
    const auto manifest = nlohmann::json::parse(read_text(out + "/manifest.json"));
    const auto& audit = manifest["privacy"]["audit"];
    EXPECT_EQ(audit["cells_left_unsafe"], 0) << rule;
    EXPECT_GT(audit["cells_audited"].get<int>(), 1500) << rule;  // every count, not the blanks
    if (rule == "round") {
      EXPECT_GE(audit["cells_added"].get<int>(), 1);
    }
    const auto checked = run_command(cli + " audit " + out);
    EXPECT_EQ(checked.exit_code, 0) << rule << "\n" << checked.output;
    EXPECT_NE(checked.output.find(rule == "round" ? "published rounded" : "published perturbed"),
              std::string::npos)
        << checked.output;
  }
}
