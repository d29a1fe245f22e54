// manifest_json(): what a run reports about itself, from the Analysis of the tiny fixture
// (tests/e2e/tiny_run_test.cpp works out every number) and a RunRecord, disclosure summaries,
// maps and file list made by hand, so that each value can be traced to where it came from.
#include "engine/pipeline/manifest.hpp"
#include "engine/privacy/protect.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/io/sha256.hpp"
#include "engine/report/report.hpp"
#include "tests/support/tiny_analysis.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;
using Json = nlohmann::ordered_json;

namespace {

struct Given {
  RunRecord record;
  std::vector<DisclosureSummary> layers{DisclosureSummary{3, 4, 5, 0}};
  DisclosureSummary centres{2, 1, 1, 0};
  MapsResult maps;
  std::vector<std::pair<std::string, std::string>> files;
  RunOptions options;
  Given() {
    record.timings = {{"load", 1.5}, {"place", 0.25}, {"draw maps", 2.0}};
    record.cpu_timings = {{"load", 2.75}, {"place", 0.5}, {"draw maps", 3.5}};
    record.report_pdf = RunRecord::Pdf::kPrinted;
    maps.files = {"maps/seen_reach_area.png", "maps/seen_reach_area.svg"};
    maps.legends["seen_reach_area"] = {{"0% to 10%", 1}, {"10% to 200%", 2}};
    files = {{"centres.csv", std::string(64, 'a')}, {"report.html", std::string(64, 'b')}};
    options.threads = 2;
  }
};

// The manifest of `a`, with the config it was made from (read again from its file).
Json manifest(const Analysis& a, const Given& g) {
  const Config config = load_config(a.settings.config_file);
  const PublicTables pub = protect(a);
  return Json::parse(manifest_json(config, a, g.record, g.layers, g.centres, pub.statistics, g.maps,
                                   g.files, g.options));
}

// The inputs of a manifest by role.
std::map<std::string, Json> inputs_by_role(const Json& m) {
  std::map<std::string, Json> out;
  for (const auto& i : m["inputs"]) out[i["role"].get<std::string>()] = i;
  return out;
}

class Manifest : public SharedTinyAnalysis<Manifest> {
 public:
  static constexpr const char* kFolder = "manifest";
  static Analysis make_tiny(const TempDir& dir) { return tiny_analysis(dir); }
};

}  // namespace

