// A layer's index file: what it serves is what reading the layer gives (areas, repairs,
// placement), and a file that no longer fits (the layer changed, other settings, damaged) is
// never used as it is. Real LSOAs of Manchester and Cardiff.
#include "engine/geo/layer_index_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/geo/area_index.hpp"
#include "engine/geo/placement.hpp"
#include "engine/geo/shared_points.hpp"
#include "tests/support/layer_edges.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {

constexpr const char* kCrs = "EPSG:27700";

LayerSource source_at(const std::string& path) {
  LayerSource s;
  s.name = "lsoa11";
  s.path = s.display = path;
  s.id = "lsoa11cd";
  s.label = "lsoa11nm";
  return s;
}

// Points inside, on vertices, on edge midpoints and anywhere around: every kind the index
// settles differently.
std::vector<Point> probe_points(const BoundaryLayer& layer) {
  testsupport::RandomEdges edges(layer, 7);
  const Envelope& all = edges.extent();
  std::vector<Point> points;
  for (int i = 0; i < 3000; ++i) {
    const auto e = edges.next();
    points.push_back({e.x0, e.y0});
    points.push_back({(e.x0 + e.x1) / 2, (e.y0 + e.y1) / 2});
    points.push_back(
        {edges.rng().uniform(all.minx, all.maxx), edges.rng().uniform(all.miny, all.maxy)});
  }
  return points;
}

void expect_same_layer(const BoundaryLayer& a, const BoundaryLayer& b) {
  ASSERT_EQ(a.areas.size(), b.areas.size());
  for (std::size_t i = 0; i < a.areas.size(); ++i) {
    EXPECT_EQ(a.areas[i].id, b.areas[i].id);
    EXPECT_EQ(a.areas[i].label, b.areas[i].label);
    EXPECT_EQ(a.areas[i].wkb, b.areas[i].wkb);
    EXPECT_EQ(a.areas[i].anchor_x, b.areas[i].anchor_x);
    EXPECT_EQ(a.areas[i].anchor_y, b.areas[i].anchor_y);
  }
  EXPECT_EQ(a.repaired, b.repaired);
  EXPECT_EQ(a.no_geometry, b.no_geometry);
  EXPECT_EQ(a.overlaps, b.overlaps);
  EXPECT_EQ(a.transformation, b.transformation);
  EXPECT_EQ(a.index_of, b.index_of);
}

class LayerIndexFile : public ::testing::Test {
 protected:
  void SetUp() override {
    REACHMAP_REQUIRE_SHARED_DATA();
    dir_ = std::make_unique<testsupport::TempDir>("layer-index-file");
    layer_path_ = *dir_ / "lsoas.gpkg";
    std::filesystem::copy_file(testsupport::shared_data("boundaries/lsoa11_manchester_bgc.gpkg"),
                               layer_path_);
    read_ = load_boundary_layer(source_at(layer_path_), kCrs);
  }
  std::unique_ptr<testsupport::TempDir> dir_;
  std::string layer_path_;
  BoundaryLayer read_;
};

}  // namespace

TEST_F(LayerIndexFile, WithoutOneTheLayerIsReadAsEver) {
  const BoundaryLayer layer = load_layer_with_index(source_at(layer_path_), kCrs, 2);
  EXPECT_EQ(layer.index, nullptr);
  EXPECT_EQ(layer.index_note, "");
  expect_same_layer(layer, read_);
}

