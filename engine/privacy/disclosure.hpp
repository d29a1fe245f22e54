// Disclosure control, applied once at the door to every public output and never before: the
// analysis runs on the true counts of every area, and private/ gets them unchanged.
//
// Two rules (README "Disclosure control" lists exactly what a protected row publishes):
// - suppress: a count of children from 1 to min_count-1 is blanked (primary suppression) and
//   its band written ("0-4"); then, wherever a published total is the sum of published parts
//   (population = seen + unreached, a ward = its neighbourhoods, a layer's total, a centre's
//   children = those living inside + outside its reach area), a single hidden part would be the
//   total minus the rest, so another part is hidden too (secondary suppression, smallest
//   non-zero part first), until no hidden count can be recovered by subtraction. Then the
//   intruder's audit (privacy/audit.hpp) writes every relation down at once, with the orders
//   between columns (sustained <= seen <= registered, ...) and the bands as bounds, as an
//   intruder with a linear programme would: a small count that can no longer be 0 or 5+, or
//   another hidden count that is pinned, gets one more cell beside it hidden (the cheapest in
//   the sums that hold it in, by the LP's duals; an area's seen count costs its population),
//   until none does. A small count's band is "0-4" (its range must hold 0 as well as the
//   truth); a count hidden to protect another gets the range the published figures leave it
//   (the LP's), where bounded. Rates of a
//   hidden count are blanked (interval bounds are taken from its band), statistics of it are
//   blanked, and local statistics of its neighbours too.
// - round: every count is rounded to a multiple of `base` (NHS style; 1 and 2 become 0), rates
//   are recomputed from the rounded counts, and continuous statistics (which would reveal the
//   exact count) are left to private/.
// - perturb: the cell key method (privacy/perturbation.hpp): every count gets a small
//   perturbation from its cell key, the same for the same children in every table.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "engine/core/privacy_rule.hpp"
#include "engine/core/table.hpp"

namespace reachmap {

// One cell of one of the tables protected together: 12 bytes, not 24 (a national run's
// relations and orders between columns hold millions).
struct CellRef {
  CellRef() = default;
  CellRef(std::size_t t, std::size_t r, std::size_t c)
      : table(std::uint32_t(t)), row(std::uint32_t(r)), column(std::uint32_t(c)) {}
  std::uint32_t table = 0, row = 0, column = 0;
  bool operator==(const CellRef&) const = default;
};

// total = sum of parts, where the total is a cell or, when absent, a figure published
// elsewhere (a layer's total in the manifest, say). Parts and total are count cells. With
// `at_least`, total <= sum of parts: the children a centre saw are at most the sum of each
// week's, since a child seen in two weeks counts in both. No subtraction recovers a part from
// one, so secondary suppression leaves them to the audit, whose LP holds them as they are.
struct Relation {
  std::optional<CellRef> total;
  std::vector<CellRef> parts;
  bool at_least = false;
};

struct TableToProtect {
  Table* table = nullptr;
  // By row: the rows whose counts a local statistic of this row also uses (spatial weights).
  const std::vector<std::vector<std::size_t>>* neighbours = nullptr;
};

struct DisclosureSummary {
  std::size_t rows_suppressed = 0;  // rows with a hidden count of children
  std::size_t primary_cells = 0;    // counts from 1 to min_count-1
  std::size_t secondary_cells = 0;  // hidden so that no hidden count can be recovered
  std::size_t rounded_cells = 0;    // round rule: counts rounded
  std::size_t perturbed_cells = 0;  // perturb rule: counts changed by their cell keys
};

// What the intruder's audit did after secondary suppression.
struct AuditSummary {
  bool ran = false;               // the suppress rule, active
  std::size_t cells_audited = 0;  // hidden counts in the last round
  std::size_t rounds = 0;         // audits (the last one finds nothing to fix)
  std::size_t cells_added = 0;    // hidden because of the audit (counted as secondary too)
  // Every hidden count can take at least this many values (0: nothing hidden).
  std::size_t narrowest_range = 0;
  std::size_t cells_left_unsafe = 0;  // nothing beside them left to hide (want: 0)
  // Bands not written where nothing beside a pinned count could be hidden (seen 0-4 and
  // unreached 0-4 under a population of 8 give 4 and 4).
  std::size_t bands_withdrawn = 0;
  std::size_t parts = 0, lps = 0, lp_failures = 0;  // the work, over all rounds
  // Counts freed by the remedy that looks ahead (audit_release.hpp), when the usual ones
  // failed them.
  std::size_t released = 0;
  double seconds = 0;  // differs run to run: private/manifest.json only
};

// Adds what a second audit found to the first's.
void add_audit(AuditSummary& to, const AuditSummary& more);

// Protects `tables` together (relations may span them); relations from each table's column
// metadata (TableColumn::sums) are added here, and the orders between count columns
// (sustained <= seen <= registered, a group's count <= its whole, ...) are known to the audit.
// Returns one summary per table; `audit`, when given, gets what the audit did, whose LPs run
// on up to `threads` threads (the same result at any number).
std::vector<DisclosureSummary> protect_tables(const std::vector<TableToProtect>& tables,
                                              std::vector<Relation> relations,
                                              const PrivacyRule& rule,
                                              AuditSummary* audit = nullptr, int threads = 1);

// The rate `formula` of `count` over `denominator` (a proportion, a Wilson or Poisson bound);
// blank where it is undefined.
Cell rate_of(Formula formula, double count, std::optional<double> denominator);

// Derived counts (unreached = max(0, population - seen)) made again from the published counts
// of their row, in whole children passed through `publish` (rounded to the base, or as they
// are): published from the true counts, they would pin the count they derive from (population
// 12 less unreached 9 rounded to 10 leaves seen 3 rounded to 5 at 3 or 4).
void recompute_derived_counts(Table& table,
                              const std::function<std::int64_t(std::int64_t)>& publish);

// Rounds every column with published decimals (the registry's) to them.
void round_published_decimals(Table& table);

// One table on its own (its column relations only).
DisclosureSummary protect_table(Table& table, const PrivacyRule& rule);

}  // namespace reachmap