TEST_F(Manifest, SaysWhereEveryRowOfEachInputWent) {
  const Json m = manifest(tiny(), Given());
  std::vector<std::string> roles;
  for (const auto& i : m["inputs"]) roles.push_back(i["role"]);
  EXPECT_EQ(roles, (std::vector<std::string>{"postcodes", "registrations", "attendance",
                                             "boundaries:area", "population"}));
  auto in = inputs_by_role(m);
  const Json& reg = in["registrations"];
  const RegistrationsSource source = load_config(tiny().settings.config_file).registrations;
  EXPECT_EQ(reg["path"], source.display);
  EXPECT_EQ(reg["sha256"], sha256_file(source.path, "registrations"));
  EXPECT_EQ(reg["rows"], 20);
  EXPECT_EQ(reg["used"], 10);
  EXPECT_EQ(reg["not_counted"], (Json{{"aged 5 or over at the period end", 1},
                                      {"born after the period end", 1},
                                      {"registered after the period end", 1}}));
  EXPECT_EQ(reg["rejected"]["duplicate child_id"], 1);
  std::size_t rejected = 0;
  for (const auto& [reason, n] : reg["rejected"].items()) rejected += n.get<std::size_t>();
  EXPECT_EQ(rejected, 7u);
  EXPECT_EQ(reg["rows_accounted_for"], true);
  const Json& att = in["attendance"];
  EXPECT_EQ(att["rows"], 18);
  EXPECT_EQ(att["rejected"]["unknown child"], 1);
  EXPECT_EQ(att["rejected"]["child registration rejected"], 1);
  EXPECT_EQ(in["population"]["rows"], 5);
  EXPECT_EQ(in["postcodes"]["rows"], 9);
  // The boundaries are no CSV: hashed, with no rows to account for.
  EXPECT_EQ(in["boundaries:area"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_FALSE(in["boundaries:area"].contains("rows"));

  EXPECT_EQ(m["children"]["counted"], 10);
  EXPECT_EQ(m["children"]["at_terminated_postcodes"], 1);
  EXPECT_EQ(m["contacts"], (Json{{"distinct", 10}, {"duplicate_rows_collapsed", 1}}));
  const Json& layer = m["layers"]["area"];
  EXPECT_EQ(layer["areas"], 4);
  EXPECT_EQ(layer["children_outside"], 2);
  EXPECT_EQ(layer["children_placed"], 8);
  EXPECT_EQ(layer["placement"], "point in polygon");
  EXPECT_EQ(layer["population"]["areas_without_population"], 1);
  EXPECT_EQ(layer["population"]["codes_not_in_layer"], 1);
  EXPECT_EQ(m["analysis"]["area"]["computed"], false);
}

// The run hashes its inputs once, on a thread of its own, into the record: the manifest takes
// each input's digest from there, and hashes only an input the record lacks.
TEST_F(Manifest, TakesTheInputsDigestsFromTheRecord) {
  const Config config = load_config(tiny().settings.config_file);
  const auto digests = input_digests(config);
  ASSERT_EQ(digests.size(), input_files(config).size());
  for (const InputFile& in : input_files(config))
    EXPECT_EQ(digests.at(in.path).sha256, sha256_file(in.path, in.display)) << in.role;
  Given g;
  g.record.input_digests = digests;
  g.record.input_digests[config.attendance.path].sha256 = std::string(64, 'f');  // as if changed
  g.record.input_digests.erase(config.postcodes.path);
  auto in = inputs_by_role(manifest(tiny(), g));
  EXPECT_EQ(in["attendance"]["sha256"], std::string(64, 'f'));
  EXPECT_EQ(in["registrations"]["sha256"], digests.at(config.registrations.path).sha256);
  EXPECT_EQ(in["postcodes"]["sha256"], digests.at(config.postcodes.path).sha256);  // hashed there
}

TEST_F(Manifest, ReportsTheDisclosureSummariesMapsAndFilesItIsGiven) {
  Given g;
  g.record.outreach_sheets = 7;
  const Json m = manifest(tiny(), g);
  EXPECT_EQ(m["layers"]["area"]["rows_suppressed"], 3);
  EXPECT_EQ(m["layers"]["area"]["disclosure"],
            (Json{{"primary_cells", 4}, {"secondary_cells", 5}, {"rounded_cells", 0}}));
  EXPECT_EQ(m["centres"]["rows_suppressed"], 2);
  EXPECT_EQ(m["maps"], (Json{"maps/seen_reach_area.png", "maps/seen_reach_area.svg"}));
  EXPECT_EQ(m["map_legends"]["seen_reach_area"], (Json{{{"label", "0% to 10%"}, {"areas", 1}},
                                                       {{"label", "10% to 200%"}, {"areas", 2}}}));
  EXPECT_EQ(m["outputs"], (Json{{{"path", "centres.csv"}, {"sha256", std::string(64, 'a')}},
                                {{"path", "report.html"}, {"sha256", std::string(64, 'b')}}}));
  EXPECT_FALSE(m.contains("outreach_pack")) << "the private pack is in private/manifest.json";
  EXPECT_FALSE(m.contains("timings_seconds"));
  EXPECT_FALSE(m.contains("cpu_seconds"));
  EXPECT_EQ(m["privacy"], (Json{{"rule", "suppress"},
                                {"disclosure_control", "off"},
                                {"min_count", 0},
                                {"secondary_suppression", false}}));
}

// private/manifest.json: the private files, the outreach pack and the timings, for staff.
Json private_manifest(const Given& g, const Analysis& a) {
  return Json::parse(private_manifest_json(a, g.record, g.files, g.options));
}

TEST_F(Manifest, ThePrivateManifestHoldsThePrivateFilesThePackAndTheTimings) {
  Given g;
  g.record.outreach_sheets = 7;
  g.files = {{"centres.csv", std::string(64, 'c')}};  // within private/
  const Json m = private_manifest(g, tiny());
  EXPECT_EQ(m["outputs"], (Json{{{"path", "centres.csv"}, {"sha256", std::string(64, 'c')}}}));
  EXPECT_TRUE(m["analysis"]["area"].contains("computed"));
  EXPECT_EQ(m["outreach_pack"], (Json{{"sheets", 7}, {"folder", "private/outreach"}}));
  EXPECT_EQ(m["threads"], 2);
  // Reach area sheets left out: said only when there were some.
  g.record.outreach_reach_areas_left_out = 200;
  EXPECT_EQ(private_manifest(g, tiny())["outreach_pack"]["reach_area_sheets_left_out"],
            "the 200 centres' reach areas: more than 150; run each local authority on its own "
            "for their sheets");
}

// What the next run into the folder checks its inputs against: read back as it was recorded.
TEST_F(Manifest, ThePrivateManifestRecordsTheInputsDigestsForTheNextRun) {
  TempDir dir("manifest-digests");
  Given g;
  InputDigest d;
  d.sha256 = std::string(64, 'd');
  d.file = {11, 12, 13, -14, 15};
  d.hashed_at_ns = 1'700'000'000'123'456'789;
  d.reused = true;
  g.record.input_digests = {{"/data/attendance.csv", d}};
  write_text(dir / "manifest.json", private_manifest_json(tiny(), g.record, g.files, g.options));
  const InputDigestMap read = recorded_digests(dir / "manifest.json");
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read.at("/data/attendance.csv").sha256, d.sha256);
  EXPECT_EQ(read.at("/data/attendance.csv").file, d.file);
  EXPECT_EQ(read.at("/data/attendance.csv").hashed_at_ns, d.hashed_at_ns);
  EXPECT_EQ(private_manifest(g, tiny())["input_digests"][0]["reused"], true);
}

TEST_F(Manifest, TimingsAreTheRunRecordsInRunOrder) {
  const Json m = private_manifest(Given(), tiny());
  for (const auto& [key, want] :
       {std::pair{"timings_seconds",
                  std::vector<std::pair<std::string, double>>{
                      {"load", 1.5}, {"place", 0.25}, {"draw maps", 2.0}}},
        std::pair{"cpu_seconds", std::vector<std::pair<std::string, double>>{
                                     {"load", 2.75}, {"place", 0.5}, {"draw maps", 3.5}}}}) {
    std::vector<std::pair<std::string, double>> got;
    for (const auto& [stage, seconds] : m[key].items())
      got.emplace_back(stage, seconds.get<double>());
    EXPECT_EQ(got, want) << key;
  }
}

TEST_F(Manifest, SaysWhetherReportPdfWasPrintedAndWhyNot) {
  Given g;
  EXPECT_EQ(manifest(tiny(), g)["report"]["pdf"], "report.pdf");
  g.record.report_pdf = RunRecord::Pdf::kNotAsked;
  EXPECT_EQ(manifest(tiny(), g)["report"]["pdf"], "not printed ([report] pdf = false)");
  g.record.report_pdf = RunRecord::Pdf::kFailed;
  g.record.pdf_note = "no Chromium found";
  EXPECT_EQ(manifest(tiny(), g)["report"]["pdf"], "not printed: no Chromium found");
  EXPECT_EQ(manifest(tiny(), g)["report"]["html"], "report.html");
}

TEST_F(Manifest, TheThreadCountIsInItsOwnKeyOnly) {
  Given one, four;
  one.options.threads = 1;
  four.options.threads = 4;
  Json a = manifest(tiny(), one), b = manifest(tiny(), four);
  EXPECT_EQ(a["threads"], 1);
  EXPECT_EQ(b["threads"], 4);
  a.erase("threads");
  b.erase("threads");
  EXPECT_EQ(a, b) << "nothing else in the manifest may depend on the thread count";
}

TEST_F(Manifest, SmallCountsOfChildrenAreGivenAsBands) {
  Analysis a = tiny();
  a.settings.privacy.min_count = 3;
  const Json m = manifest(a, Given());
  EXPECT_EQ(m["children"]["counted"], 10);
  EXPECT_EQ(m["children"]["at_terminated_postcodes"], "0-2");
  // 2 outside is small, so the 8 placed would give it back (10 - 8).
  EXPECT_EQ(m["layers"]["area"]["children_outside"], "0-2");
  EXPECT_EQ(m["layers"]["area"]["children_placed"], "not published (children outside is small)");
  EXPECT_EQ(m["privacy"]["disclosure_control"], "on");
  EXPECT_EQ(m["privacy"]["secondary_suppression"], true);
}

// The report reads the manifest as the run stands before manifest.json is written; its pages
// must be the same at any thread count and whatever the timings, so it uses neither.
TEST(ManifestInTheReport, TheReportIsTheSameWhateverTheThreadsAndTimings) {
  TempDir dir("manifest-report");
  Config config = load_config(write_tiny_config(dir, 0, "[report]\npdf = false\n"));
  RunOptions options;
  options.out_dir = dir / "out";
  RunRecord record;
  const Analysis a = analyse(config, options, record);
  OutputSet set = open_output_set(config, options);
  InputDigests digests(config);
  const std::string out = write_outputs(config, a, options, set, record, digests);
  ASSERT_TRUE(std::filesystem::exists(out + "/report.html"));
  const auto report_with = [&](int threads, double seconds) {
    Given g;
    g.options.threads = threads;
    g.record.timings = {{"load", seconds}, {"write report", seconds * 3}};
    const std::string m = manifest_json(config, a, g.record, g.layers, g.centres,
                                        protect(a).statistics, g.maps, g.files, g.options);
    ReportOptions ro;
    ro.pdf = false;
    write_report(out, ro, &m);
    return read_text(out + "/report.html");
  };
  const std::string one = report_with(1, 0.5);
  ASSERT_GT(one.size(), 1000u);
  EXPECT_EQ(one, report_with(7, 123.25));
}
