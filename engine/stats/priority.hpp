// The outreach priority: where to go first. Defined here once; the manifest, the map subtitle
// and the README all read `describe_priority`.
//
// Per area analysed, each reason becomes a number from 0 (least reason) to 1 (most) and these
// are weighed ([analysis.priority]):
// - gap: the evidence that seen reach is below what is expected for the area (given its
//   deprivation and distance to a centre): z = (expected seen - seen) / sqrt(n e (1 - e)),
//   counted as 1 - exp(-z / 3.09): 0 at or above the expected reach, 0.63 at the 99.8% funnel
//   limit, near 1 for overwhelming evidence. It grows with the size of the gap and with the
//   number of children behind it, so a small area with an ordinary rate does not outrank a
//   large one with a real shortfall, and an area where almost nobody is seen comes first
//   whatever its size. It is the evidence itself, not its rank (ranks would put a z of 1.7
//   level with a z of 5), and it never goes flat (a z of 14 still comes before a z of 4).
//   The others are percentile ranks among the areas analysed:
// - shortfall: children short of the expected reach, (e - seen reach) x population;
// - need: deprivation (decile 1 or the highest score first); its weight moves to gap when the
//   layer has no deprivation;
// - unreached: children not seen, the size of the job, a lesser term;
// - low_low: 1 when the area is in a low-low cluster of local Moran's I.
// The score is the weighted mean of these (0 to 1); rank 1 is the highest score (ties keep the
// areas' id order).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/table.hpp"

namespace reachmap {

// [analysis.priority]: how much each reason to go somewhere first weighs in the outreach
// priority (engine/stats/priority.hpp defines the formula and says it in words).
struct PriorityWeights {
  double gap = 0.5;        // evidence that seen reach is below what is expected here (z)
  double shortfall = 0.2;  // children short of the expected reach
  double need = 0.15;      // deprivation (moves to `gap` when the layer has none)
  double unreached = 0.1;  // children not seen: the size of the job
  double low_low = 0.05;   // in a cluster of low reach (local Moran low-low)
};

struct PriorityInput {
  double seen = 0, population = 0, expected_reach = 0;
  std::optional<double> need;  // higher = more need (e.g. -decile or a score); none: no input
  bool low_low = false;
};

struct Priority {
  std::vector<double> gap_z, shortfall, score;
  std::vector<long> rank;  // 1 = first
  bool used_need = false;
};

Priority outreach_priority(const std::vector<PriorityInput>& areas, const PriorityWeights& w);

// The formula in words, with the weights in use (need folded into gap when `has_need` is false).
std::string describe_priority(const PriorityWeights& w, bool has_need);

// The same in a few words, for map subtitles: "gap below expected reach 0.5, ...".
std::string describe_priority_briefly(const PriorityWeights& w, bool has_need);

// The scale of the gap's evidence: the one-sided 99.8% limit of the funnel plot.
inline constexpr double kGapZScale = 3.090232306167813;

// 1 - exp(-z / 3.09) for z > 0, else 0.
double gap_evidence(double z);

// Percentile rank in [0, 1] (ties share their mean rank; 0.5 for a single value).
std::vector<double> percentile_ranks(const std::vector<double>& v);

// The first `n` areas of the outreach list: (rank, row) for the rows ranked 1 to n, rank 1
// first. One definition for the console summary, the maps' numbered list, the outreach pack
// (from the table) and the report (from the ranks it reads back from the public CSV).
std::vector<std::pair<long, std::size_t>> first_by_priority(
    const std::vector<std::optional<double>>& rank_by_row, std::size_t n);
std::vector<std::pair<long, std::size_t>> first_by_priority(const Table& t, std::size_t n);

}  // namespace reachmap
