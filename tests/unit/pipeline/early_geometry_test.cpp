// Geometry made beside the reading of the inputs must be what the run made from it before:
// the layer's contiguity, restricted to any set of its areas, is that set's own contiguity;
// the reach areas' shapes are the unions of their areas with shared boundaries made exact.
#include "engine/pipeline/early_geometry.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/geo/dissolve.hpp"
#include "engine/stats/weights.hpp"
#include "tests/support/lattice.hpp"
#include "tests/support/polygon_wkb.hpp"

using namespace reachmap;

namespace {

// A 4 x 4 lattice of unit squares as a layer; `without` areas have no geometry.
BoundaryLayer lattice_layer(const std::vector<std::size_t>& without = {}) {
  BoundaryLayer layer;
  std::size_t i = 0;
  for (const auto& polygon : testsupport::lattice(4)) {
    Area a;
    a.id = "A" + std::to_string(i);
    a.wkb = testsupport::polygon_wkb(polygon[0]);
    for (std::size_t w : without)
      if (w == i) a.wkb.clear();
    layer.areas.push_back(a);
    ++i;
  }
  return layer;
}

}  // namespace

TEST(EarlyGeometry, TheLayersContiguityByRowIsEachAreasOwn) {
  const BoundaryLayer layer = lattice_layer({5});  // area 5 has no geometry
  for (const WeightsKind kind : {WeightsKind::kQueen, WeightsKind::kRook}) {
    AnalysisOptions options;
    options.weights = kind;
    const Neighbours by_row = layer_contiguity(layer, options);
    ASSERT_EQ(by_row.size(), 16u);
    EXPECT_TRUE(by_row[5].empty());
    // The areas with geometry, built on their own: the same links, by row.
    std::vector<std::size_t> rows;
    std::vector<std::vector<Ring>> polygons;
    for (std::size_t r = 0; r < 16; ++r)
      if (r != 5) rows.push_back(r), polygons.push_back(testsupport::lattice(4)[r]);
    const Neighbours own = contiguity(polygons, kind == WeightsKind::kQueen, options.snap, 2);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::vector<std::size_t> expected;
      for (std::size_t j : own[i]) expected.push_back(rows[j]);
      EXPECT_EQ(by_row[rows[i]], expected) << "area " << rows[i];
    }
  }
  AnalysisOptions queen;
  EXPECT_EQ(layer_contiguity(layer, queen)[0], (std::vector<std::size_t>{1, 4}))
      << "the corner's neighbours, without 5 (no geometry)";
  AnalysisOptions knn;
  knn.weights = WeightsKind::kKnn;
  EXPECT_TRUE(uses_contiguity(queen));
  EXPECT_FALSE(uses_contiguity(knn));
}

TEST(EarlyGeometry, ReachAreaShapesAreTheUnionsOfTheirAreas) {
  const BoundaryLayer layer = lattice_layer();
  const std::vector<std::vector<std::size_t>> members{{0, 1, 4, 5}, {}, {15}};
  const auto shapes = reach_area_shapes(members, layer);
  ASSERT_EQ(shapes.size(), 3u);
  std::vector<const std::string*> parts;
  for (std::size_t i : members[0]) parts.push_back(&layer.areas[i].wkb);
  EXPECT_EQ(shapes[0], dissolve_wkb(parts));
  // One square of side 2: one ring, no inner boundaries left, area 4.
  const auto rings = wkb_rings(shapes[0]);
  ASSERT_EQ(rings.size(), 1u);
  double twice_area = 0;
  for (std::size_t i = 0; i + 1 < rings[0].size(); ++i)
    twice_area += rings[0][i].x * rings[0][i + 1].y - rings[0][i + 1].x * rings[0][i].y;
  EXPECT_DOUBLE_EQ(std::abs(twice_area) / 2, 4.0);
  EXPECT_EQ(shapes[1], dissolve_wkb({}));
  EXPECT_EQ(shapes[2], layer.areas[15].wkb);
}

TEST(EarlyGeometry, TheIndexFilesSharedPointsServeOnlyAtTheirOwnSnap) {
  BoundaryLayer layer = lattice_layer();
  AnalysisOptions rook;
  rook.weights = WeightsKind::kRook;
  const Neighbours found = layer_contiguity(layer, rook);
  EXPECT_EQ(found[5], (std::vector<std::size_t>{1, 4, 6, 9}));
  // Kept shared points that say every area shares two points with area 0 alone (and 0 with
  // none): the contiguity is theirs at their snap, and found afresh at another.
  auto kept = std::make_shared<SharedPoints>();
  kept->snap = rook.snap;
  for (std::uint32_t p = 0; p < 16; ++p) {
    if (p > 0) kept->other.push_back(0), kept->count.push_back(2);
    kept->first.push_back(std::uint32_t(kept->other.size()));
  }
  layer.shared_points = kept;
  const Neighbours from_kept = layer_contiguity(layer, rook);
  EXPECT_EQ(from_kept[5], (std::vector<std::size_t>{0}));
  EXPECT_EQ(from_kept[0].size(), 15u) << "made symmetric";
  rook.snap = 0.01;
  EXPECT_EQ(layer_contiguity(layer, rook), found);
}
