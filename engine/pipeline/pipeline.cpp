#include "engine/pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <utility>

#include "engine/access/nearest_centre.hpp"
#include "engine/analysis/headline_counts.hpp"
#include "engine/core/error.hpp"
#include "engine/core/parallel.hpp"  // at_lowest_priority
#include "engine/core/text.hpp"
#include "engine/core/thread_memory.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/layer_index_file.hpp"
#include "engine/geo/placement.hpp"
#include "engine/io/sha256.hpp"
#include "engine/maps/maps.hpp"
#include "engine/measure/carry_population.hpp"
#include "engine/measure/deprivation.hpp"
#include "engine/measure/indicators.hpp"
#include "engine/measure/reach_areas.hpp"
#include "engine/measure/service_columns.hpp"
#include "engine/measure/setting_columns.hpp"
#include "engine/pipeline/early_geometry.hpp"
#include "engine/pipeline/input_warnings.hpp"
#include "engine/pipeline/measure_tables.hpp"
#include "engine/pipeline/period_measures.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

namespace {

Period period_of(const Config& config) {
  return {config.run.from, config.run.to};
}

// Places the counted children in `boundary`; `area_of_child` gets the area by child index (-1
// when not counted or outside).
LayerPlacement place_children(const BoundaryLayer& boundary, const LayerSource& section,
                              const Analysis& a, const RunOptions& options,
                              std::vector<long>& area_of_child) {
  std::vector<std::size_t> counted;
  std::vector<const DirectoryEntry*> homes;
  for (std::size_t c = 0; c < a.registrations.children.size(); ++c) {
    if (!a.registrations.children[c].counted) continue;
    counted.push_back(c);
    homes.push_back(a.registrations.children[c].home);
  }
  LayerPlacement p =
      place_homes(boundary, section, a.directory, homes, options.threads, options.progress);
  area_of_child.assign(a.registrations.children.size(), -1);
  for (std::size_t k = 0; k < counted.size(); ++k) area_of_child[counted[k]] = p.area[k];
  return p;
}

// A count per area loaded on one layer: read there and carried to every other layer and the
// reach polygons (`carried_to(i)` for layer i, `into_reach` for the polygons). Residential
// postcodes are placed in each layer once, for every population carried.
class PopulationCarrier {
 public:
  PopulationCarrier(const Config& cfg, Analysis& a, const RunOptions& options)
      : cfg_(cfg), a_(a), options_(options), placed_(a.layers.size() + 1) {
    reach_polygons_ = cfg.centres && cfg.centres->reach_boundaries;
  }
  bool needed() const { return a_.layers.size() > 1 || reach_polygons_; }
  bool reach_polygons() const { return reach_polygons_; }
  std::size_t layer_named(const std::string& name) const {
    std::size_t i = 0;
    while (cfg_.layers[i].name != name) ++i;
    return i;
  }
  Population carry(const Population& p, std::size_t from, std::size_t to) {
    const BoundaryLayer& target =
        to < a_.layers.size() ? a_.layers[to].boundary : *a_.reach->polygons;
    return carry_population(p, a_.layers[from].boundary, target, placed(from), placed(to));
  }
  std::size_t reach_index() const { return a_.layers.size(); }

