// reachmap-synth: realistic synthetic registrations and attendance on real places. Children
// live at real postcodes (or, where an area has none, at synthetic postcodes drawn inside it)
// in proportion to each area's population; they register and attend at the nearest centres
// with chances falling with distance and varying with deprivation; a few named clusters of
// areas are planted as underserved. A ground-truth file says what was planted and what each
// area should show. Output streams to disk area by area and is the same bytes for the same
// inputs and seed.
#pragma once

#include <cstdint>
#include <string>

#include "engine/core/date.hpp"
#include "engine/core/progress.hpp"

namespace reachmap::synth {

struct Options {
  // Areas: any OGR polygon layer, optionally filtered with OGR SQL.
  std::string boundaries, layer_name, id_field, label_field, where;
  // Children per area: population column x scale (e.g. age_0_15 x 5/16 for under-5s).
  std::string population, population_area, population_count;
  double population_scale = 1;
  // Optional ONS LSOA 2011 -> 2021 lookup (lsoa11cd, lsoa21cd): the population's codes are
  // LSOA 2021 and the areas LSOA 2011.
  std::string lookup;
  // Optional IMD-like decile per area (1 most deprived); areas without one count as 5.
  std::string deprivation, deprivation_area, deprivation_decile;
  // Optional postcode directory with WGS84 lat/long and an area code column.
  std::string postcodes, postcode_column = "pcds", lat = "lat", lon = "long", postcode_area;
  std::size_t centres = 0;   // 0: one per 8 areas (at least 1)
  std::size_t clusters = 3;  // planted underserved clusters of 5 neighbouring areas
  // Health clinics and libraries beside the centres, each centre a family hub or a children's
  // centre (setting_type); and Welsh-speaking families, Welsh-medium sessions and a planted
  // language gap (kinds.hpp).
  bool settings = false, welsh = false;
  // localities.csv: each area in the locality its name gives without the last letter (an LSOA
  // "Cardiff 001A" is in the MSOA "Cardiff 001"), for a [[layers]] made with `from`.
  bool localities_by_name = false;
  std::uint64_t seed = 1;
  Date from{2025, 4, 1}, to{2026, 3, 31};
  std::string out_dir;
  ProgressFn progress;
};

struct Summary {
  std::size_t areas = 0, real_postcodes = 0, synthetic_postcodes = 0, centres = 0;
  std::size_t children = 0, registered = 0, seen = 0, contacts = 0, clusters = 0;
  std::size_t other_sites = 0, welsh_speaking = 0, language_gap_areas = 0;
};

Summary synthesise(const Options& options);

}  // namespace reachmap::synth
