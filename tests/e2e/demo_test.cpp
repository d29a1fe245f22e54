// The embedded demo: reproducible from its generator, found by the engine (the planted
// cluster), and the same bytes out at any thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/core/number_format.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/protect.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;

namespace {
const std::string kSource = REACHMAP_SOURCE_DIR;
const std::string kDemoConfig = kSource + "/data/demo/reachmap.toml";
}  // namespace

TEST(Demo, GeneratorReproducesTheCommittedFilesByteForByte) {
  TempDir dir("demogen");
  const auto r =
      run_command(std::string(REACHMAP_MAKE_DEMO) + " " + (dir / "data") + " " + (dir / "shapes"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "data")) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(read_text(entry.path().string()), read_text(kSource + "/data/demo/" + name)) << name;
    ++compared;
  }
  EXPECT_EQ(compared, 11u);
  for (const char* shapes : {"northby.gpkg", "northby_context.gpkg"})
    EXPECT_EQ(read_text(dir / (std::string("shapes/") + shapes)),
              read_text(kSource + "/shapes/demo/" + shapes))
        << shapes;
}

TEST(Demo, PlantedClusterIsAmongTheLowestSeenReach) {
  RunRecord record;
  const Analysis a = analyse(load_config(kDemoConfig), RunOptions{}, record);
  const Table& t = a.layers.at(0).indicators;  // neighbourhoods, before disclosure control
  const int id = t.column("area_id"), reach = t.column("seen_reach");
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& row : t.rows)
    if (const auto* v = std::get_if<double>(&row[reach]))
      ranked.emplace_back(*v, std::get<std::string>(row[id]));
  std::sort(ranked.begin(), ranked.end());
  ASSERT_GE(ranked.size(), 140u);
  std::set<std::string> lowest;
  for (std::size_t i = 0; i < ranked.size() / 10; ++i) lowest.insert(ranked[i].second);
  CsvReader planted(kSource + "/data/demo/planted_cluster.csv");
  CsvRow row;
  int n = 0;
  while (planted.next(row)) {
    ++n;
    EXPECT_TRUE(lowest.count(std::string(row[0]))) << row[0] << " is not in the lowest 10%";
  }
  EXPECT_EQ(n, 6);
}

TEST(Demo, AnalyseSaysOnceThatItsInputsAreRead) {
  RunRecord record;
  RunOptions options;
  int inputs_read = 0;  // where the report's browser starts: once, in every run
  options.inputs_read = [&] { ++inputs_read; };
  const Analysis a = analyse(load_config(kDemoConfig), options, record);
  EXPECT_EQ(inputs_read, 1);
  EXPECT_FALSE(a.registrations.children.empty());
}

TEST(Demo, SameBytesAtOneAndTwoThreads) {
  TempDir dir("demothreads");
  for (const char* threads : {"1", "2"}) {
    const auto r = run_command(std::string(REACHMAP_CLI) + " demo -q --threads " + threads +
                               " --out " + (dir / threads));
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "1")) {
    if (!entry.is_regular_file()) continue;
    const auto rel = std::filesystem::relative(entry.path(), dir / "1").string();
    std::string a = read_text(entry.path().string()), b = read_text(dir / ("2/" + rel));
    if (rel == "manifest.json" || rel == "private/manifest.json") {  // threads, timings may differ
      auto ja = nlohmann::json::parse(a), jb = nlohmann::json::parse(b);
      for (auto* j : {&ja, &jb})  // and when the inputs were hashed
        j->erase("threads"), j->erase("timings_seconds"), j->erase("cpu_seconds"),
            j->erase("input_digests");
      a = ja.dump();
      b = jb.dump();
    }
    EXPECT_EQ(a, b) << rel;
    ++compared;
  }
  EXPECT_GE(compared, 7u);
}

