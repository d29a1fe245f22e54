// The intruder's audit: the linear system a set of protected tables still holds about their
// hidden counts (every published sum and order, the bands as bounds), and whether each hidden
// count can still take a value outside its protection interval in it. Secondary suppression
// checks each relation on its own; an intruder who writes them all down at once (a linear
// programme, as tau-Argus and sdcTable audit a table) can still pin a count through a chain of
// them. disclosure.cpp hides more cells beside each count this finds, and audits again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace reachmap {

// lo <= sum of coef * x[var] <= hi (either side may be infinite).
struct AuditRow {
  std::vector<std::pair<std::size_t, double>> terms;
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
};

// One unknown per hidden count. It is protected when some solution of the system puts it at
// or below `down`, or some puts it at or above `up`: for a small count (1-4) down = 0 and
// up = 5 (its range must hold 0 or 5+ as well as the truth); for another hidden count
// truth - 1 and truth + 1 (it must not be pinned).
struct AuditProblem {
  std::vector<double> lo, hi;  // bounds (hi may be +inf)
  std::vector<double> truth;   // a solution: the true counts
  std::vector<double> down, up;
  std::vector<AuditRow> rows;
  // Unknowns whose part of the system changed since the last audit: parts with none of them
  // are not solved again (their verdicts are carried over by the caller). Empty: all parts.
  std::vector<char> dirty;
  // Names of the unknowns and rows that stay the same from one audit of a set of tables to the
  // next (a cell, a relation): with them, a large part's LP starts from where it ended last
  // time (AuditBasis). Empty: from scratch.
  std::vector<std::uint64_t> var_keys, row_keys;
  // Unknowns an earlier audit showed protected: the system has only loosened since (more
  // cells hidden, bands withdrawn), so they still are, and need no LP. Empty: none.
  std::vector<char> protected_before;
};

// Where each large part's LPs ended, by AuditProblem::var_keys and row_keys (a loose row's slack
// by its row's key with the top bit set): the next audit of the loosened system starts there
// instead of from scratch, which is most of a later round's cost on a national set. A large
// part has two: the LP that pushes its open counts down together, and the one pushing them up.
struct AuditBasis {
  struct Statuses {
    std::unordered_map<std::uint64_t, int> columns, rows;  // Clp basis status by key
    bool operator==(const Statuses&) const = default;
  };
  Statuses down, up;
};

struct AuditVerdict {
  bool audited = false;  // its part was solved (see AuditProblem::dirty)
  bool protected_ = false;
  // The smallest and largest value seen at solutions met along the way (the truth is one):
  // the range an intruder is left with is at least this wide.
  double seen_lo = 0, seen_hi = 0;
  // Unprotected only: what holds it in, from the LPs of its own (their non-zero duals): rows
  // of the problem, and unknowns held at one of their bounds (a band).
  std::vector<std::size_t> binding_rows, binding_bounds;
};

struct AuditWork {
  // Connected parts solved as a whole: by LP, or (one or two unknowns) in the plane first.
  std::size_t parts = 0;
  std::size_t lps = 0;          // LP solves
  std::size_t failures = 0;     // LP solves that failed (their unknowns count as unprotected)
  std::size_t pinned_near = 0;  // a large part's counts shown pinned by their neighbourhood's LP
};

// Each unknown's verdict. A part of one or two unknowns whose corners show every one protected
// needs no LP (audit_plane.hpp); in any other, solutions are found wholesale (the sum of every
// unknown not yet shown protected is minimised, then maximised, and every unknown a solution puts
// past its threshold is shown protected at once); an unknown no such solution moves gets an LP of
// its own (in a large part, first one of its neighbourhood: audit_local.hpp). The LP relaxation
// stands for the integer programme an intruder would solve. Parts are solved on up to `threads`
// threads, with the same result at any number. With `basis`, large parts start from it and leave
// theirs in it.
std::vector<AuditVerdict> audit_problem(const AuditProblem& problem, AuditWork* work = nullptr,
                                        int threads = 1, AuditBasis* basis = nullptr);

// The smallest and largest value of each unknown with `want` set, whole numbers inward, the
// largest +inf where unbounded; nullopt where an LP failed or its part has more than `max_part`
// unknowns. What an intruder with every published figure can say of each hidden count.
std::vector<std::optional<std::pair<double, double>>> value_ranges(
    const AuditProblem& problem, const std::vector<char>& want, int threads = 1,
    std::size_t max_part = std::numeric_limits<std::size_t>::max());

// The exact smallest and largest value of each unknown with `want` set, whole numbers inward
// (an intruder's range of it); nullopt where the largest is unbounded, an LP failed or its part
// has more than 1,000 unknowns.
std::vector<std::optional<std::pair<double, double>>> exact_ranges(const AuditProblem& problem,
                                                                   const std::vector<char>& want,
                                                                   int threads = 1);

}  // namespace reachmap
