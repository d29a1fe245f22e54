// The denominator: a count per area code of one boundary layer, optionally carried from another
// vintage of codes and scaled (e.g. age_0_15 x 5/16 as an estimate of under-5s).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/measure/vintage_lookup.hpp"

namespace reachmap {

// The population file as a run names it ([population]).
struct PopulationSource : CsvSource {
  std::string layer;
  Column area, count;
  CodeVintage codes = CodeVintage::kLayer;
  // Multiplies every count, e.g. the under-5 share of a wider age band (age_0_15 -> under-5s);
  // any scale but 1 makes the denominator an estimate, and the outputs say so.
  double scale = 1;
};

// A target group's population ([[group_population]]): the same as the under-5s' (a count per
// area of one layer, carried to the others), for the group `name`, which is a
// `[registrations] groups` column (then the group has a reach) or a group of its own (a
// population only: demand, e.g. Welsh-speaking households with young children).
struct GroupPopulationSource : PopulationSource {
  std::string name;
};

// How a population was carried from another layer (measure/carry_population).
struct CarryReport {
  std::string from;                    // the source layer's name
  std::size_t sources_whole = 0;       // source areas wholly in one target area
  std::size_t sources_shared = 0;      // shared by their postcodes between target areas
  std::size_t sources_by_overlap = 0;  // no postcode: shared by area of overlap
  std::size_t sources_outside = 0;     // in no target area at all
  std::size_t areas_estimated = 0;     // target areas with an estimated value
  std::string method() const;          // in words, for the manifest and map notes
};

struct Population {
  std::vector<std::optional<double>> by_area;  // by area index of the layer
  std::size_t unmatched_codes = 0;             // rows whose code is not an area of the layer
  std::size_t areas_without = 0;               // areas with no population row
  double scale = 1;                            // applied to every count
  std::string scaled_column;                   // the file's count column the scale applied to
  // True when the counts are estimates: scaled from a wider band, or shared out among the
  // parts of a split area.
  bool estimate = false;
  std::optional<VintageReport> vintage;
  // By area: true where the value is an estimate (scaled, shared out, or carried in part).
  std::vector<bool> estimated_areas;
  std::optional<CarryReport> carried;  // when carried from another layer
};

// `lookup` is needed when section.codes is not the layer's own.
Population load_population(const PopulationSource& section, const BoundaryLayer& layer,
                           Accounting& accounting, const VintageLookup* lookup = nullptr);

}  // namespace reachmap