// With every layer's index file (`reachmap index CONFIG`) the run reads no boundary layer, and
// writes the same bytes; a layer changed since is noticed and its file written again.
TEST(Demo, SameBytesWithTheLayersIndexFiles) {
  TempDir dir("demoindex");
  namespace fs = std::filesystem;
  for (const char* folder : {"data/demo", "shapes/demo"}) {
    fs::create_directories(dir / folder);
    fs::copy(kSource + "/" + folder, dir / folder, fs::copy_options::recursive);
  }
  const std::string config = dir / "data/demo/reachmap.toml";
  const std::string cli = REACHMAP_CLI;
  auto run = [&](const std::string& out) {
    const auto r = run_command(cli + " run " + config + " --out " + (dir / out));
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  };
  const std::string read = run("read");
  EXPECT_EQ(read.find("index file"), std::string::npos) << read;

  const auto indexed = run_command(cli + " index " + config);
  ASSERT_EQ(indexed.exit_code, 0) << indexed.output;
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir / "shapes/demo"))
    files += e.path().string().ends_with(".reachmap-index");
  EXPECT_EQ(files, 2u) << indexed.output;  // neighbourhood and ward, both in northby.gpkg

  const std::string mapped = run("mapped");
  std::size_t used = 0;
  for (std::size_t at = 0; (at = mapped.find("(memory-mapped", at)) != std::string::npos; ++at)
    ++used;
  EXPECT_EQ(used, 2u) << mapped;  // the summary's two layers
  std::size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir / "read")) {
    if (!entry.is_regular_file()) continue;
    const auto rel = fs::relative(entry.path(), dir / "read").string();
    std::string a = read_text(entry.path().string()), b = read_text(dir / ("mapped/" + rel));
    if (rel == "private/manifest.json") {  // timings differ, and when the inputs were hashed
      auto ja = nlohmann::json::parse(a), jb = nlohmann::json::parse(b);
      for (auto* j : {&ja, &jb})
        j->erase("timings_seconds"), j->erase("cpu_seconds"), j->erase("input_digests");
      a = ja.dump();
      b = jb.dump();
    }
    EXPECT_EQ(a, b) << rel;
    ++compared;
  }
  EXPECT_GE(compared, 20u);

  // The layer file touched (a byte of its free space would do; a copy of itself is simplest:
  // same features, new bytes) makes every index file of it stale.
  {
    std::ofstream f(dir / "shapes/demo/northby.gpkg", std::ios::app | std::ios::binary);
    f << std::string(4096, '\0');  // a page of nothing at the end: same features, new bytes
  }
  const std::string stale = run("stale");
  EXPECT_NE(stale.find("was stale"), std::string::npos) << stale;
}

TEST(Demo, EveryLayerAndTheCentresHaveAQgisStyle) {
  TempDir dir("demostyles");
  ASSERT_EQ(run_command(std::string(REACHMAP_CLI) + " demo -q --out " + dir.path()).exit_code, 0);
  const auto r = run_command("ogrinfo -ro -al -q " + (dir / "reachmap.gpkg") + " layer_styles");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* layer : {"neighbourhood", "ward", "centres"})
    EXPECT_NE(r.output.find(std::string("f_table_name (String) = ") + layer), std::string::npos)
        << layer;
  // Every column has the type of what it holds.
  const auto types = run_command("ogrinfo -ro -so " + (dir / "reachmap.gpkg") + " neighbourhood");
  for (const char* field :
       {"lisa_cluster: String", "funnel_flag: String", "seen_children_band: String",
        "priority_rank: Integer64", "unreached_children: Integer64", "seen_children: Integer64",
        "seen_reach: Real", "suppressed: Integer(Boolean)"})
    EXPECT_NE(types.output.find(field), std::string::npos) << field << "\n" << types.output;
  for (const char* f :
       {"maps/seen_reach_neighbourhood.pdf", "maps/unreached_children_neighbourhood.svg",
        "maps/seen_reach_ward.png", "private/maps/families_ward.png",
        "private/maps/seen_reach_neighbourhood.png"})
    EXPECT_TRUE(std::filesystem::exists(dir / f)) << f;
}

