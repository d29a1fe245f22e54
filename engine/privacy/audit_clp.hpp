// A large part's LP in COIN-OR Clp (Debian coinor-libclp-dev): the reach areas chained across
// a city, thousands of counts in one connected system, solved again every round of the audit.
// Clp's primal simplex takes a third of GLPK's time a pivot on these LPs (the national set's
// part of 4,200 counts from scratch: 0.13 s against 0.46 s, `clp` and `glpsol` on the same
// MPS file), and a round's re-solves are most of the audit's cost. Small parts (tens of
// thousands of one to a few hundred counts) stay with GLPK (audit.cpp), where building a
// model costs more than solving it. Internal to engine/privacy.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "engine/privacy/audit_lp.hpp"

namespace reachmap::audit_lp {

class ClpPart {
 public:
  // The part's unknowns (sorted) and rows, as audit.cpp's parts_of makes them; `start`: where
  // its LPs ended last round (Clp statuses by key), or null.
  ClpPart(const AuditProblem& p, const std::vector<std::size_t>& vars,
          const std::vector<PartRow>& rows, AuditWork& work,
          const AuditBasis::Statuses* start = nullptr);
  ~ClpPart();

  // Leaves where the LP ended in `into`.
  void save(AuditBasis::Statuses& into) const;

  // `out`, below: the part's verdicts, by position in `vars` (a copy of the part's own: tens of
  // thousands of the problem's a round, for a part of thousands, were most of a round's fresh
  // memory).

  // Pushes every unknown not yet shown protected down together (direction 1: Clp minimises)
  // or up (-1: it maximises), while that shows any; every solution's values are witnesses.
  void push_while_any(int direction, std::vector<AuditVerdict>& out);

  // The unknowns at positions `open` one by one, down then up; what holds an unprotected one
  // in is read from the duals.
  void one_by_one(std::vector<AuditVerdict>& out, const std::vector<std::size_t>& open);

 private:
  struct Model;
  bool solve(int direction, std::vector<AuditVerdict>& out);
  void holding(std::vector<std::size_t>& rows, std::vector<std::size_t>& bounds) const;
  bool push(int direction, std::vector<std::size_t>& open, std::vector<AuditVerdict>& out);
  std::uint64_t row_key(std::size_t k) const;

  const AuditProblem& p_;
  const std::vector<std::size_t>& vars_;
  const std::vector<PartRow>& rows_;
  AuditWork& work_;
  std::unique_ptr<Model> model_;
  bool solved_ = false;               // once: the model keeps its work areas
  std::vector<std::size_t> lp_rows_;  // the LP's rows: positions in rows_
  PartColumns columns_;
  std::vector<std::pair<std::size_t, int>> slacks_;  // (LP row, its slack column)
};

}  // namespace reachmap::audit_lp
