// maps/: which maps a run draws (maps_to_draw) and drawing them for the public or the staff
// (draw_maps), on the Analysis of the tiny fixture: one layer "area" of four areas with a
// population, no statistics (too few areas), no known children, no centres file.
#include "engine/maps/maps.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "engine/privacy/protect.hpp"
#include "tests/support/tiny_analysis.hpp"

using namespace reachmap;
using namespace reachmap::testsupport;
namespace fs = std::filesystem;

namespace {

// "indicator_layer" of each map, with its formats and palette: "seen_reach_area png,svg,pdf
// YlGnBu".
std::vector<std::string> described(const std::vector<MapSpec>& maps) {
  std::vector<std::string> out;
  for (const auto& m : maps) {
    std::string formats;
    for (MapFormat f : m.formats) formats += std::string(formats.empty() ? "" : ",") + extension(f);
    out.push_back(m.indicator.name() + "_" + m.layer + " " + formats + " " + m.palette);
  }
  return out;
}

struct PngSize {
  bool png = false;
  unsigned width = 0, height = 0;
};

// The signature and IHDR of a PNG file.
PngSize png_size(const std::string& path) {
  const std::string bytes = read_text(path);
  PngSize s;
  if (bytes.size() < 24 || bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0 ||
      bytes.compare(12, 4, "IHDR") != 0)
    return s;
  const auto be32 = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
    return v;
  };
  s.png = true;
  s.width = be32(16);
  s.height = be32(20);
  return s;
}

// Every file under `dir`, relative to it.
std::set<std::string> files_under(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out.insert(fs::relative(e.path(), dir).string());
  return out;
}

class Maps : public SharedTinyAnalysis<Maps> {
 public:
  static constexpr const char* kFolder = "maps";
  static Analysis make_tiny(const TempDir& dir) { return tiny_analysis(dir, 3); }
};

const std::vector<std::string> kDefaultFiles = {
    "maps/seen_reach_area.png",         "maps/seen_reach_area.svg",
    "maps/seen_reach_area.pdf",         "maps/unreached_children_area.png",
    "maps/unreached_children_area.svg", "maps/unreached_children_area.pdf",
    "maps/registered_reach_area.png",   "maps/registered_reach_area.svg",
    "maps/registered_reach_area.pdf"};

}  // namespace

TEST_F(Maps, ALayerWithAPopulationGetsItsThreeReachMaps) {
  EXPECT_EQ(described(maps_to_draw(tiny(), {})),
            (std::vector<std::string>{"seen_reach_area png,svg,pdf YlGnBu",
                                      "unreached_children_area png,svg,pdf YlGnBu",
                                      "registered_reach_area png,svg,pdf YlGnBu"}));
}

TEST_F(Maps, DefaultMapsFollowWhatTheLayerHas) {
  Analysis a = tiny();
  a.known.emplace();  // known children: where the children no centre has met live
  a.layers[0].statistics.computed = true;
  EXPECT_EQ(described(maps_to_draw(a, {})),
            (std::vector<std::string>{
                "seen_reach_area png,svg,pdf YlGnBu", "unreached_children_area png,svg,pdf YlGnBu",
                "registered_reach_area png,svg,pdf YlGnBu",
                "known_not_registered_area png,svg,pdf YlGnBu",
                "lisa_cluster_area png,svg,pdf YlGnBu", "priority_score_area png,svg,pdf YlOrRd"}));
  a.layers[0].population.reset();  // no denominator: no rates, where the seen children live
  EXPECT_EQ(described(maps_to_draw(a, {})),
            (std::vector<std::string>{"seen_children_area png,svg,pdf YlGnBu"}));
}

TEST_F(Maps, ALayerOfVeryManyAreasGetsPngMapsOnly) {
  Analysis a = tiny();
  a.layers[0].boundary.areas.resize(kVectorMapAreaLimit);
  EXPECT_EQ(described(maps_to_draw(a, {})).front(), "seen_reach_area png,svg,pdf YlGnBu");
  a.layers[0].boundary.areas.resize(kVectorMapAreaLimit + 1);
  for (const auto& m : described(maps_to_draw(a, {})))
    EXPECT_NE(m.find(" png "), std::string::npos) << m;
}

