// The audit's remedy that looks ahead: which published counts to hide so that one hidden count
// can leave its protection interval, found as one LP (Fischetti and Salazar-Gonzalez's
// attacker subproblem, the heart of tau-Argus's optimal method and sdcTable's): every count is
// an unknown, a hidden one free within its bounds, a published one charged its cost for each
// unit it moves; the cheapest solution that puts the count past its threshold moves exactly the
// counts to hide. Hidden, they leave that solution standing, so the count is protected in the
// next audit, and the system only loosens after that. The rounds' usual remedy (the cheapest
// count of a link holding the count in, disclosure_audit.cpp) needs no LP, but on a set whose
// links cross every way (Cardiff's LSOAs in MSOAs and reach areas, with kinds of setting) it
// can hide cells that are pinned in turn for ever. Internal to engine/privacy.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "engine/privacy/audit.hpp"

namespace reachmap {

class ReleaseLp {
 public:
  // `problem`: every count an unknown (its truth a solution of the rows); `cost`: 0 for a hidden
  // count, else what moving a published one costs a unit (> 0); a count that must not move is
  // not an unknown.
  ReleaseLp(const AuditProblem& problem, std::vector<double> cost);

  // The published counts (positive cost) to hide so that `target` can reach p.down[target] or
  // below (direction -1) or p.up[target] or above (+1), the cheapest of them; nullopt when no
  // solution can.
  std::optional<std::vector<std::size_t>> cheapest(std::size_t target, int direction) const;

  // Once hidden, a count moves for free.
  void hidden(std::size_t v) { cost_[v] = 0; }
  double cost(std::size_t v) const { return cost_[v]; }

 private:
  std::optional<std::vector<std::size_t>> solve(const std::vector<std::size_t>& vars,
                                                std::size_t target, int direction) const;
  const AuditProblem& p_;
  std::vector<double> cost_;
  std::vector<std::vector<std::size_t>> rows_of_;  // [unknown]: the rows it is in
};

}  // namespace reachmap
