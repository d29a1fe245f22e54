// An attacker's audit of the public outputs: the demo with a third layer made by dissolving its
// neighbourhoods into 15 groups (so that the group totals are exact sums of published areas),
// and centre reach areas made of neighbourhoods. From every public file (the CSV tables, the
// GeoPackage layers, the manifest) the audit collects the sums an attacker knows (a group =
// its neighbourhoods, a layer's total, population = seen + unreached, a centre's children =
// those living inside + outside, a reach area = its neighbourhoods, a share x its total) and
// solves every one with a single unknown, again and again. No count of 1 to min_count - 1 may
// come out, and no public count column may hold one.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {

const std::string kSource = REACHMAP_SOURCE_DIR;
constexpr int kMinCount = 5;

bool is_count_column(const std::string& name) {
  static const std::set<std::string> kCounts = {"registered_children",
                                                "seen_children",
                                                "sustained_children",
                                                "unreached_children",
                                                "registered_lone_parent",
                                                "seen_lone_parent",
                                                "registered_teen_parent",
                                                "seen_teen_parent",
                                                "reach_area_registered",
                                                "reach_area_seen",
                                                "reach_area_sustained",
                                                "reach_area_unreached",
                                                "seen_here_in_reach_area",
                                                "seen_here_outside_reach_area",
                                                "reach_area_seen_only_elsewhere"};
  return kCounts.count(name) || name.rfind("seen_inside_", 0) == 0 ||
         name.rfind("seen_outside_", 0) == 0;
}

// A cell of a public table: (table, row, column), its public text and its true value.
struct Cell {
  std::string table;
  std::size_t row;
  std::string column;
  bool operator<(const Cell& o) const {
    return std::tie(table, row, column) < std::tie(o.table, o.row, o.column);
  }
};

struct Audit {
  std::map<std::string, CsvTable> pub, priv;
  std::map<Cell, double> known;
  std::set<Cell> hidden;  // blank in public, a number in private
  // total (a cell or a known value) = sum of parts
  struct Sum {
    std::optional<Cell> total;
    double value = 0;
    std::vector<Cell> parts;
  };
  std::vector<Sum> sums;
  std::vector<std::string> recovered;

  void add_table(const std::string& name, const CsvTable& p, const CsvTable& q) {
    pub[name] = p;
    priv[name] = q;
    for (std::size_t r = 0; r < p.rows.size(); ++r)
      for (std::size_t c = 0; c < p.header.size(); ++c) {
        const Cell cell{name, r, p.header[c]};
        const auto v = parse_double(p.rows[r][c]);
        const int qc = q.col(p.header[c]);
        const auto truth = qc >= 0 ? parse_double(q.rows[r][std::size_t(qc)]) : std::nullopt;
        if (v)
          known[cell] = *v;
        else if (truth)
          hidden.insert(cell);
      }
  }
  double truth(const Cell& c) const {
    const auto& t = priv.at(c.table);
    return *parse_double(t.rows[c.row][std::size_t(t.col(c.column))]);
  }
  void solve() {
    for (bool changed = true; changed;) {
      changed = false;
      for (const Sum& s : sums) {
        const bool total_known = !s.total || known.count(*s.total);
        std::vector<const Cell*> unknown;
        for (const auto& p : s.parts)
          if (!known.count(p)) unknown.push_back(&p);
        std::optional<Cell> found;
        if (total_known && unknown.size() == 1) found = *unknown[0];
        if (!total_known && unknown.empty() && s.total) found = *s.total;
        if (!found || !hidden.count(*found)) continue;
        const double v = truth(*found);
        known[*found] = v;
        changed = true;
        if (v >= 1 && v < kMinCount)
          recovered.push_back(found->table + " row " + std::to_string(found->row) + " " +
                              found->column + " = " + format_number(v));
      }
    }
  }
};

std::string dissolve_config(const TempDir& dir) {
  const std::string groups = dir / "groups.gpkg";
  const auto r = run_command(
      "ogr2ogr -f GPKG -nlt MULTIPOLYGON -nln groups " + groups + " " + kSource +
      "/shapes/demo/northby.gpkg -dialect sqlite -sql \"SELECT ST_Union(geom) AS geom, grp FROM "
      "(SELECT geom, 'G' || printf('%02d', (CAST(substr(nbhd_cd, 4) AS INTEGER) - 1) / 10) AS "
      "grp FROM neighbourhoods) GROUP BY grp\"");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::string text = read_text(kSource + "/data/demo/reachmap.toml");
  text = with_absolute_paths(text, kSource + "/data/demo");
  text += "\n[[layers]]\nname = \"group\"\npath = \"" + groups + "\"\nid = \"grp\"\n";
  write_text(dir / "reachmap.toml", text);
  return dir / "reachmap.toml";
}

