// The run configuration (TOML): the config file's model, read by the pipeline and the tools
// only. Each section becomes the options struct of the stage that uses it, defined by that
// stage (a [[layers]] section is geo's LayerSource, [analysis] is stats' AnalysisOptions, a
// [[maps]] section is render's MapSpec), so no stage knows the file. Paths are resolved
// relative to the config file; unknown keys and sections are errors with the line number,
// because a typo must never be ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/date.hpp"
#include "engine/core/privacy_rule.hpp"
#include "engine/geo/basemap.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/cohorts.hpp"
#include "engine/measure/deprivation.hpp"
#include "engine/measure/known_children.hpp"
#include "engine/measure/localities.hpp"
#include "engine/measure/population.hpp"
#include "engine/measure/registrations.hpp"
#include "engine/measure/services.hpp"
#include "engine/measure/vintage_lookup.hpp"
#include "engine/periods/periods.hpp"
#include "engine/render/map_composition.hpp"
#include "engine/stats/layer_analysis.hpp"

namespace reachmap {

struct RunSection {
  Date from, to;
  std::string crs = "EPSG:27700";
  int sustained_min_contacts = 3;
  double max_rejected_share = 1.0;  // share of rejected input rows that fails the run
  std::uint64_t seed = 1;
  CohortOptions cohorts;  // never_seen_by_5, seen_before_1
  PeriodsOption periods;  // periods, rolling
};

// [report]: the report for the board (report.html, report.pdf).
struct ReportSection {
  std::string title;     // default "Reach of children's centres and family hubs"
  std::string previous;  // the output folder of the last period's run, to compare against
  bool pdf = true;       // print report.pdf with Chromium
};

struct Config {
  std::string file;  // the config file itself
  RunSection run;
  PostcodesSource postcodes;
  RegistrationsSource registrations;
  AttendanceSource attendance;
  std::optional<CarerKinds> carers;  // counted when set ([carers], or [attendance] carer)
  std::optional<KnownChildrenSource> known_children;
  std::vector<LayerSource> layers;
  std::vector<LocalityLookupSource> localities;  // [[layers]] from: each dissolved layer's lookup
  std::optional<LookupSource> lookup;
  std::optional<PopulationSource> population;
  std::vector<GroupPopulationSource> group_populations;  // [[group_population]]
  std::optional<CentresSource> centres;
  std::optional<ServicesSource> services;      // [services]
  std::vector<LanguageGapRule> language_gaps;  // [[language_gap]]
  PrivacyRule privacy;
  std::string output_dir;
  ReportSection report;
  AnalysisOptions analysis;
  std::optional<DeprivationSource> deprivation;
  std::vector<MapSpec> maps;             // empty: the default maps
  std::vector<std::string> attribution;  // [map_style] attribution lines
  std::size_t numbered_areas = 10;       // [map_style]: numbered on the priority map, paged
  std::vector<BasemapSource> basemap;
};

Config load_config(const std::string& path);

}  // namespace reachmap