 private:
  const std::vector<long>& placed(std::size_t i) {
    if (postcodes_.empty()) postcodes_ = residential_postcodes(a_.directory);
    if (!placed_[i]) {
      const bool reach = i == a_.layers.size();
      placed_[i] = place_homes(reach ? *a_.reach->polygons : a_.layers[i].boundary,
                               reach ? *cfg_.centres->reach_boundaries : cfg_.layers[i],
                               a_.directory, postcodes_, options_.threads)
                       .area;
    }
    return *placed_[i];
  }
  const Config& cfg_;
  Analysis& a_;
  const RunOptions& options_;
  bool reach_polygons_ = false;
  std::vector<const DirectoryEntry*> postcodes_;
  std::vector<std::optional<std::vector<long>>> placed_;  // by layer, then the reach polygons
};

// The population of every layer, and each target group's: loaded for its own layer, carried to
// the others. A group population read from a file another section reads too (a Census table
// of several columns) is accounted for once: its rows are the other section's, and a bad
// value of its own column is said in a warning.
void measure_populations(const Config& cfg, Analysis& a, const RunOptions& options) {
  if (!cfg.population) return;
  PopulationCarrier carrier(cfg, a, options);
  const VintageLookup* lookup = a.lookup ? &*a.lookup : nullptr;
  const auto spread = [&](const Population& p, std::size_t source, auto&& put) {
    put(source, p);
    if (!carrier.needed()) return;
    for (std::size_t i = 0; i < a.layers.size(); ++i)
      if (i != source) put(i, carrier.carry(p, source, i));
    if (carrier.reach_polygons())
      put(carrier.reach_index(), carrier.carry(p, source, carrier.reach_index()));
  };
  {
    const std::size_t source = carrier.layer_named(cfg.population->layer);
    const Population p =
        load_population(*cfg.population, a.layers[source].boundary, a.accounting, lookup);
    spread(p, source, [&](std::size_t i, Population q) {
      (i < a.layers.size() ? a.layers[i].population : a.reach->population) = std::move(q);
    });
  }
  for (const GroupPopulationSource& g : cfg.group_populations) {
    const std::size_t source = carrier.layer_named(g.layer);
    const bool shared = a.accounting.files().count(g.display) > 0;
    Accounting own;
    const Population p =
        load_population(g, a.layers[source].boundary, shared ? own : a.accounting, lookup);
    if (shared && !own.rejects().empty())
      a.accounting.warn(g.display, std::to_string(own.rejects().size()) + " rows' " + g.count.name +
                                       " (the " + g.name + " population) could not be read (" +
                                       own.rejects().front().reason + ", first at line " +
                                       std::to_string(own.rejects().front().line) +
                                       "): those areas have no " + g.name + " population");
    spread(p, source, [&](std::size_t i, Population q) {
      (i < a.layers.size() ? a.layers[i].group_populations : a.reach->group_populations)
          .push_back(std::move(q));
    });
  }
}

// The target groups: the [registrations] groups columns in order, then the
// [[group_population]] sections of groups no column flags.
std::vector<TargetGroup> target_groups(const Config& cfg) {
  std::vector<TargetGroup> out;
  const auto& pops = cfg.group_populations;
  const auto population_of = [&](const std::string& name) {
    for (std::size_t j = 0; j < pops.size(); ++j)
      if (pops[j].name == name) return long(j);
    return -1L;
  };
  for (std::size_t i = 0; i < cfg.registrations.groups.size(); ++i)
    out.push_back(
        {cfg.registrations.groups[i], long(i), population_of(cfg.registrations.groups[i])});
  for (std::size_t j = 0; j < pops.size(); ++j)
    if (std::find(cfg.registrations.groups.begin(), cfg.registrations.groups.end(), pops[j].name) ==
        cfg.registrations.groups.end())
      out.push_back({pops[j].name, -1, long(j)});
  return out;
}

// Each listed centre's reach area: a list of area ids of a layer, or a polygon.
void measure_reach_areas(const Config& config, Analysis& a) {
  const auto& section = *config.centres;
  CentreReachAreas& r = *a.reach;
  if (r.polygons) {
    r.by_centre =
        reach_areas_from_polygons(a.centres, *r.polygons, r.area_of_child,
                                  r.population ? &*r.population : nullptr, r.group_populations);
    return;
  }
  while (config.layers[std::size_t(++r.layer)].name != section.reach_layer) {
  }
  const LayerResult& layer = a.layers[std::size_t(r.layer)];
  r.source =
      "layer '" + section.reach_layer + "' (area ids in column '" + section.reach_areas.name + "')";
  r.by_centre = reach_areas_from_ids(a.centres, layer.boundary, layer.area_of_child,
                                     layer.population ? &*layer.population : nullptr, r.unknown_ids,
                                     layer.group_populations);
}

void check_thresholds(const Config& cfg, const Analysis& a) {
  if (a.registrations.counted == 0)
    throw Error(ErrorCode::kNothingUsable,
                "no child is left to count after rejecting bad rows and applying the age rules",
                {cfg.registrations.display},
                "run `reachmap check` to see why rows were rejected or not counted");
  std::size_t rows = 0, rejected = 0;
  for (const std::string* f : {&cfg.registrations.display, &cfg.attendance.display}) {
    auto it = a.accounting.files().find(*f);
    if (it == a.accounting.files().end()) continue;
    rows += it->second.rows;
    rejected += it->second.rejected_total();
  }
  const double share = rows ? static_cast<double>(rejected) / static_cast<double>(rows) : 0.0;
  if (share > cfg.run.max_rejected_share) {
    std::ostringstream s;
    s << rejected << " of " << rows << " registration and attendance rows were rejected ("
      << share * 100 << "%), more than max_rejected_share = " << cfg.run.max_rejected_share;
    throw Error(ErrorCode::kThreshold, s.str(), {cfg.file},
                "fix the inputs (see `reachmap check`) or raise [run] max_rejected_share");
  }
}

// A layer dissolved from an earlier one by its lookup (config.localities): the small areas the
// lookup does not name are said in a warning (their children fall outside every locality).
BoundaryLayer localities_layer(const Config& config, const LayerSource& section, Analysis& a,
                               int threads) {
  std::size_t from = 0;
  while (config.layers[from].name != section.from) ++from;
  const LocalityLookupSource* lookup = nullptr;
  for (const auto& l : config.localities)
    if (l.layer == section.name) lookup = &l;
  const BoundaryLayer& small = a.layers[from].boundary;
  const Localities loc = load_localities(*lookup, small, a.accounting);
  if (loc.groups.empty())
    throw Error(
        ErrorCode::kNothingUsable,
        "no area of layer '" + small.name + "' is in the lookup of layer '" + section.name + "'",
        {lookup->display},
        "check that column '" + lookup->small.name + "' holds the codes of layer '" + small.name +
            "' (" + (small.areas.empty() ? "" : small.areas[0].id) + ", ...)");
  if (!loc.missing.empty()) {
    std::string named;
    for (std::size_t i = 0; i < loc.missing.size() && i < 10; ++i)
      named += (i ? ", " : "") + console_text(loc.missing[i]);
    if (loc.missing.size() > 10) named += ", ...";
    a.accounting.warn(lookup->display,
                      std::to_string(loc.missing.size()) + " of the " +
                          std::to_string(small.areas.size()) + " areas of layer '" + small.name +
                          "' are in no locality of layer '" + section.name + "' (" + named +
                          "): their children count in no area of it; add them to the lookup");
  }
  return dissolved_layer(small, section.name, lookup->display, loc.groups, threads);
}

// Loads every input of the config into `a` (boundaries, basemap, lookups, postcodes,
// registrations, attendance, known children, centres), each row accounted for.
void load_inputs(const Config& config, Analysis& a, const RunOptions& options, RunRecord& record) {
  std::vector<std::string> code_columns;
  for (const auto& l : config.layers)
    if (!l.directory_code.empty() &&
        std::find(code_columns.begin(), code_columns.end(), l.directory_code) == code_columns.end())
      code_columns.push_back(l.directory_code);
  {
    StageTimer t(record, "load boundaries", options.progress);
    for (const auto& section : config.layers) {
      LayerResult layer;
      if (section.from.empty())
        layer.boundary =
            load_layer_with_index(section, config.run.crs, options.threads,
                                  options.rewrite_index_files, contiguity_snap(config.analysis));
      else
        layer.boundary = localities_layer(config, section, a, options.threads);
      a.layers.push_back(std::move(layer));
    }
    if (config.centres &&
        (config.centres->reach_boundaries || config.centres->reach_areas.explicit_))
      a.reach.emplace();
    if (a.reach && config.centres->reach_boundaries) {
      const LayerSource& polygons = *config.centres->reach_boundaries;
      a.reach->polygons = load_layer_with_index(polygons, config.run.crs, options.threads,
                                                options.rewrite_index_files);
      a.reach->polygons_source = polygons;
      a.reach->source = polygons.display + " (polygons, id field '" + polygons.id + "')";
    }
  }
  // Geometry needed late, made meanwhile in the core the reading of the inputs leaves idle
  // (early_geometry.hpp); one thread asked for: when it is needed.
  const std::launch beside = options.threads > 1 ? std::launch::async : std::launch::deferred;
  std::shared_future<std::vector<Neighbours>> contiguity;
  if (uses_contiguity(config.analysis))
    // The layers' own array, which moves with the Analysis (the Analysis itself may move).
    contiguity = at_lowest_priority(beside, [layers = a.layers.data(), n = a.layers.size(),
                                             cfg = config.analysis] {
                   std::vector<Neighbours> out;
                   for (std::size_t i = 0; i < n; ++i)
                     out.push_back(layer_contiguity(layers[i].boundary, cfg));
                   release_thread_memory();
                   return out;
                 }).share();
  a.contiguity = MadeBeside<std::vector<Neighbours>>(contiguity);
  const BoundaryLayer* reach_layer = nullptr;
  if (a.reach && !a.reach->polygons && options.outputs)
    for (std::size_t i = 0; i < config.layers.size(); ++i)
      if (config.layers[i].name == config.centres->reach_layer) reach_layer = &a.layers[i].boundary;
  if (!config.basemap.empty()) {
    StageTimer t(record, "load basemap", options.progress);
    Envelope extent;
    for (const auto& layer : a.layers)
      for (const auto& area : layer.boundary.areas) extent.add(envelope_of(wkb_rings(area.wkb)));
    a.basemap =
        std::make_shared<const Basemap>(load_basemap(config.basemap, config.run.crs, extent));
  }
  if (config.lookup) {
    StageTimer t(record, "load lookups", options.progress);
    a.lookup = load_vintage_lookup(*config.lookup, a.accounting);
  }
  {
    StageTimer t(record, "load postcode directory", options.progress);
    a.directory = load_directory(config.postcodes, config.run.crs, code_columns, a.accounting,
                                 options.threads);
  }
  // The centres next (they need only the directory), so that their reach areas are merged in
  // the core the registrations' last step leaves idle; their rows are accounted for in their
  // turn, after the attendance's.
  Accounting centres_rows;
  if (config.centres) {
    StageTimer t(record, "load centres", options.progress);
    a.centres = load_centres(*config.centres, config.run.crs, a.directory, centres_rows);
    if (config.centres->setting_type.explicit_)
      a.setting_types = setting_types_of(a.centres, *config.centres);
    if (reach_layer)
      a.reach_area_shapes = MadeBeside<std::vector<std::string>>(
          at_lowest_priority(beside, [reach_layer, contiguity,
                                      members = reach_area_members(a.centres, *reach_layer)] {
            // After the contiguity: one at a time, each gives its working memory back.
            if (contiguity.valid()) contiguity.wait();
            auto out = reach_area_shapes(members, *reach_layer);
            release_thread_memory();
            return out;
          }).share());
  }
  {
    StageTimer t(record, "geocode registrations", options.progress);
    a.registrations = load_registrations(config.registrations, period_of(config), a.directory,
                                         a.accounting, options.threads);
    assign_record_keys(a.registrations, config.run.seed);  // the cell key method's
    a.periods = periods_of(config, a.registrations);
  }
  // The contiguity is made by now (nationally with a second to spare): its working memory is
  // not to be held through the attendance's, the run's peak.
  if (contiguity.valid()) contiguity.wait();
  {
    StageTimer t(record, "link attendance", options.progress);
    if (config.services) a.services = load_services(*config.services, a.accounting);
    std::optional<AttendancePeriods> periods;
    if (a.periods) {
      periods.emplace();
      for (const NamedPeriod& p : a.periods->periods) periods->periods.push_back(p.period);
      periods->counted_in = a.periods->counted_in;
    }
    a.attendance = load_attendance(
        config.attendance, period_of(config), a.registrations, a.accounting, options.threads,
        kChunkBytes, config.carers ? &*config.carers : nullptr, a.services ? &*a.services : nullptr,
        a.setting_types ? &*a.setting_types : nullptr, config.run.cohorts.any(),
        periods ? &*periods : nullptr);
    if (a.services) warn_about_services(config, a);
    if (config.run.cohorts.any()) warn_about_history(config, a);
    if (a.periods) warn_about_period_history(config, a);
    if (a.setting_types) warn_about_settings(config, a);
    if (const auto& t = a.attendance.carers; t && !t->unmapped.empty()) {
      std::size_t rows = 0;
      for (const auto& [value, n] : t->unmapped) rows += n;
      a.accounting.warn(config.attendance.display,
                        std::to_string(rows) + " contact rows name a carer that no kind lists (" +
                            std::to_string(t->unmapped.size()) +
                            " different values): counted as other; private/manifest.json "
                            "names them: add each to a kind in [carers] (or to other = [...])");
    }
    // Its last use: 80 MB for 1.9M children, which the maps' peak need not carry. Taken out
    // and dropped, not assigned an empty one: a std::string moved onto keeps its buffer (the
    // ids' 32 MB).
    (void)std::exchange(a.registrations.index_of, StringIndex());
  }
  if (options.inputs_read) options.inputs_read();
  if (config.known_children) {
    StageTimer t(record, "match known children", options.progress);
    a.known = load_known_children(*config.known_children, period_of(config), a.directory,
                                  a.registrations, a.accounting);
    assign_record_keys(*a.known, a.registrations, config.run.seed);
    if (const std::string how = known_list_is_registrations(config); !how.empty())
      a.accounting.warn(config.known_children->display,
                        "the known-children list is the registrations file (" + how + " as " +
                            console_text(config.registrations.display) +
                            "): every registered child matches itself and none shows as known "
                            "but not registered; give [known_children] path the list from health "
                            "or birth registration, or remove [known_children]");
  }
  if (config.centres) {
    a.accounting.take(std::move(centres_rows));
    // A centre_id in attendance that centres.csv lacks: its contacts still count (a child
    // seen anywhere is seen) but the centre gets no row of its own; often a typo or a new
    // centre missing from the list.
    std::set<std::string> known;
    for (const Centre& c : a.centres) known.insert(c.id);
    for (const auto& [id, contacts] : a.attendance.contacts_by_centre)
      if (!known.count(id))
        a.accounting.warn(config.attendance.display,
                          "centre_id '" + console_text(id) + "' is not in " +
                              config.centres->display + " (" + std::to_string(contacts) +
                              " contacts in the period): its children count as seen, but it "
                              "gets no centre figures; add it to " +
                              config.centres->display + " or correct the id");
  }
}

// Places every child in every layer, then measures and analyses each layer and the centres.
void measure_layers(const Config& config, Analysis& a, const RunOptions& options,
                    RunRecord& record) {
  {
    StageTimer t(record, "place", options.progress);
    // One index per layer serves every placement of the run (children, known children,
    // postcodes for carried populations, people's centroids): mapped from the layer's index
    // file or built here once. The layers' are dropped after the last, in analyse.
    for (LayerResult& layer : a.layers) ensure_index(layer.boundary, options.threads);
    if (a.reach && a.reach->polygons) ensure_index(*a.reach->polygons, options.threads);
    if (config.run.cohorts.never_seen_by_5)
      a.turned_5 = turned_5_children(a.registrations, period_of(config));
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
      LayerResult& layer = a.layers[i];
      LayerPlacement p =
          place_children(layer.boundary, config.layers[i], a, options, layer.area_of_child);
      layer.method = std::move(p.method);
      layer.agreement = p.agreement;
      layer.outside = p.outside;
      if (a.known) {
        std::vector<const DirectoryEntry*> homes;
        for (const KnownChild& k : a.known->children) homes.push_back(k.home);
        layer.area_of_known =
            place_homes(layer.boundary, config.layers[i], a.directory, homes, options.threads).area;
      }
      if (config.run.cohorts.never_seen_by_5) {
        std::vector<const DirectoryEntry*> homes;
        for (const std::size_t c : a.turned_5) homes.push_back(a.registrations.children[c].home);
        layer.area_of_turned_5 =
            place_homes(layer.boundary, config.layers[i], a.directory, homes, options.threads).area;
      }
    }
    if (a.reach && a.reach->polygons)
      place_children(*a.reach->polygons, *config.centres->reach_boundaries, a, options,
                     a.reach->area_of_child);
    if (a.periods) place_every_child(config, a, options.threads);
    if (a.reach && a.reach->polygons && config.run.cohorts.never_seen_by_5) {
      std::vector<const DirectoryEntry*> homes;
      for (const std::size_t c : a.turned_5) homes.push_back(a.registrations.children[c].home);
      a.reach->area_of_turned_5 = place_homes(*a.reach->polygons, *config.centres->reach_boundaries,
                                              a.directory, homes, options.threads)
                                      .area;
    }
  }
  {
    StageTimer t(record, "measure", options.progress);
    measure_populations(config, a, options);
    if (a.reach) measure_reach_areas(config, a);
    const MeasureView view = own_period(a);
    for (std::size_t i = 0; i < a.layers.size(); ++i)
      a.layers[i].indicators = measure_layer(config, a, i, view);
    a.centre_table = measure_centres(config, a, view);
  }
  {
    StageTimer t(record, "analyse", options.progress);
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
      LayerResult& layer = a.layers[i];
      Covariates cov;
      if (config.deprivation && config.deprivation->layer == config.layers[i].name) {
        Deprivation d = load_deprivation(*config.deprivation, layer.boundary, a.accounting,
                                         a.lookup ? &*a.lookup : nullptr);
        layer.deprivation_vintage = std::move(d.vintage);
        cov.decile = std::move(d.decile);
        cov.score = std::move(d.score);
      }
      if (!a.centres.empty())
        cov.nearest_centre_km = nearest_centre_km(
            people_centroids(layer.boundary, a.directory, options.threads), a.centres);
      layer.boundary.index.reset();  // its last placement is done: 150-190 MB for all LSOAs
      layer.statistics =
          analyse_layer(layer.indicators, layer.boundary, cov, config.analysis, config.run.seed,
                        layer.population.has_value(), options.threads, config.file,
                        a.contiguity.valid() ? &a.contiguity.get()[i] : nullptr);
      layer.covariates = std::move(cov);
    }
  }
  if (a.periods) {
    StageTimer t(record, "measure periods", options.progress);
    measure_periods(config, a, options.threads);
  }
}

}  // namespace

Analysis analyse(const Config& config, const RunOptions& options, RunRecord& record) {
  Analysis a;
  a.settings.config_file = config.file;
  a.settings.period = period_of(config);
  a.settings.crs = config.run.crs;
  a.settings.privacy = config.privacy;
  a.settings.analysis = config.analysis;
  a.settings.seed = config.run.seed;
  a.settings.groups = target_groups(config);
  a.settings.language_gaps = config.language_gaps;
  a.settings.attribution = config.attribution;
  a.settings.numbered_areas = config.numbered_areas;
  require_metric_crs(config.run.crs, "[run] crs");
  load_inputs(config, a, options, record);
  check_thresholds(config, a);
  measure_layers(config, a, options, record);
  check_maps(a, config.maps);
  a.headline = headline_counts(a);
  return a;
}

}  // namespace reachmap
