// Carries area values from one vintage of area codes to another through a lookup table of
// (old, new) code pairs, such as the ONS LSOA 2011 to LSOA 2021 lookup:
// - an area reached from one source area that maps only to it (unchanged) copies its values;
// - an area reached from one source area that was split inherits the source's scores and
//   deciles, and an equal share of its counts (an estimate: no finer split is known);
// - an area reached from several source areas (merged, or irregular) takes the sum of their
//   counts, the population-weighted mean of their scores and the most deprived (lowest) of
//   their deciles.
// An area with a source missing from the data gets no value rather than a partial one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/io/csv_source.hpp"
#include "engine/measure/code_vintage.hpp"

namespace reachmap {

// [lookups]: a code-to-code table between two vintages of areas, e.g. the ONS LSOA 2011 to
// LSOA 2021 lookup with its change indicator (U unchanged, S split, M merged, X irregular).
struct LookupSource : CsvSource {
  Column old_code, new_code, change;
};

struct VintageLookup {
  std::string display;
  std::string old_name, new_name;  // the code columns, for messages
  struct Pair {
    std::string old_code, new_code, change;
  };
  std::vector<Pair> pairs;  // file order
};

VintageLookup load_vintage_lookup(const LookupSource& section, Accounting& accounting);

enum class Combine {
  kCount,  // additive: summed over merged areas, shared equally among split ones
  kScore,  // intensive: (weighted) mean over merged areas, inherited by split ones
  kDecile  // rank band, 1 most deprived: the lowest over merged areas, inherited by split ones
};

// How the layer's areas got their values, for the manifest.
struct VintageReport {
  std::string lookup;    // the lookup file as the user wrote it
  std::string from, to;  // "old (lsoa11cd)" -> "new (lsoa21cd)"
  // Areas from one whole source area, from part of a split one, and from several.
  std::size_t unchanged = 0, split = 0, merged = 0;
  std::size_t incomplete = 0;                 // a source area had no row: no value
  bool weighted = false;                      // merged scores weighted by a population column
  std::map<std::string, std::size_t> change;  // change indicator of the pairs used
};

// The layer's codes on the far side of `from`, each with the source codes that reach it.
class VintageBridge {
 public:
  VintageBridge(const VintageLookup& lookup, CodeVintage from, const BoundaryLayer& layer);
  // True when rows with this code carry a value to some area of the layer.
  bool reaches_layer(const std::string& source_code) const {
    return reaching_.count(source_code) > 0;
  }

  // values[c][area] from per-source rows (code -> values), combined per column as `how`.
  // `weights` (code -> population) weigh the scores of merged areas; empty means equal weights.
  std::vector<std::vector<std::optional<double>>> carry(
      const std::unordered_map<std::string, std::vector<double>>& rows,
      const std::vector<Combine>& how, const std::unordered_map<std::string, double>& weights,
      VintageReport& report) const;

 private:
  const VintageLookup& lookup_;
  CodeVintage from_;
  const BoundaryLayer& layer_;
  std::unordered_map<std::string, std::size_t> targets_;  // source code -> its targets, all
  std::unordered_map<std::string, bool> reaching_;        // source codes reaching the layer
  std::vector<std::vector<std::size_t>> sources_;         // by area: pair indices reaching it
};

}  // namespace reachmap