TEST_F(LayerIndexFile, ServesTheLayerAndAnIndexThatPlacesAlike) {
  const LayerIndexWritten w = write_layer_index(source_at(layer_path_), kCrs, 2);
  EXPECT_EQ(w.path, layer_index_path(source_at(layer_path_), kCrs));
  EXPECT_EQ(w.path.rfind(layer_path_ + ".lsoa11cd-", 0), 0u) << w.path;
  EXPECT_EQ(w.areas, read_.areas.size());
  EXPECT_EQ(std::filesystem::file_size(w.path), w.bytes);

  const BoundaryLayer layer = load_layer_with_index(source_at(layer_path_), kCrs, 2);
  ASSERT_NE(layer.index, nullptr);
  EXPECT_NE(layer.index_note.find("used"), std::string::npos) << layer.index_note;
  EXPECT_EQ(layer.name, "lsoa11");
  expect_same_layer(layer, read_);

  const AreaIndex built(read_, 1);
  EXPECT_EQ(layer.index->stats().leaves, built.stats().leaves);
  EXPECT_EQ(layer.index->stats().segments, built.stats().segments);
  const std::vector<Point> points = probe_points(read_);
  const std::vector<long> expected = place_points(read_, built, points, 1);
  EXPECT_EQ(place_points(layer, points, 2), expected);
  std::size_t outside = 0;
  for (long a : expected) outside += a < 0;
  EXPECT_GT(outside, 100u);  // the probe reaches beyond the areas too
  EXPECT_LT(outside, points.size() / 2);
}

TEST_F(LayerIndexFile, AChangedLayerMakesItStaleAndItIsWrittenAgain) {
  write_layer_index(source_at(layer_path_), kCrs, 1);
  std::filesystem::copy_file(testsupport::shared_data("boundaries/lsoa11_cardiff_bgc.gpkg"),
                             layer_path_, std::filesystem::copy_options::overwrite_existing);
  const BoundaryLayer cardiff = load_boundary_layer(source_at(layer_path_), kCrs);

  // Without leave to write (reachmap check): rebuilt in memory, the stale file left as it is.
  const auto stale_file = layer_index_path(source_at(layer_path_), kCrs);
  const auto written = std::filesystem::last_write_time(stale_file);
  const BoundaryLayer checked = load_layer_with_index(source_at(layer_path_), kCrs, 2, false);
  EXPECT_NE(checked.index_note.find("left as it is"), std::string::npos) << checked.index_note;
  ASSERT_NE(checked.index, nullptr);
  expect_same_layer(checked, cardiff);
  EXPECT_EQ(std::filesystem::last_write_time(stale_file), written);

  const BoundaryLayer layer = load_layer_with_index(source_at(layer_path_), kCrs, 2);
  EXPECT_NE(layer.index_note.find("stale"), std::string::npos) << layer.index_note;
  EXPECT_NE(layer.index_note.find("written again"), std::string::npos) << layer.index_note;
  ASSERT_NE(layer.index, nullptr);
  expect_same_layer(layer, cardiff);

  const BoundaryLayer again = load_layer_with_index(source_at(layer_path_), kCrs, 2);
  EXPECT_NE(again.index_note.find("used"), std::string::npos) << again.index_note;
  expect_same_layer(again, cardiff);
  const std::vector<Point> points = probe_points(cardiff);
  EXPECT_EQ(place_points(again, points, 1), place_points(cardiff, points, 1));
}

TEST_F(LayerIndexFile, OtherSettingsKeepAFileOfTheirOwnAndNeverUseAnother) {
  const LayerIndexWritten w = write_layer_index(source_at(layer_path_), kCrs, 1);
  LayerSource other = source_at(layer_path_);
  other.label = "lsoa11cd";  // labels from another field: another layer
  EXPECT_NE(layer_index_path(other, kCrs), w.path);
  EXPECT_NE(layer_index_path(source_at(layer_path_), "EPSG:3857"), w.path);
  const BoundaryLayer layer = load_layer_with_index(other, kCrs, 1);
  EXPECT_EQ(layer.index, nullptr);
  EXPECT_EQ(layer.index_note, "");
  EXPECT_EQ(layer.areas.front().label, layer.areas.front().id);

  // A file under the other settings' name that was written for these (copied, renamed) is
  // refused by what it says inside, and left as it is.
  std::filesystem::copy_file(w.path, layer_index_path(other, kCrs));
  const auto written = std::filesystem::last_write_time(layer_index_path(other, kCrs));
  const BoundaryLayer refused = load_layer_with_index(other, kCrs, 1);
  EXPECT_EQ(refused.index, nullptr);
  EXPECT_NE(refused.index_note.find("other settings"), std::string::npos) << refused.index_note;
  EXPECT_EQ(refused.areas.front().label, refused.areas.front().id);
  EXPECT_EQ(std::filesystem::last_write_time(layer_index_path(other, kCrs)), written);
}

