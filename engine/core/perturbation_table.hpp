// The perturbation table (ptable) of the cell key method, as ONS used it for Census 2021 and
// the cellKey and ptable R packages build it (Giessing 2016): for a count i and a cell key k
// (0 to 255, the sum of the record keys of the children counted, engine/core/record_key.hpp),
// the perturbation added to i.
//
// Row i is a distribution over the perturbations v from -D to D (D = max_perturbation) such
// that i + v is never negative and never one of 1 to js (js = small_counts), with mean 0 and
// variance V where the row's support allows it (else the nearest it allows), and otherwise as
// spread out as possible: the maximum entropy distribution, p(v) proportional to
// exp(a v + b v^2). A zero stays zero. Each row is then laid over the 256 keys: whole numbers
// of keys per perturbation, moved one key at a time until the mean is 0 (or as near as whole
// keys allow, within 1/256 of a child). Counts from D + js + 1 up share the last row.
//
// The table is built in code from (D, js, V) alone: the same on every machine, with no
// random draws (the keys are the only randomness).
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/privacy_rule.hpp"

namespace reachmap {

constexpr int kCellKeys = 256;

class PerturbationTable {
 public:
  // Parameters as validated by the config: 1 <= D, 0 <= js <= D, 0 < V < D^2.
  PerturbationTable(int max_perturbation, int small_counts, double variance);
  explicit PerturbationTable(const PrivacyRule& rule)
      : PerturbationTable(rule.max_perturbation, rule.small_counts, rule.variance) {}

  // The perturbation of count `value` (>= 0) with cell key `key`.
  int perturbation(std::int64_t value, std::uint8_t key) const;
  std::int64_t perturbed(std::int64_t value, std::uint8_t key) const {
    return value + perturbation(value, key);
  }

  int max_perturbation() const { return d_; }
  int small_counts() const { return js_; }
  // Counts 0 to rows()-1 have a row of their own; larger counts use the last one.
  std::int64_t rows() const { return static_cast<std::int64_t>(slots_.size()); }
  // The keys (of 256) of each perturbation -D..D for `value` (2D+1 entries).
  const std::vector<int>& slots(std::int64_t value) const;
  double mean(std::int64_t value) const;
  double variance(std::int64_t value) const;
  // The variance of the perturbation of every count from rows()-1 up: the one a user is told.
  double stated_variance() const { return variance(rows() - 1); }

 private:
  int d_, js_;
  std::vector<std::vector<int>> slots_;  // [row][v + D]
};

}  // namespace reachmap
