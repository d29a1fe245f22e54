// rule = "perturb": the cell key method (ONS, Census 2021). Every count of children is
// published as count + ptable(count, cell key), where the cell key is the sum of the record
// keys of the children it counts (Table::cell_keys, filled by the measures) and the ptable is
// engine/core/perturbation_table.hpp. The same set of children has the same key and so the same
// perturbation in every table; zeros stay zero; counts from 1 to small_counts are never
// published as themselves; nothing is hidden.
//
// Rates are recomputed from the perturbed counts, a derived count (unreached = population -
// seen) from the perturbed count and the population (an estimate, published as it is), and
// statistics are blanked here: the public analysis recomputes them from the protected tables.
#pragma once

#include "engine/core/perturbation_table.hpp"
#include "engine/core/table.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

// Perturbs every count cell of `table` in place. A count column without its cell keys is an
// internal error (the measures fill them for every count they make).
DisclosureSummary apply_perturbation(Table& table, const PerturbationTable& ptable);

}  // namespace reachmap
