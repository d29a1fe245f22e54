// The analyse stage for one boundary layer: empirical Bayes, funnel limits, spatial weights,
// Moran's I, LISA, Gi*, expected reach and the outreach priority, on the true counts of every
// area with a population above zero and a geometry (disclosure control comes later, at the
// door, and never feeds back). Adds its columns to the layer's indicators, each with what it is
// computed from, so that disclosure control knows what to publish.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/table.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/stats/moran.hpp"
#include "engine/stats/priority.hpp"

namespace reachmap {

enum class WeightsKind { kQueen, kRook, kKnn, kDistance };

// [analysis]: the spatial statistics and how they are tuned.
struct AnalysisOptions {
  std::string variable = name_of(Col::kSeenReachEb);  // what LISA and Gi* run on
  WeightsKind weights = WeightsKind::kQueen;
  int k = 6;               // knn
  double distance = 1000;  // distance band, metres
  double snap = 0.002;     // contiguity: vertices this close (m) are shared
  int permutations = 999;
  double alpha = 0.05;
  bool fdr = false;
  bool overdispersion = false;  // funnel limits widened for overdispersion
  PriorityWeights priority;
};

// What the analyse stage found for one layer (reported in the manifest).
struct LayerStatistics {
  // Where the analysis's columns (covariates, then statistics) start in the layer's table: the
  // columns before it are the measures, which disclosure control protects.
  std::size_t first_column = 0;
  bool computed = false;
  std::string skipped;  // why not, when not computed
  std::size_t included = 0, left_out = 0;
  std::vector<std::string> islands;  // ids of included areas with no neighbour
  std::string weights;               // e.g. "queen contiguity (snap 0.002 m), row-standardised"
  std::string variable;
  GlobalMoran moran;
  double funnel_target = 0, funnel_phi = 1;
  std::vector<std::pair<std::string, double>> coefficients;  // expected reach regression
  std::size_t low_low = 0, high_high = 0;
  std::string priority, priority_brief;  // the formula in words, with the weights used
  // By table row: the rows whose counts the row's local statistics use (for disclosure).
  std::vector<std::vector<std::size_t>> neighbours_by_row;
};

// Per area (by table row): what expected reach and need are computed from; any may be empty.
struct Covariates {
  std::vector<std::optional<double>> decile, score;
  std::vector<double> nearest_centre_km;
};

// `known_neighbours`: by table row, the neighbours an analysis of these areas or more of them
// found (LayerStatistics::neighbours_by_row); contiguity and distance-band weights are then
// taken from it instead of being built again (k nearest neighbours are always built).
LayerStatistics analyse_layer(
    Table& indicators, const BoundaryLayer& boundary, const Covariates& covariates,
    const AnalysisOptions& cfg, std::uint64_t seed, bool has_population, int threads,
    const std::string& config_file,
    const std::vector<std::vector<std::size_t>>* known_neighbours = nullptr);

// The analysis columns, in order (documented in the README).
const std::vector<std::string>& analysis_columns();

}  // namespace reachmap
