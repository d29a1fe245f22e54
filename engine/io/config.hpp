// The run configuration (TOML). Paths are resolved relative to the config file; unknown keys
// and sections are errors with the line number, because a typo must never be ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/columns.hpp"
#include "engine/core/date.hpp"
#include "engine/core/map_format.hpp"
#include "engine/core/privacy_rule.hpp"
#include "engine/io/csv_source.hpp"

namespace reachmap {

// A column name from the config, remembering whether the user set it (then it must exist)
// or it is a default (then an absent optional column is simply not used).
struct Column {
  std::string name;
  bool explicit_ = false;
  std::string key;  // config key, e.g. "[registrations] child_id", for hints
};

struct RunSection {
  Date from, to;
  std::string crs = "EPSG:27700";
  int sustained_min_contacts = 3;
  double max_rejected_share = 1.0;  // share of rejected input rows that fails the run
  std::uint64_t seed = 1;
};

struct PostcodesSection : CsvSource {
  Column postcode, lat, lon, x, y, terminated;
  // Location quality (ONSPD/NSPL osgrdind 1-9, or Code-Point Open's positional quality
  // 10-90) and user type (1 = large user): used when present.
  Column quality, usertype;
  // "" for a file with a header row (ONSPD, NSPL, ...); "codepoint" for OS Code-Point Open,
  // which has none: its ten columns are named for it.
  std::string layout;
  bool projected = false;         // x/y given instead of lat/lon
  std::string crs = "EPSG:4326";  // CRS of the coordinates
};

struct RegistrationsSection : CsvSource {
  Column child_id, family_id, postcode, birth_date, registered_on;
  // An id the [known_children] list also carries (e.g. NHS number); child_id when not set.
  Column match_id;
  std::vector<std::string> groups;
};

struct AttendanceSection : CsvSource {
  Column child_id, date, centre_id, service, carer;
};

// [known_children]: children known to health or birth registration (e.g. the health visiting
// caseload), registered with a centre or not. Matched to registrations by id where the row has
// one, otherwise by postcode and birth month.
struct KnownChildrenSection : CsvSource {
  Column child_id, postcode, birth_date;
};

struct LayerSection {
  std::string name, path, display, layer, id, label, directory_code;
  std::string where;  // OGR SQL attribute filter, e.g. "lad22cd = 'E08000003'"
};

// Which vintage the area codes of an input are on: the layer's own, or the old or new side
// of the [lookups] table (then values are carried across to the layer's codes).
enum class CodeVintage { kLayer, kOld, kNew };

// [lookups]: a code-to-code table between two vintages of areas, e.g. the ONS LSOA 2011 to
// LSOA 2021 lookup with its change indicator (U unchanged, S split, M merged, X irregular).
struct LookupSection : CsvSource {
  Column old_code, new_code, change;
};

struct PopulationSection : CsvSource {
  std::string layer;
  Column area, count;
  CodeVintage codes = CodeVintage::kLayer;
  // Multiplies every count, e.g. the under-5 share of a wider age band (age_0_15 -> under-5s);
  // any scale but 1 makes the denominator an estimate, and the outputs say so.
  double scale = 1;
};

struct CentresSection : CsvSource {
  Column centre_id, name, postcode, x, y;
  std::string crs = "EPSG:27700";
  // Optional reach areas: a column of centres.csv listing area ids (separated by ';', ',' or
  // spaces) of the layer `reach_layer`, or a polygon source with one feature per centre.
  Column reach_areas;
  std::string reach_layer;
  std::optional<LayerSection> reach_boundaries;  // path, layer, id = the centre_id field
};

enum class ClassMethod { kQuantile, kEqual, kJenks, kFixed };
const char* class_method_name(ClassMethod m);

// One [[maps]] section: which indicator of which layer, classified how, drawn how.
struct MapSection {
  std::string layer, indicator;
  ClassMethod classes = ClassMethod::kQuantile;
  std::vector<double> breaks;  // fixed breaks, when `classes` is a list of numbers
  int count = 5;
  std::string palette = "YlGnBu";
  std::string title;
  std::vector<MapFormat> formats{MapFormat::kPng, MapFormat::kSvg, MapFormat::kPdf};
  std::size_t line = 0;  // where the section starts, for errors found later
};

// [analysis.priority]: how much each reason to go somewhere first weighs in the outreach
// priority (engine/stats/priority.hpp defines the formula and says it in words).
struct PriorityWeights {
  double gap = 0.5;        // evidence that seen reach is below what is expected here (z)
  double shortfall = 0.2;  // children short of the expected reach
  double need = 0.15;      // deprivation (moves to `gap` when the layer has none)
  double unreached = 0.1;  // children not seen: the size of the job
  double low_low = 0.05;   // in a cluster of low reach (local Moran low-low)
};

enum class WeightsKind { kQueen, kRook, kKnn, kDistance };

// [analysis]: the spatial statistics and how they are tuned.
struct AnalysisSection {
  std::string variable = name_of(Col::kSeenReachEb);  // what LISA and Gi* run on
  WeightsKind weights = WeightsKind::kQueen;
  int k = 6;               // knn
  double distance = 1000;  // distance band, metres
  double snap = 0.002;     // contiguity: vertices this close (m) are shared
  int permutations = 999;
  double alpha = 0.05;
  bool fdr = false;
  bool overdispersion = false;  // funnel limits widened for overdispersion
  PriorityWeights priority;
};

// [deprivation]: area code + deprivation columns for one layer.
struct DeprivationSection : CsvSource {
  std::string layer;
  Column area, decile, score;
  CodeVintage codes = CodeVintage::kLayer;
  Column weight;  // population of each source area, for the mean score of merged areas
};

// [[basemap]]: context drawn on every map (roads, rivers, green space, place names) from any
// OGR source, e.g. OS Open Roads, OS Open Zoomstack or an OpenStreetMap extract.
enum class BasemapKind { kRoad, kWater, kGreen, kPlace };
struct BasemapSection {
  std::string path, display, layer, where;
  BasemapKind kind = BasemapKind::kRoad;
  std::string name;  // field with the street or place name (empty: no names)
  std::size_t line = 0;
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
  PostcodesSection postcodes;
  RegistrationsSection registrations;
  AttendanceSection attendance;
  std::optional<KnownChildrenSection> known_children;
  std::vector<LayerSection> layers;
  std::optional<LookupSection> lookup;
  std::optional<PopulationSection> population;
  std::optional<CentresSection> centres;
  PrivacyRule privacy;
  std::string output_dir;
  ReportSection report;
  AnalysisSection analysis;
  std::optional<DeprivationSection> deprivation;
  std::vector<MapSection> maps;          // empty: the default maps
  std::vector<std::string> attribution;  // [map_style] attribution lines
  std::size_t numbered_areas = 10;       // [map_style]: numbered on the priority map, paged
  std::vector<BasemapSection> basemap;
};

Config load_config(const std::string& path);

}  // namespace reachmap