// The planted estate is where outreach must go first: every one of its six areas is in the top
// ten of the public outreach list, including the two where fewer than 5 children are seen, and
// none is missing from any statistic (in the staff's private table).
TEST(Demo, PlantedAreasLeadTheOutreachListAndNoneIsLeftOut) {
  TempDir dir("demostats");
  const auto run = run_command(std::string(REACHMAP_CLI) + " demo --out " + dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  CsvReader planted(kSource + "/data/demo/planted_cluster.csv");
  std::set<std::string> ids;
  CsvRow row;
  while (planted.next(row)) ids.emplace(row[0]);
  ASSERT_EQ(ids.size(), 6u);
  std::size_t suppressed_planted = 0;
  for (const char* table :
       {"indicators_neighbourhood.csv", "private/indicators_neighbourhood.csv"}) {
    CsvReader ind(dir / table);
    const int id = ind.find_column("area_id"), rank = ind.find_column("priority_rank");
    const int flag = ind.find_column("suppressed"), funnel = ind.find_column("funnel_flag");
    ASSERT_GE(rank, 0);
    std::size_t found = 0;
    while (ind.next(row)) {
      const std::string area(row[std::size_t(id)]);
      if (!ids.count(area)) continue;
      ++found;
      const auto r = parse_int(row[std::size_t(rank)]);
      ASSERT_TRUE(r) << table << " " << area << " has no rank";
      EXPECT_LE(*r, 10) << table << " " << area;
      EXPECT_EQ(row[std::size_t(funnel)].substr(0, 5), "below") << table << " " << area;
      if (std::string(table).find("private") == 0) {
        for (const char* c :
             {"seen_reach_eb", "seen_reach_eb_local", "funnel_z", "lisa_i", "lisa_p", "gistar_z",
              "expected_seen_reach", "reach_shortfall", "priority_score"})
          EXPECT_FALSE(row[std::size_t(ind.find_column(c))].empty()) << area << " " << c;
      } else {
        suppressed_planted += row[std::size_t(flag)] == "true";
      }
    }
    EXPECT_EQ(found, 6u);
  }
  EXPECT_GE(suppressed_planted, 2u) << "NBY043 and NBY046 have fewer than 5 seen";
  // The summary names them first.
  EXPECT_NE(run.output.find("outreach first: 1. "), std::string::npos) << run.output;
  // The priority map numbers them and lists them beside it by name (PDF text, spaces dropped:
  // pdftotext spaces glyphs unevenly): the six planted areas among the ten listed.
  const auto pdf =
      run_command("pdftotext " + (dir / "maps/priority_score_neighbourhood.pdf") + " -");
  std::string text;
  for (char ch : pdf.output)
    if (ch != ' ') text += ch;
  EXPECT_NE(text.find("Outreachfirst(numberedonthemap)"), std::string::npos) << pdf.output;
  std::size_t listed = 0;
  for (int n = 1; n <= 10; ++n) {
    const std::string entry = "\n" + std::to_string(n) + ".Northby";
    const auto at = text.find(entry);
    ASSERT_NE(at, std::string::npos) << n << "\n" << pdf.output;
    const std::string id = "NBY" + text.substr(at + entry.size(), 3);
    listed += ids.count(id);
  }
  EXPECT_EQ(listed, 6u) << pdf.output;
  // Where the reader is: the wards named over their outlines, the streets along them.
  std::string words;  // rotated street names come out a line per few letters
  for (char ch : text)
    if (!std::isspace(static_cast<unsigned char>(ch))) words += ch;
  for (const char* name : {"Fenside", "Westcliff", "wardboundariesandnames"})
    EXPECT_NE(words.find(name), std::string::npos) << name << "\n" << pdf.output;
  std::size_t streets = 0;
  for (const char* kind : {"Road", "Street", "Avenue", "Grove", "Close", "Way", "Drive", "Lane"})
    for (auto at = words.find(kind); at != std::string::npos; at = words.find(kind, at + 1))
      ++streets;
  EXPECT_GE(streets, 15u) << "street names along the roads\n" << pdf.output;
  const auto m = nlohmann::json::parse(read_text(dir / "manifest.json"));
  // The staff's analysis has every area; the public one leaves out only the areas whose seen
  // count is hidden with no band (nothing public says what it is). A count hidden to protect
  // another gets the range the published figures leave it, so on the demo none is left out.
  const auto staff = nlohmann::json::parse(read_text(dir / "private/manifest.json"));
  EXPECT_EQ(staff["analysis"]["neighbourhood"]["areas_left_out"], 0);
  EXPECT_EQ(staff["analysis"]["neighbourhood"]["areas_analysed"], 150);
  const auto& an = m["analysis"]["neighbourhood"];
  std::size_t unbanded = 0;
  CsvReader table(dir / "indicators_neighbourhood.csv");
  const int seen = table.find_column("seen_children"),
            band = table.find_column("seen_children_band");
  ASSERT_TRUE(seen >= 0 && band >= 0);
  for (CsvRow row; table.next(row);)
    unbanded += row[std::size_t(seen)].empty() && row[std::size_t(band)].empty();
  EXPECT_EQ(unbanded, 0u);
  EXPECT_EQ(an["areas_left_out"], unbanded);
  EXPECT_EQ(an["areas_analysed"], 150 - unbanded);
  for (const char* key : {"I", "expected", "variance", "z", "p_sim"})
    EXPECT_TRUE(an["moran"].contains(key)) << key;
  EXPECT_EQ(an["variable"], "seen_reach_eb");
  EXPECT_EQ(an["seed"], 20250401);
  EXPECT_NE(an["priority"].get<std::string>().find("gap"), std::string::npos);
  // Wards get rates too: their population is carried from the neighbourhoods, as an estimate.
  EXPECT_EQ(m["layers"]["ward"]["population"]["carried_from"], "neighbourhood");
  EXPECT_EQ(m["layers"]["ward"]["population"]["estimate"], true);
  EXPECT_TRUE(m["analysis"]["ward"]["computed"].get<bool>());
}

// Reach areas drawn as polygons: here four of the wards, renamed CC1 to CC4. Each centre's
// reach-area figures must then be those of its ward (population carried the same way, children
// placed the same way).
TEST(Demo, PolygonReachAreasGiveTheFiguresOfTheirArea) {
  TempDir dir("demoreach");
  const auto made = write_ward_reach_polygons(dir / "reach.gpkg");
  ASSERT_EQ(made.exit_code, 0) << made.output;
  write_text(dir / "reach.toml", with_reach_polygons(with_absolute_paths(read_text(kDemoConfig),
                                                                         kSource + "/data/demo"),
                                                     dir / "reach.gpkg"));
  const auto r = run_command(std::string(REACHMAP_CLI) + " run " + (dir / "reach.toml") +
                             " -q --out " + (dir / "out"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  CsvReader wards(dir / "out/private/indicators_ward.csv");
  std::map<std::string, std::pair<std::string, std::string>> ward;  // CCn -> population, registered
  CsvRow row;
  while (wards.next(row))
    ward["CC" + std::string(row[0]).substr(5)] = {
        std::string(row[std::size_t(wards.find_column("under5_population"))]),
        std::string(row[std::size_t(wards.find_column("registered_children"))])};
  CsvReader centres(dir / "out/private/centres.csv");
  const int pop = centres.find_column("reach_area_under5_population"),
            reg = centres.find_column("reach_area_registered");
  ASSERT_GE(pop, 0);
  std::size_t compared = 0;
  while (centres.next(row)) {
    if (std::string(row[0]) == "HC1") continue;  // the health centre: no reach area
    const auto& w = ward.at(std::string(row[0]));
    EXPECT_NEAR(*parse_double(row[std::size_t(pop)]), *parse_double(w.first), 1e-6) << row[0];
    EXPECT_EQ(std::string(row[std::size_t(reg)]), w.second) << row[0];
    ++compared;
  }
  EXPECT_EQ(compared, 4u);
  const auto m = nlohmann::json::parse(read_text(dir / "out/manifest.json"));
  EXPECT_NE(m["centres"]["reach_areas"]["population"].get<std::string>().find("neighbourhood"),
            std::string::npos);
}

// The GeoPackage layers carry the public tables exactly: every column of the CSV, every row,
// the same values, and a hidden count is NULL there as it is blank in the CSV.
TEST(Demo, GeoPackageLayersHoldThePublicTables) {
  TempDir dir("demogpkg");
  ASSERT_EQ(run_command(std::string(REACHMAP_CLI) + " demo -q --out " + dir.path()).exit_code, 0);
  std::size_t hidden_seen = 0;
  for (const std::string layer : {"neighbourhood", "ward", "centres"}) {
    const std::string csv_path =
        dir / (layer == "centres" ? "centres.csv" : "indicators_" + layer + ".csv");
    const std::string exported = dir / ("gpkg_" + layer + ".csv");
    const auto r =
        run_command("ogr2ogr -f CSV " + exported + " " + (dir / "reachmap.gpkg") + " " + layer);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    CsvReader table(csv_path), gpkg(exported);
    for (const auto& column : table.header())
      EXPECT_GE(gpkg.find_column(column), 0) << layer << " lacks " << column;
    CsvRow a, b;
    std::size_t rows = 0;
    while (table.next(a)) {
      ASSERT_TRUE(gpkg.next(b)) << layer << ": fewer rows in the GeoPackage";
      ++rows;
      for (std::size_t c = 0; c < table.header().size(); ++c) {
        const std::string& name = table.header()[c];
        const std::string want(a[c]), got(b[static_cast<std::size_t>(gpkg.find_column(name))]);
        if (name == "seen_children" && want.empty()) ++hidden_seen;
        if (want == "true" || want == "false") {
          EXPECT_EQ(got, want == "true" ? "1" : "0") << layer << " " << name;
        } else if (auto x = parse_double(want); x && !want.empty()) {
          auto y = parse_double(got);
          ASSERT_TRUE(y.has_value()) << layer << " " << name << ": '" << got << "'";
          EXPECT_NEAR(*y, *x, 1e-12 * std::max(1.0, std::fabs(*x))) << layer << " " << name;
        } else {
          EXPECT_EQ(got, want) << layer << " " << name;  // text, or NULL where blank
        }
      }
    }
    EXPECT_FALSE(gpkg.next(b)) << layer << ": more rows in the GeoPackage";
    EXPECT_GT(rows, 3u) << layer;
  }
  EXPECT_GT(hidden_seen, 0u);  // the demo has hidden counts, so NULLs were compared
}

// Children known to health but not registered: counted per area on every area's true counts
// (private), published under disclosure control (public), and matched in the two documented ways.
TEST(Demo, KnownChildrenNotRegisteredArePublishedPerAreaUnderDisclosureControl) {
  TempDir dir("demoknown");
  const auto run = run_command(std::string(REACHMAP_CLI) + " demo --out " + dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto m = nlohmann::json::parse(read_text(dir / "manifest.json"));
  const auto& k = m["known_children"];
  const long counted = k["counted"].get<long>();
  EXPECT_GT(counted, 4000);
  EXPECT_GT(k["matched_by_id"].get<long>(), 1000);
  EXPECT_GT(k["matched_by_postcode_and_birth_month"].get<long>(), 100);
  EXPECT_EQ(k["matched_by_id"].get<long>() + k["matched_by_postcode_and_birth_month"].get<long>() +
                k["not_registered"].get<long>(),
            counted);
  bool accounted = false;
  for (const auto& input : m["inputs"])
    if (input["path"] == "known_children.csv") accounted = input["rows_accounted_for"].get<bool>();
  EXPECT_TRUE(accounted) << m["inputs"].dump(2);

  CsvReader planted(kSource + "/data/demo/planted_cluster.csv");
  std::set<std::string> ids;
  CsvRow row;
  while (planted.next(row)) ids.emplace(row[0]);
  const auto number = [](std::string_view s) {
    return s.empty() ? -1.0 : std::stod(std::string(s));
  };
  {  // private: every area's true counts add up
    CsvReader t(dir / "private/indicators_neighbourhood.csv");
    const int all = t.find_column("known_children"), reg = t.find_column("known_registered"),
              no = t.find_column("known_not_registered"), reach = t.find_column("seen_reach_known"),
              id = t.find_column("area_id");
    ASSERT_GE(reach, 0);
    double total = 0, planted_reach = 0, other_reach = 0, n_other = 0;
    while (t.next(row)) {
      const double a = number(row[std::size_t(all)]);
      EXPECT_EQ(a, number(row[std::size_t(reg)]) + number(row[std::size_t(no)]));
      total += a;
      const double r = number(row[std::size_t(reach)]);
      if (ids.count(std::string(row[std::size_t(id)])))
        planted_reach = std::max(planted_reach, r);
      else if (r >= 0)
        other_reach += r, ++n_other;
    }
    EXPECT_EQ(total, counted);
    EXPECT_LT(planted_reach, other_reach / n_other)
        << "the planted estate's children known to health are seen less than elsewhere";
  }
  {  // public: no count from 1 to 4; a hidden small count has its band 0-4 (one hidden to
     // protect another may have none: it can be any number)
    CsvReader t(dir / "indicators_neighbourhood.csv");
    const int no = t.find_column("known_not_registered"),
              band = t.find_column("known_not_registered_band");
    std::size_t banded = 0;
    while (t.next(row)) {
      const double v = number(row[std::size_t(no)]);
      EXPECT_TRUE(v == -1 || v == 0 || v >= 5) << v;
      if (v == -1 && !row[std::size_t(band)].empty()) ++banded;
    }
    EXPECT_GT(banded, 0u);
  }
}

// The locality layer is dissolved from the neighbourhoods by localities.csv: each locality's
// population is the sum of its neighbourhoods' (each lies wholly inside it), its children are
// theirs but for the few whose postcode's point and code disagree, and its outline is the
// union's (its area the sum of theirs).
TEST(Demo, LocalitiesDissolvedFromNeighbourhoodsSumThem) {
  TempDir dir("demolocal");
  std::string text = read_text(kDemoConfig);
  text = with_absolute_paths(text, kSource + "/data/demo");
  ASSERT_NE(text.find("name = \"locality\""), std::string::npos);  // the demo config has it
  write_text(dir / "local.toml", text);
  RunRecord record;
  const Analysis a = analyse(load_config(dir / "local.toml"), RunOptions{}, record);
  const auto layer = [&](const std::string& name) -> const LayerResult& {
    for (const auto& l : a.layers)
      if (l.boundary.name == name) return l;
    throw std::runtime_error("no layer " + name);
  };
  const LayerResult& small = layer("neighbourhood");
  const LayerResult& big = layer("locality");
  ASSERT_EQ(big.boundary.areas.size(), 3u);
  std::map<std::string, std::string> locality_of;
  CsvReader lookup(kSource + "/data/demo/localities.csv");
  CsvRow row;
  while (lookup.next(row)) locality_of[std::string(row[0])] = std::string(row[1]);
  ASSERT_EQ(locality_of.size(), small.boundary.areas.size());
  std::map<std::string, double> population, registered, area;
  const auto ring_area = [](const std::vector<Ring>& rings) {
    double s = 0;
    for (const Ring& r : rings)
      for (std::size_t i = 0; i + 1 < r.size(); ++i) s += r[i].x * r[i + 1].y - r[i + 1].x * r[i].y;
    return std::abs(s) / 2;  // shells and holes wound opposite ways
  };
  const Table& t = small.indicators;
  const int pop = t.column("under5_population"), reg = t.column("registered_children");
  for (std::size_t i = 0; i < small.boundary.areas.size(); ++i) {
    const std::string& l = locality_of.at(small.boundary.areas[i].id);
    population[l] += std::get<double>(t.rows[i][std::size_t(pop)]);
    registered[l] += double(std::get<std::int64_t>(t.rows[i][std::size_t(reg)]));
    area[l] += ring_area(wkb_rings(small.boundary.areas[i].wkb));
  }
  const Table& u = big.indicators;
  double moved = 0;
  for (std::size_t i = 0; i < big.boundary.areas.size(); ++i) {
    const std::string& id = big.boundary.areas[i].id;
    SCOPED_TRACE(id);
    EXPECT_NEAR(std::get<double>(u.rows[i][std::size_t(u.column("under5_population"))]),
                population.at(id), 1e-6);
    moved += std::abs(
        double(std::get<std::int64_t>(u.rows[i][std::size_t(u.column("registered_children"))])) -
        registered.at(id));
    EXPECT_NEAR(ring_area(wkb_rings(big.boundary.areas[i].wkb)), area.at(id), 1e-6 * area.at(id));
  }
  EXPECT_LE(moved, 10);  // code and geometry disagree for 5 of 2,624 children
}

// The groups table is published from its protected counts: a row with a hidden count is marked
// and has no ratio, and no group's decile count is its row for all areas less the other
// deciles' (every demo area has a decile, so a lone hidden one of eleven would give it back).
TEST(Demo, TheGroupsTableHidesNoDecileThatTheOthersGiveBack) {
  RunRecord record;
  const Analysis a = analyse(load_config(kDemoConfig), RunOptions{}, record);
  const PublicTables p = protect(a);
  const Table& g = p.groups.at(0);  // neighbourhoods
  ASSERT_EQ(g.rows.size(), 22u);    // two groups: all areas and ten deciles each
  const int flag = g.column(Col::kSuppressed), ratio = g.column(Col::kSeenReachRatio);
  std::size_t hidden = 0;
  for (const auto& row : g.rows) {
    bool blank = false;
    for (std::size_t c = 0; c < g.columns.size(); ++c)
      blank |= is_count_kind(g.columns[c].kind) && std::holds_alternative<std::monostate>(row[c]);
    hidden += blank;
    EXPECT_EQ(std::get<bool>(row[std::size_t(flag)]), blank);
    if (blank) {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(row[std::size_t(ratio)]));
    }
  }
  EXPECT_GT(hidden, 2u) << "the demo must have hidden group counts to test";
  for (std::size_t first : {0u, 11u})
    for (std::size_t c = 0; c < g.columns.size(); ++c) {
      if (!is_count_kind(g.columns[c].kind)) continue;
      std::size_t blanks = 0;
      for (std::size_t r = first; r < first + 11; ++r)
        blanks += std::holds_alternative<std::monostate>(g.rows[r][c]);
      EXPECT_NE(blanks, 1u) << g.columns[c].name << " of the group in rows " << first << "-"
                            << first + 10;
    }
}
