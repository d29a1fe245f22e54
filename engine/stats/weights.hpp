// Spatial weights: who neighbours whom (contiguity from polygons, k nearest neighbours or a
// distance band between centroids), row-standardised into an Eigen sparse matrix.
#pragma once

#include <Eigen/SparseCore>
#include <string>
#include <vector>

#include "engine/geo/shared_points.hpp"
#include "engine/geo/wkb_rings.hpp"

namespace reachmap {

using Neighbours = std::vector<std::vector<std::size_t>>;  // sorted, no self
using WeightsMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

// Contiguity: two areas are queen neighbours when they share a boundary point, rook neighbours
// when they share at least two (an edge), as spdep::poly2nb. Vertices closer than `snap` (in
// the CRS's units) count as the same point, which absorbs the tiny gaps and overlaps of
// generalised boundaries.
// Identical at any thread count.
Neighbours contiguity(const std::vector<std::vector<Ring>>& polygons, bool queen, double snap,
                      int threads = 1);
// The same from the polygons' shared points (a layer's index file keeps them).
Neighbours contiguity(const SharedPoints& shared, bool queen);

// The k nearest points (ties broken by index), as spdep::knn2nb(knearneigh(...)); asymmetric.
Neighbours k_nearest(const std::vector<XY>& points, int k);

// Points within `distance` of each other (inclusive), as spdep::dnearneigh(0, d).
Neighbours distance_band(const std::vector<XY>& points, double distance);

// Areas with no neighbour.
std::vector<std::size_t> islands(const Neighbours& nb);

// Keeps the areas flagged in `keep`, renumbered in order, and drops links to the others.
Neighbours subset(const Neighbours& nb, const std::vector<bool>& keep);

// Row-standardised weights (style "W"): each row sums to 1; an island's row is empty.
WeightsMatrix row_standardised(const Neighbours& nb);

}  // namespace reachmap
