// A count of a large part shown unprotected from its neighbourhood alone: the rows within two
// steps of it and their unknowns, every other row of the part dropped. Dropping rows only
// widens what the count can be, so a range that still holds neither its `down` nor its `up`
// is proof that the whole system pins it too, and the duals of the two small LPs name the rows
// and bounds that hold it in. Nationally nine in ten of a large part's counts left open by the
// wholesale solves are such: two LPs of a few hundred unknowns instead of two of the whole
// part (where GLPK rebuilds and refactorises 5,000 columns for a solve of a few pivots).
// Internal to engine/privacy.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/privacy/audit_lp.hpp"

namespace reachmap::audit_lp {

class Neighbourhoods {
 public:
  // `vars` (sorted) and `rows` are a part's, as audit.cpp's parts_of makes them.
  Neighbourhoods(const AuditProblem& p, const std::vector<std::size_t>& vars,
                 const std::vector<PartRow>& rows);

  // True when the count at position j of the part is pinned within its neighbourhood: then
  // `out`'s binding rows and bounds are set (out is not marked protected, and no value of the
  // relaxation is taken for a solution of the system). False: undecided, the part's own LP
  // must say. Its two solves are tallied in `work`; the job's own GLPK environment is used.
  bool shows_unprotected(std::size_t j, AuditVerdict& out, AuditWork& work) const;

 private:
  const AuditProblem& p_;
  const std::vector<std::size_t>& vars_;
  const std::vector<PartRow>& rows_;
  std::vector<std::vector<std::size_t>> rows_of_;  // by position: the rows (positions) over it
  std::vector<std::vector<std::size_t>> terms_;    // by row: its unknowns' positions
};

}  // namespace reachmap::audit_lp
