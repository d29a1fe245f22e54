// `reachmap audit OUT_DIR`: the intruder's audit run on a finished folder's public files alone,
// an information governance officer's check before publication. It writes down every relation
// the public files hold (a row's sums, the orders between columns, the equity table's deciles
// and totals, the manifest's children placed, centres' reach areas from reachmap.gpkg, areas of
// one layer inside another by their geometry; with [run] periods each period's tables, the
// orders, row sums and reach areas within each and the ties across periods of the same last
// day: privacy/protect_periods.hpp) and solves, for every hidden count, its smallest
// and largest value (LPs, engine/privacy/audit.hpp). A count published as a band from 0 must
// still be able to be 0; any other hidden count must not be pinned to one value. It needs no
// true count: a run's own audit (privacy/disclosure.hpp) checks the same thresholds with them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace reachmap {

struct PublicAuditTable {
  std::string file;           // indicators_ward.csv
  std::size_t hidden = 0;     // counts of children left blank
  std::size_t stated = 0;     // round, perturb: counts published rounded or perturbed
  std::size_t narrowest = 0;  // values the least protected one can still take (0: none hidden)
  std::size_t unranged = 0;   // hidden counts whose range an LP could not give (unsafe)
  std::vector<std::string> unsafe;  // "E01000001 seen_children: 3 to 4 (a band from 0 must hold 0)"
};

struct PublicAudit {
  std::string rule;  // the folder's [privacy] rule
  std::vector<PublicAuditTable> tables;
  std::vector<std::string> relations;  // what was written down, one line per kind
  std::size_t unknowns = 0, rows = 0;
  double seconds = 0;
  bool safe() const;
};

// Audits `folder` (a run's output set; its private/ is never read). Throws Error naming the
// file when a public file is missing or unreadable.
PublicAudit audit_public_folder(const std::string& folder, int threads = 1);

// What `reachmap audit` prints: per table the counts hidden, the narrowest range and "safe to
// publish" or the counts that are not.
std::string public_audit_text(const PublicAudit& audit);

}  // namespace reachmap