TEST_F(LayerIndexFile, ADamagedOrTruncatedFileIsRebuilt) {
  const LayerIndexWritten w = write_layer_index(source_at(layer_path_), kCrs, 1);
  {
    std::fstream f(w.path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(w.bytes - 1000));
    f.put('\x5a');
  }
  const BoundaryLayer layer = load_layer_with_index(source_at(layer_path_), kCrs, 1);
  EXPECT_NE(layer.index_note.find("damaged"), std::string::npos) << layer.index_note;
  expect_same_layer(layer, read_);
  EXPECT_NE(load_layer_with_index(source_at(layer_path_), kCrs, 1).index_note.find("used"),
            std::string::npos);

  std::filesystem::resize_file(w.path, w.bytes / 2);
  const BoundaryLayer cut = load_layer_with_index(source_at(layer_path_), kCrs, 1);
  EXPECT_NE(cut.index_note.find("damaged"), std::string::npos) << cut.index_note;
  expect_same_layer(cut, read_);
  EXPECT_EQ(std::filesystem::file_size(w.path), w.bytes);
}

TEST_F(LayerIndexFile, KeepsTheAreasSharedPointsAtTheSnapItWasWrittenWith) {
  const SharedPoints found = layer_shared_points(read_, 0.002, 1);
  ASSERT_EQ(found.size(), read_.areas.size());
  EXPECT_GT(found.other.size(), 4 * read_.areas.size());  // Manchester's LSOAs touch

  write_layer_index(source_at(layer_path_), kCrs, 2);  // no snap: none kept
  EXPECT_EQ(load_layer_with_index(source_at(layer_path_), kCrs, 2).shared_points, nullptr);

  write_layer_index(source_at(layer_path_), kCrs, 2, 0.002);
  const BoundaryLayer layer = load_layer_with_index(source_at(layer_path_), kCrs, 2);
  EXPECT_NE(layer.index_note.find("used"), std::string::npos) << layer.index_note;
  ASSERT_NE(layer.shared_points, nullptr);
  EXPECT_EQ(*layer.shared_points, found);

  // A run that writes the file again (here: none there) keeps them at its snap, and has them.
  std::filesystem::remove(layer_index_path(source_at(layer_path_), kCrs));
  write_layer_index(source_at(layer_path_), kCrs, 1);
  std::filesystem::copy_file(testsupport::shared_data("boundaries/lsoa11_cardiff_bgc.gpkg"),
                             layer_path_, std::filesystem::copy_options::overwrite_existing);
  const BoundaryLayer cardiff = load_boundary_layer(source_at(layer_path_), kCrs);
  const BoundaryLayer rewritten = load_layer_with_index(source_at(layer_path_), kCrs, 2, true, 0.5);
  EXPECT_NE(rewritten.index_note.find("written again"), std::string::npos) << rewritten.index_note;
  ASSERT_NE(rewritten.shared_points, nullptr);
  EXPECT_EQ(*rewritten.shared_points, layer_shared_points(cardiff, 0.5, 1));
  const BoundaryLayer again = load_layer_with_index(source_at(layer_path_), kCrs, 2);
  ASSERT_NE(again.shared_points, nullptr);
  EXPECT_EQ(again.shared_points->snap, 0.5);
  EXPECT_EQ(*again.shared_points, *rewritten.shared_points);
}