TEST_F(Maps, TheConfigsMapsReplaceTheDefaults) {
  Analysis a = tiny();
  MapSpec m;
  m.layer = "area";
  m.indicator = Col::kSeenChildren;
  m.palette = "Greens";
  m.formats = {MapFormat::kSvg};
  EXPECT_EQ(described(maps_to_draw(a, {m})),
            (std::vector<std::string>{"seen_children_area svg Greens"}));
}

TEST_F(Maps, ThePublicMapsAreTheFilesListedAndNoFamiliesMap) {
  TempDir out("maps-public");
  const PublicTables pub = protect(tiny());
  const MapsResult r =
      draw_maps(tiny(), {}, LayerFigures::of(pub.layers, pub.statistics), out.path(), 2);
  EXPECT_EQ(r.files, kDefaultFiles);
  // The folder holds exactly the files listed.
  EXPECT_EQ(files_under(out.path()),
            std::set<std::string>(kDefaultFiles.begin(), kDefaultFiles.end()));
  for (const auto& f : r.files) {
    const std::string path = out / f;
    ASSERT_TRUE(fs::exists(path)) << f;
    EXPECT_GT(fs::file_size(path), 5000u) << f;
    const std::string ext = fs::path(f).extension().string();
    const std::string head = read_text(path).substr(0, 5);
    if (ext == ".png") {
      const PngSize s = png_size(path);
      EXPECT_TRUE(s.png) << f;
      // A landscape page at print resolution.
      EXPECT_GT(s.width, s.height) << f;
      EXPECT_GE(s.width, 1000u) << f;
      EXPECT_LE(s.width, 5000u) << f;
      EXPECT_GE(s.height, 700u) << f;
    } else if (ext == ".pdf") {
      EXPECT_EQ(head, "%PDF-") << f;
    } else {
      EXPECT_TRUE(head == "<?xml" || head == "<svg ") << f;
    }
  }
  // A QGIS style per choropleth, the layer's first its default (the unreached children are
  // drawn as circles: no style of classes).
  std::vector<std::string> styles;
  for (const auto& st : r.styles)
    styles.push_back(st.table + " " + st.name + (st.is_default ? " (default)" : ""));
  EXPECT_EQ(styles, (std::vector<std::string>{"area reachmap: seen_reach (default)",
                                              "area reachmap: registered_reach"}));
  // Each choropleth's legend holds every area once; drawn from the tables given, so with
  // min_count 3 every seen count of the tiny layer is hidden (1 or 2 children each).
  ASSERT_EQ(r.legends.size(), 2u);
  for (const auto& [name, rows] : r.legends) {
    std::size_t areas = 0;
    for (const auto& [label, n] : rows) areas += n;
    EXPECT_EQ(areas, 4u) << name;
  }
  const auto& seen = r.legends.at("seen_reach_area");
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.front(), (std::pair<std::string, std::size_t>{
                              "hidden: fewer than 3 children, or would reveal such a count", 4}));
}

TEST_F(Maps, TheStaffGetPngCopiesAndWhereTheFamiliesLive) {
  TempDir out("maps-staff");
  const PublicTables pub = protect(tiny());
  const MapsResult r = draw_maps(tiny(), {}, LayerFigures::staff_of(tiny()), out.path(), 2,
                                 MapAudience::kStaff, &pub.layers);
  EXPECT_TRUE(r.files.empty()) << "the staff's maps are not listed among the public files";
  EXPECT_TRUE(r.styles.empty());
  EXPECT_EQ(files_under(out.path()),
            (std::set<std::string>{"maps/families_area.png", "maps/seen_reach_area.png",
                                   "maps/unreached_children_area.png",
                                   "maps/registered_reach_area.png"}));
  const PngSize s = png_size(out / "maps/families_area.png");
  EXPECT_TRUE(s.png);
  EXPECT_GE(s.width, 1000u);
  EXPECT_GT(fs::file_size(out / "maps/families_area.png"), 5000u);
}