// Neighbourhood row -> group row (the groups are made of ten consecutive neighbourhoods).
std::vector<std::size_t> group_of(const CsvTable& nbhd, const CsvTable& group) {
  std::vector<std::size_t> out;
  for (const auto& row : nbhd.rows) {
    const int n = std::stoi(row[0].substr(3));
    const std::string id = (n <= 100 ? "G0" : "G") + std::to_string((n - 1) / 10);
    std::size_t g = 0;
    while (group.rows[g][0] != id) ++g;
    out.push_back(g);
  }
  return out;
}

}  // namespace

TEST(DisclosureAudit, NoSmallCountIsPublishedOrRecoverableFromAnyPublicFile) {
  TempDir dir("audit");
  const std::string cfg = dissolve_config(dir);
  const std::string out = dir / "out";
  const auto run = run_command(std::string(REACHMAP_CLI) + " run " + cfg + " --out " + out + " -q");
  ASSERT_EQ(run.exit_code, 0) << run.output;

  // The GeoPackage's layers, read back through GDAL, must say no more than the CSV tables.
  for (const char* layer : {"neighbourhood", "group", "ward", "centres"}) {
    const auto r = run_command("ogr2ogr -f CSV " + (dir / (std::string("gpkg_") + layer + ".csv")) +
                               " " + (out + "/reachmap.gpkg") + " " + layer);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  for (const std::string source : {"csv", "gpkg"}) {
    Audit audit;
    for (const std::string t : {"neighbourhood", "group", "ward"})
      audit.add_table(t,
                      read_csv_table(source == "csv" ? out + "/indicators_" + t + ".csv"
                                                     : dir / ("gpkg_" + t + ".csv")),
                      read_csv_table(out + "/private/indicators_" + t + ".csv"));
    audit.add_table(
        "centres",
        read_csv_table(source == "csv" ? out + "/centres.csv" : dir / "gpkg_centres.csv"),
        read_csv_table(out + "/private/centres.csv"));
    // 1. No public count column holds 1 to min_count - 1.
    std::size_t count_cells = 0;
    for (const auto& [name, t] : audit.pub)
      for (std::size_t c = 0; c < t.header.size(); ++c) {
        if (!is_count_column(t.header[c])) continue;
        for (const auto& row : t.rows) {
          const auto v = parse_double(row[c]);
          ++count_cells;
          EXPECT_FALSE(v && *v >= 1 && *v < kMinCount)
              << source << " " << name << " " << t.header[c] << " = " << row[c];
        }
      }
    EXPECT_GT(count_cells, 1000u);
    // 2. The sums an attacker knows.
    const auto& nbhd = audit.pub.at("neighbourhood");
    const auto groups = group_of(nbhd, audit.pub.at("group"));
    std::size_t groups_with_a_small_member = 0;
    for (const std::string t : {"neighbourhood", "group", "ward"}) {
      const CsvTable& p = audit.pub.at(t);
      for (std::size_t r = 0; r < p.rows.size(); ++r)  // population = seen + unreached
        if (const auto pop = parse_double(p.rows[r][std::size_t(p.col("under5_population"))]))
          audit.sums.push_back({std::nullopt,
                                std::round(*pop),
                                {{t, r, "seen_children"}, {t, r, "unreached_children"}}});
      for (const auto& column : p.header) {  // the layer's total of every count
        if (!is_count_column(column) || column == "unreached_children") continue;
        Audit::Sum total{std::nullopt, 0, {}};
        for (std::size_t r = 0; r < p.rows.size(); ++r) total.parts.push_back({t, r, column});
        audit.sums.push_back(total);
      }
    }
    for (const auto& column : nbhd.header) {  // a group = its ten neighbourhoods
      if (!is_count_column(column) || column == "unreached_children") continue;
      for (std::size_t g = 0; g < audit.pub.at("group").rows.size(); ++g) {
        Audit::Sum s{Cell{"group", g, column}, 0, {}};
        std::size_t small = 0;
        for (std::size_t r = 0; r < groups.size(); ++r)
          if (groups[r] == g) {
            s.parts.push_back({"neighbourhood", r, column});
            const double v = audit.truth({"neighbourhood", r, column});
            small += v >= 1 && v < kMinCount;
          }
        groups_with_a_small_member += small > 0;
        audit.sums.push_back(s);
      }
    }
    EXPECT_GT(groups_with_a_small_member, 5u) << "the audit must have something to attack";
    const CsvTable& centres = audit.pub.at("centres");
    CsvTable listed = read_csv_table(kSource + "/data/demo/centres.csv");
    for (std::size_t r = 0; r < centres.rows.size(); ++r) {
      const auto c = [&](const char* column) { return Cell{"centres", r, column}; };
      for (const char* layer : {"neighbourhood", "ward", "group"}) {
        const std::string in = std::string("seen_inside_") + layer,
                          outside = std::string("seen_outside_") + layer;
        audit.sums.push_back({c("seen_children"), 0, {c(in.c_str()), c(outside.c_str())}});
        const std::string share = std::string("inside_") + layer + "_share";
        if (audit.known.count(c(share.c_str())) && audit.known.count(c("seen_children")) &&
            audit.hidden.count(c(in.c_str())))
          ADD_FAILURE() << "a share of " << layer << " is published beside a hidden count";
      }
      audit.sums.push_back({c("seen_children"),
                            0,
                            {c("seen_here_in_reach_area"), c("seen_here_outside_reach_area")}});
      audit.sums.push_back({c("reach_area_seen"),
                            0,
                            {c("seen_here_in_reach_area"), c("reach_area_seen_only_elsewhere")}});
      if (audit.known.count(c("outside_reach_area_share")) &&
          audit.hidden.count(c("seen_here_outside_reach_area")))
        ADD_FAILURE() << "a reach-area share is published beside a hidden count";
      // A reach area = its neighbourhoods.
      std::string ids = listed.rows[r][std::size_t(listed.col("reach_nbhds"))];
      std::vector<std::size_t> members;
      for (std::size_t n = 0; n < nbhd.rows.size(); ++n)
        if (ids.find(nbhd.rows[n][0]) != std::string::npos) members.push_back(n);
      for (const auto& [total, part] : {std::pair{"reach_area_registered", "registered_children"},
                                        {"reach_area_seen", "seen_children"},
                                        {"reach_area_sustained", "sustained_children"}}) {
        Audit::Sum s{c(total), 0, {}};
        for (std::size_t n : members) s.parts.push_back({"neighbourhood", n, part});
        audit.sums.push_back(s);
      }
    }
    audit.solve();
    EXPECT_TRUE(audit.recovered.empty())
        << source << ": " << audit.recovered.size() << " small counts recovered, e.g. "
        << audit.recovered.front();
  }
  // 3. The manifest states counts of children as bands when they are small.
  const auto m = nlohmann::json::parse(read_text(out + "/manifest.json"));
  for (const auto& [layer, j] : m["layers"].items())
    for (const char* key : {"children_outside", "children_placed"})
      if (j[key].is_number()) {
        EXPECT_FALSE(j[key].get<double>() >= 1 && j[key].get<double>() < kMinCount) << layer << key;
      }
  for (const auto& [key, v] : m["children"].items())
    if (v.is_number()) {
      EXPECT_FALSE(v.get<double>() >= 1 && v.get<double>() < kMinCount) << key;
    }
}

TEST(DisclosureAudit, RoundingPublishesEveryCountAsAMultipleOfTheBase) {
  TempDir dir("round");
  std::string text = read_text(kSource + "/data/demo/reachmap.toml");
  text = with_absolute_paths(text, kSource + "/data/demo");
  text.replace(text.find("min_count = 5"), 13, "rule = \"round\"\nbase = 5");
  write_text(dir / "round.toml", text);
  const auto run = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "round.toml") +
                               " -q --out " + (dir / "out"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* table : {"indicators_neighbourhood.csv", "indicators_ward.csv", "centres.csv"}) {
    const CsvTable t = read_csv_table(dir / (std::string("out/") + table));
    std::size_t counts = 0;
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      // The public analysis runs on the rounded counts: its statistics are published.
      const bool statistic = t.header[c] == "seen_reach_eb" || t.header[c] == "funnel_z" ||
                             t.header[c] == "lisa_i" || t.header[c] == "reach_shortfall";
      std::size_t statistics = 0;
      for (const auto& row : t.rows) statistics += statistic && !row[c].empty();
      if (statistic) {
        EXPECT_EQ(statistics, t.rows.size()) << table << " " << t.header[c];
      }
      const int reach_pop = t.col("reach_area_under5_population");
      for (const auto& row : t.rows) {
        if (!is_count_column(t.header[c])) continue;
        // A centre without a reach area (the demo's health centre) has no reach-area counts.
        if (row[c].empty() && reach_pop >= 0 && row[std::size_t(reach_pop)].empty() &&
            (t.header[c].rfind("reach_area_", 0) == 0 || t.header[c].rfind("seen_here_", 0) == 0))
          continue;
        const auto v = parse_int(row[c]);
        ASSERT_TRUE(v) << table << " " << t.header[c] << " = '" << row[c] << "'";
        EXPECT_EQ(*v % 5, 0) << table << " " << t.header[c];
        ++counts;
      }
    }
    EXPECT_GT(counts, 0u) << table;
  }
  const auto m = nlohmann::json::parse(read_text(dir / "out/manifest.json"));
  EXPECT_EQ(m["privacy"]["rule"], "round");
  EXPECT_EQ(m["privacy"]["base"], 5);
  EXPECT_EQ(m["children"]["counted"].get<int>() % 5, 0);
}
