// The worked examples under examples/ run end to end on ../shared/data: synthetic families from
// reachmap-synth, then a full run. Checks the vintage bridging, the row accounting, that the
// counts match the generator's ground truth, and that planted clusters are found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/io/csv_reader.hpp"
#include "tests/support/personal_data.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using Json = nlohmann::json;

namespace {

// Runs examples/<name>/run.sh with its outputs in `dir`/out and its families in `dir`/work
// (tests write only under the build folder); returns the manifest.
Json run_example(const std::string& name, const testsupport::TempDir& dir) {
  const std::string script = std::string(REACHMAP_SOURCE_DIR) + "/examples/" + name + "/run.sh";
  const std::string out = dir / "out";
  const auto r = testsupport::run_command("REACHMAP_BIN_DIR=" + std::string(REACHMAP_BIN_DIR) +
                                          " bash " + script + " " + out + " " + (dir / "work"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::ifstream f(out + "/manifest.json");
  return Json::parse(f);
}

// column -> value for every row of a CSV, keyed by its first column.
std::map<std::string, std::map<std::string, std::string>> read_rows(const std::string& path) {
  std::map<std::string, std::map<std::string, std::string>> out;
  CsvReader csv(path);
  CsvRow row;
  while (csv.next(row))
    for (std::size_t c = 0; c < csv.header().size(); ++c)
      out[std::string(row[0])][csv.header()[c]] = std::string(row[c]);
  return out;
}

// The small-area maps show the wards: their outlines (legend row) and at least `min` of their
// names (PDF text, white space dropped: pdftotext spaces glyphs unevenly).
void expect_ward_names_on(const std::string& pdf, const std::string& wards_csv, std::size_t min) {
  const auto squeeze = [](const std::string& s) {
    std::string out;
    for (char c : s)
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
  };
  const std::string text = squeeze(testsupport::run_command("pdftotext " + pdf + " -").output);
  EXPECT_NE(text.find("wardboundariesandnames"), std::string::npos) << pdf;
  std::size_t named = 0;
  for (const auto& [id, row] : read_rows(wards_csv))
    named += text.find(squeeze(row.at("area_name"))) != std::string::npos;
  EXPECT_GE(named, min) << pdf;
}

void expect_inputs_accounted_for(const Json& manifest) {
  for (const auto& input : manifest["inputs"]) {
    if (input.contains("rows_accounted_for")) {
      EXPECT_TRUE(input["rows_accounted_for"].get<bool>()) << input["role"];
    }
  }
}

// Every planted area the funnel flags below its limits is in the top 10% of the outreach list,
// in the public table (`indicators`) and the private one alike; with `public_flags` false, the
// public table need flag none (its flags are still checked where it gives them).
void expect_planted_clusters_found(const std::string& families, const std::string& indicators,
                                   bool public_flags = true) {
  const auto planted = read_rows(families + "/planted_clusters.csv");
  std::set<std::string> planted_areas;
  {
    CsvReader csv(families + "/planted_clusters.csv");
    CsvRow row;
    while (csv.next(row)) planted_areas.insert(std::string(row[1]));
  }
  ASSERT_FALSE(planted.empty());
  const std::string private_table = std::filesystem::path(indicators).parent_path() / "private" /
                                    std::filesystem::path(indicators).filename();
  for (const std::string& table : {indicators, private_table}) {
    const auto rows = read_rows(table);
    std::size_t flagged = 0;
    for (const auto& [id, r] : rows) {
      if (!planted_areas.count(id) || r.at("funnel_flag").rfind("below", 0) != 0) continue;
      ++flagged;
      const std::string rank = r.at("priority_rank");
      ASSERT_FALSE(rank.empty()) << table << " " << id;
      EXPECT_LE(std::stoul(rank) * 10, rows.size()) << table << " " << id << " rank " << rank;
    }
    if (public_flags || table == private_table) {
      EXPECT_GE(flagged, planted_areas.size() * 3 / 4) << table;
    }
  }
}

// Wards have rates (their population carried from the LSOAs, marked as an estimate) and centres
// have reach in their reach areas.
void expect_rates_on_every_layer(const Json& manifest, const std::string& wards,
                                 const std::string& centres) {
  const Json& pop = manifest["layers"]["ward"]["population"];
  ASSERT_TRUE(pop.is_object());
  EXPECT_EQ(pop["estimate"], true);
  EXPECT_TRUE(manifest["analysis"]["ward"]["computed"].get<bool>());
  std::size_t rated = 0, estimated = 0;
  for (const auto& [id, r] : read_rows(wards)) {
    rated += !r.at("seen_reach").empty();
    estimated += r.at("under5_population_estimated") == "true";
  }
  EXPECT_GT(rated, 10u);
  EXPECT_GT(estimated, 0u);
  std::size_t centre_rates = 0;
  for (const auto& [id, r] : read_rows(centres)) centre_rates += !r.at("seen_reach").empty();
  EXPECT_GT(centre_rates, 5u);
  EXPECT_GT(manifest["centres"]["reach_areas"]["centres_with_a_reach_area"].get<int>(), 5);
}

// The report for the board: its outreach list names an area of every planted cluster, it has
// the equity gradient, a page per centre and the methods; no public file holds a child's id,
// family id, postcode or birth date. With `clusters_named` false the list need not name them.
void expect_report_for_the_board(const std::string& out, const std::string& families,
                                 bool clusters_named = true) {
  const std::string html = testsupport::read_text(out + "/report.html");
  ASSERT_GT(html.size(), 100000u);
  const auto list_begin = html.find("<section id=\"outreach\"");
  ASSERT_NE(list_begin, std::string::npos);
  const std::string list =
      html.substr(list_begin, html.find("</section>", list_begin) - list_begin);
  std::map<std::string, bool> cluster_named;
  {
    CsvReader csv(families + "/planted_clusters.csv");
    CsvRow row;
    while (csv.next(row)) {
      auto& named = cluster_named[std::string(row[0])];
      named = named || list.find("(" + std::string(row[1]) + ")") != std::string::npos;
    }
  }
  for (const auto& [cluster, named] : cluster_named)
    EXPECT_TRUE(named || !clusters_named) << cluster;
  EXPECT_NE(html.find("Reach by deprivation: the equity gradient"), std::string::npos);
  std::size_t pages = 0;
  for (auto p = html.find("<article class=\"centre\""); p != std::string::npos;
       p = html.find("<article class=\"centre\"", p + 1))
    ++pages;
  EXPECT_EQ(pages, read_rows(out + "/centres.csv").size());
  EXPECT_NE(html.find("Every input row accounted for"), std::string::npos);
  EXPECT_NE(html.find("Open Government Licence"), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(out + "/report.pdf"));
  testsupport::PersonalData personal;
  personal.add(families + "/registrations.csv", {"child_id", "family_id"}, "postcode",
               "birth_date");
  const Json m = Json::parse(testsupport::read_text(out + "/manifest.json"));
  personal.allow(m["period"]["from"]);
  personal.allow(m["period"]["to"]);
  ASSERT_GT(personal.size(), 1000u);
  // Every public file: the tables, the GeoPackage, the manifest, the maps, report and workbook.
  std::map<std::string, int> searched;
  const auto hits = testsupport::public_hits(personal, out, &searched);
  EXPECT_TRUE(hits.empty()) << hits.size() << " public files hold personal data, e.g. "
                            << hits.begin()->first << ": '" << hits.begin()->second << "'";
  for (const char* ext : {".csv", ".gpkg", ".json", ".html", ".pdf", ".xlsx", ".svg", ".png"})
    EXPECT_GE(searched[ext], 1) << ext;
}

}  // namespace

TEST(Examples, ManchesterCarriesImdFrom2011AndMatchesTheGroundTruth) {
  REACHMAP_REQUIRE_SHARED_DATA();
  testsupport::TempDir dir("ex-manchester");
  const Json m = run_example("manchester", dir);
  expect_inputs_accounted_for(m);
  const Json& layer = m["layers"]["lsoa21"];
  EXPECT_EQ(layer["areas"], 295);
  EXPECT_EQ(layer["population"]["estimate"], true);
  EXPECT_EQ(layer["population"]["areas_without_population"], 0);
  // Manchester's 295 LSOAs 2021: 263 kept their 2011 code, 30 are parts of split 2011 areas,
  // 2 were formed by merging (ONS change indicators U, S and M).
  const Json& v = layer["deprivation_vintage"];
  EXPECT_EQ(v["areas_from_one_whole_area"], 263);
  EXPECT_EQ(v["areas_from_part_of_an_area"], 30);
  EXPECT_EQ(v["areas_from_several_areas"], 2);
  EXPECT_EQ(v["areas_with_a_source_missing"], 0);

  // Placement is by the NSPL's official code, so every unsuppressed area shows exactly the
  // children the generator registered there.
  const std::string families = dir / "work/families";
  const auto truth = read_rows(families + "/ground_truth.csv");
  std::size_t compared = 0;
  for (const auto& [id, r] : read_rows(dir / "out/indicators_lsoa21.csv")) {
    if (r.at("registered_children").empty()) continue;
    EXPECT_EQ(r.at("registered_children"), truth.at(id).at("registered")) << id;
    ++compared;
  }
  EXPECT_GT(compared, 250u);
  expect_planted_clusters_found(families, dir / "out/indicators_lsoa21.csv");
  expect_rates_on_every_layer(m, dir / "out/indicators_ward.csv", dir / "out/centres.csv");
  expect_ward_names_on(dir / "out/maps/priority_score_lsoa21.pdf", dir / "out/indicators_ward.csv",
                       12);
  expect_report_for_the_board(dir / "out", families);

  // The whole run's analysis against an independent recomputation in R spdep from the run's
  // private table (tests/reference/pipeline_reference.R): every area, every column.
  const auto reference =
      read_rows(std::string(REACHMAP_SOURCE_DIR) + "/tests/reference/pipeline_manchester.csv");
  const auto run = read_rows(dir / "out/private/indicators_lsoa21.csv");
  ASSERT_EQ(reference.size(), 295u);
  std::size_t values = 0;
  for (const auto& [id, ref] : reference)
    for (const auto& [column, expected] : ref) {
      if (column == "area_id") continue;
      const std::string got = run.at(id).at(column);
      ASSERT_FALSE(got.empty()) << id << " " << column << " is blank in the private table";
      const double e = std::stod(expected), g = std::stod(got);
      EXPECT_NEAR(g, e, 1e-9 * std::max(1.0, std::fabs(e))) << id << " " << column;
      ++values;
    }
  EXPECT_EQ(values, 295u * 11);
  const auto global = read_rows(std::string(REACHMAP_SOURCE_DIR) +
                                "/tests/reference/pipeline_manchester_global.csv");
  const auto& g = global.begin()->second;
  // The staff's analysis (of the true counts) is in the private manifest, to 4 significant
  // digits; the public manifest has the public analysis, made from the protected tables.
  const Json staff = Json::parse(testsupport::read_text(dir / "out/private/manifest.json"));
  const Json& an = staff["analysis"]["lsoa21"];
  EXPECT_NEAR(an["moran"]["I"].get<double>(), std::stod(g.at("moran_I")), 5e-4);
  EXPECT_NEAR(an["funnel"]["target"].get<double>(), std::stod(g.at("funnel_target")), 5e-4);
  for (const char* term : {"intercept", "imd_decile", "nearest_centre_km"})
    EXPECT_NEAR(an["expected_reach_regression"]["coefficients"][term].get<double>(),
                std::stod(g.at(term)), 5e-4 * std::fabs(std::stod(g.at(term))))
        << term;
  EXPECT_EQ(an["areas_left_out"], 0);
}

TEST(Examples, BirminghamCarriesCensus2021BackTo2011) {
  REACHMAP_REQUIRE_SHARED_DATA();
  testsupport::TempDir dir("ex-birmingham");
  const Json m = run_example("birmingham", dir);
  expect_inputs_accounted_for(m);
  const Json& layer = m["layers"]["lsoa11"];
  EXPECT_EQ(layer["areas"], 639);
  const Json& v = layer["population"]["vintage"];
  EXPECT_EQ(v["codes_from"], "new (lsoa21cd)");
  EXPECT_EQ(v["areas_from_one_whole_area"], 616);
  EXPECT_EQ(v["areas_from_part_of_an_area"], 2);
  EXPECT_EQ(v["areas_from_several_areas"], 21);
  EXPECT_EQ(layer["population"]["areas_without_population"], 0);
  EXPECT_GT(m["analysis"]["lsoa11"]["moran"]["I"].get<double>(), 0.2);
  expect_planted_clusters_found(dir / "work/families", dir / "out/indicators_lsoa11.csv");
  expect_rates_on_every_layer(m, dir / "out/indicators_ward.csv", dir / "out/centres.csv");
  expect_ward_names_on(dir / "out/maps/priority_score_lsoa11.pdf", dir / "out/indicators_ward.csv",
                       15);
  expect_report_for_the_board(dir / "out", dir / "work/families");
}

// Cardiff: WIMD 2019 on LSOA 2011, MSOAs dissolved from the LSOAs, clinics and libraries beside
// the centres, and a planted language gap: five neighbouring areas where half the families
// speak Welsh and neither of their two nearest centres runs a Welsh-medium session, which the
// rule must flag, first of the areas it flags (the report lists them most demand first). Other
// areas near the same two centres are gaps too, with less demand.
TEST(Examples, CardiffFindsThePlantedLanguageGap) {
  REACHMAP_REQUIRE_SHARED_DATA();
  testsupport::TempDir dir("ex-cardiff");
  const Json m = run_example("cardiff", dir);
  expect_inputs_accounted_for(m);
  EXPECT_EQ(m["layers"]["lsoa11"]["areas"], 214);
  EXPECT_EQ(m["layers"]["msoa11"]["dissolved_from"]["layer"], "lsoa11");
  const std::string families = dir / "work/families";
  std::set<std::string> gap;
  for (const auto& [id, r] : read_rows(families + "/planted_language_gap.csv")) gap.insert(id);
  ASSERT_EQ(gap.size(), 5u);
  const auto staff = read_rows(dir / "out/private/indicators_lsoa11.csv");
  const auto pub = read_rows(dir / "out/indicators_lsoa11.csv");
  std::size_t flagged_elsewhere = 0, public_flags = 0;
  double least_planted = 1e9, most_elsewhere = 0;  // demand
  for (const auto& [id, r] : staff) {
    const bool flagged = r.at("language_gap_cy") == "true";
    const double demand = std::stod(r.at("welsh_speaking_population"));
    if (gap.count(id)) {
      least_planted = std::min(least_planted, demand);
      EXPECT_TRUE(flagged) << id << ": demand " << r.at("welsh_speaking_population") << ", seen "
                           << r.at("seen_in_cy");
      public_flags += pub.at(id).at("language_gap_cy") == "true";
      // A public flag is never wrong: true, or blank where the share is hidden.
      EXPECT_NE(pub.at(id).at("language_gap_cy"), "false") << id;
    } else if (flagged) {
      ++flagged_elsewhere;
      most_elsewhere = std::max(most_elsewhere, demand);
    }
    // Settings: any setting sees at least the headline's children.
    EXPECT_LE(std::stod(r.at("seen_children")), std::stod(r.at("seen_any_setting"))) << id;
  }
  EXPECT_GE(public_flags, 3u);
  EXPECT_LT(most_elsewhere, least_planted);
  EXPECT_LE(flagged_elsewhere, 12u);
  const Json& kinds = m["settings"]["types"];
  ASSERT_EQ(kinds.size(), 4u);
  EXPECT_EQ(kinds[2]["in_headline"], false);
  EXPECT_EQ(m["privacy"]["audit"]["cells_left_unsafe"], 0);
  // The staff find the planted outreach clusters; the public table hides seen in most of them
  // (kinds of setting and MSOAs over 214 LSOAs give the audit many routes: see the notes).
  expect_planted_clusters_found(families, dir / "out/indicators_lsoa11.csv", false);
  expect_report_for_the_board(dir / "out", families, false);
  const std::string html = testsupport::read_text(dir / "out/report.html");
  EXPECT_NE(html.find("Provision in ‘cy’ against demand"), std::string::npos);
  EXPECT_NE(html.find("Which settings see whom"), std::string::npos);
}
