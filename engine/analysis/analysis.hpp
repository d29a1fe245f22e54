// What a run found: the inputs as loaded, where every child was placed, every area's and
// centre's indicators on the true counts, and the statistics. Built once by the pipeline's
// analyse(), then read-only: writing the outputs (privacy/, maps/, outreach/, report/) reads it
// and never changes it; what writing records goes in the pipeline's RunRecord.
#pragma once

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis/headline.hpp"
#include "engine/core/accounting.hpp"
#include "engine/core/date.hpp"
#include "engine/core/privacy_rule.hpp"
#include "engine/core/table.hpp"
#include "engine/geo/basemap.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "engine/measure/attendance.hpp"
#include "engine/measure/centre_indicators.hpp"
#include "engine/measure/centres.hpp"
#include "engine/measure/indicators.hpp"
#include "engine/measure/known_children.hpp"
#include "engine/measure/layer_placement.hpp"
#include "engine/measure/population.hpp"
#include "engine/measure/registrations.hpp"
#include "engine/measure/vintage_lookup.hpp"
#include "engine/periods/periods.hpp"
#include "engine/stats/layer_analysis.hpp"
#include "engine/stats/weights.hpp"

namespace reachmap {

struct LayerResult {
  BoundaryLayer boundary;
  PlacementMethod method;              // how children were placed
  std::vector<long> area_of_child;     // by child index; -1 when not counted or outside
  std::vector<long> area_of_known;     // by known child ([known_children]); -1 outside
  std::vector<long> area_of_turned_5;  // by Analysis::turned_5; -1 outside
  std::size_t outside = 0;             // counted children in no area of the layer
  std::optional<CodeAgreement> agreement;
  std::optional<Population> population;       // loaded, or carried from the population layer
  std::vector<Population> group_populations;  // by RunSettings::groups' population index
  std::optional<VintageReport> deprivation_vintage;
  Table indicators;       // full precision, before disclosure control
  Covariates covariates;  // deprivation and access, as the analysis used them
  LayerStatistics statistics;
};

// Reach areas of the centres, when [centres] gives them.
struct CentreReachAreas {
  std::string source;  // "layer 'lsoa' (area ids in column 'reach')" or the polygon file
  long layer = -1;     // index of the layer the ids belong to (id lists only)
  std::optional<BoundaryLayer> polygons;            // reach areas drawn as polygons
  std::optional<LayerSource> polygons_source;       // where they came from (homes are placed by it)
  std::vector<long> area_of_child;                  // polygons: by child index, -1 outside
  std::vector<long> area_of_turned_5;               // polygons: by Analysis::turned_5
  std::vector<std::optional<ReachArea>> by_centre;  // parallel to Analysis::centres
  std::size_t unknown_ids = 0;                      // listed ids that are not areas of the layer
  std::optional<Population> population;             // polygons: carried into them
  std::vector<Population> group_populations;        // polygons: each group's, carried
};

// [run] periods: who counts in each, where every child lives, and each period's tables.
struct RunPeriods {
  std::vector<NamedPeriod> periods;
  std::vector<std::uint64_t> counted_in;  // by child: bit i when counted in period i
  // Every child of the registrations placed (not only the run's counted ones), by layer and
  // in the reach polygons: each period's children and fifth birthdays are among them. Emptied
  // once the periods are measured.
  std::vector<std::vector<long>> area_of_child;
  std::vector<long> reach_area_of_child;
  // Each period's tables, measured and analysed as the run's own, as the staff's CSV files
  // (full precision): a header, then every period's rows led by the period. Text, not cells:
  // four quarters of the national LSOAs' tables are 450 MB as cells.
  std::vector<std::string> layers;  // by layer
  std::string centres;
  // Each period's measures (before the analysis's columns), by period: what the door protects
  // across periods and analyses again in public (privacy/protect_periods.hpp). Mutable: the
  // door takes them (nothing else reads them), which spares a copy of every period's tables
  // (nationally some 100 MB a quarter) while the Analysis is otherwise read-only.
  struct Measures {
    std::vector<Table> layers;  // by layer
    Table centres;
  };
  mutable std::vector<Measures> measures;
};

// What the run was asked, as the steps after the analysis need it. The pipeline fills it from
// the config: the config file's model (engine/config/) is read by nothing below the pipeline.
struct RunSettings {
  std::vector<TargetGroup> groups;  // the flagged groups in their order, then population-only
  std::string config_file;          // errors found while writing name it
  Period period;
  std::string crs;  // the analysis CRS
  PrivacyRule privacy;
  AnalysisOptions analysis;
  std::uint64_t seed = 1;                      // the permutations' counter-based RNG
  std::vector<std::string> attribution;        // lines under every map and in the workbook
  std::size_t numbered_areas = 10;             // outreach list: numbered on maps, paged in the pack
  std::vector<LanguageGapRule> language_gaps;  // [[language_gap]]
};

// A result a thread beside the run makes from the Analysis's layers. A copy waits for it first:
// once an Analysis is copied, no thread still reads the one it was copied from (which may go).
// Its end waits for the thread too (std::async's last future).
template <class T>
class MadeBeside {
 public:
  MadeBeside() = default;
  explicit MadeBeside(std::shared_future<T> f) : f_(std::move(f)) {}
  MadeBeside(const MadeBeside& o) : f_(o.f_) { wait(); }
  MadeBeside& operator=(const MadeBeside& o) {
    f_ = o.f_;
    wait();
    return *this;
  }
  MadeBeside(MadeBeside&&) noexcept = default;
  MadeBeside& operator=(MadeBeside&&) noexcept = default;
  bool valid() const { return f_.valid(); }
  const T& get() const { return f_.get(); }
  void wait() const {
    if (f_.valid()) f_.wait();
  }

 private:
  std::shared_future<T> f_;
};

struct Analysis {
  RunSettings settings;
  Accounting accounting;
  PostcodeDirectory directory;
  std::optional<VintageLookup> lookup;  // [lookups], when given
  Registrations registrations;
  std::optional<ServiceCatalogue> services;  // [services]
  Attendance attendance;
  std::optional<KnownChildren> known;  // [known_children], when given
  // [run] never_seen_by_5: the registered children who turned 5 in the period (cohorts.hpp).
  std::vector<std::size_t> turned_5;
  std::vector<Centre> centres;
  std::optional<SettingTypes> setting_types;  // [centres] setting_type
  std::optional<CentreReachAreas> reach;
  std::vector<LayerResult> layers;
  std::shared_ptr<const Basemap> basemap;  // [[basemap]] within the layers' extent, when given
  Table centre_table;
  std::optional<Table> carers_table;       // carers_by_week, when the run counts carers
  std::optional<HeadlineCounts> headline;  // made once the rest is (headline_counts.hpp)
  std::optional<RunPeriods> periods;       // [run] periods, when asked
  // Made beside the reading of the inputs (pipeline/early_geometry.hpp): each layer's
  // contiguity by row (not valid when the analysis's weights are not contiguity), and each
  // centre's reach area as one polygon when they are lists of a layer's areas (by centre,
  // empty for a centre without one). Declared last, so they go first: their threads read the
  // layers, and the last future of a thread waits for it.
  MadeBeside<std::vector<Neighbours>> contiguity;
  MadeBeside<std::vector<std::string>> reach_area_shapes;
};

}  // namespace reachmap
