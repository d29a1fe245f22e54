#include "engine/pipeline/pipeline.hpp"

#include <chrono>
#include <sstream>

#include "engine/core/error.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/placement.hpp"
#include "engine/measure/area_values.hpp"
#include "engine/measure/indicators.hpp"
#include "engine/measure/population.hpp"
#include "engine/pipeline/maps.hpp"
#include "engine/pipeline/spatial_analysis.hpp"

namespace reachmap {

namespace {

void place_children(LayerResult& layer, const LayerSection& section, const Analysis& a,
                    const RunOptions& options) {
  const auto& children = a.registrations.children;
  std::vector<std::size_t> counted;
  std::vector<Point> points;
  for (std::size_t c = 0; c < children.size(); ++c) {
    if (!children[c].counted) continue;
    counted.push_back(c);
    points.push_back({children[c].home->x, children[c].home->y});
  }
  const std::vector<long> geometric =
      place_points(layer.boundary, points, options.threads, options.progress);
  layer.area_of_child.assign(children.size(), -1);
  std::size_t code_column = 0;
  const bool by_code = !section.directory_code.empty();
  if (by_code) {
    const auto& cols = a.directory.code_columns;
    code_column = static_cast<std::size_t>(
        std::find(cols.begin(), cols.end(), section.directory_code) - cols.begin());
    layer.method = "directory code '" + section.directory_code + "'";
    layer.agreement = CodeAgreement{};
  } else {
    layer.method = "point in polygon";
  }
  for (std::size_t k = 0; k < counted.size(); ++k) {
    const std::size_t c = counted[k];
    long area = geometric[k];
    if (by_code) {
      const long coded = layer.boundary.find(children[c].home->codes[code_column]);
      if (coded >= 0 && geometric[k] >= 0) {
        ++layer.agreement->compared;
        layer.agreement->agree += coded == geometric[k];
      }
      area = coded;
    }
    layer.area_of_child[c] = area;
    layer.outside += area < 0;
  }
}

void check_thresholds(const Analysis& a) {
  const auto& cfg = a.config;
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

}  // namespace

Analysis analyse(const Config& config, const RunOptions& options) {
  Analysis a;
  a.config = config;
  require_metric_crs(config.run.crs, "[run] crs");
  std::vector<std::string> code_columns;
  for (const auto& l : config.layers)
    if (!l.directory_code.empty() &&
        std::find(code_columns.begin(), code_columns.end(), l.directory_code) == code_columns.end())
      code_columns.push_back(l.directory_code);
  {
    StageTimer t(a, "load boundaries", options.progress);
    for (const auto& section : config.layers) {
      LayerResult layer;
      layer.boundary = load_boundary_layer(section, config.run.crs);
      a.layers.push_back(std::move(layer));
    }
  }
  if (config.lookup) {
    StageTimer t(a, "load lookups", options.progress);
    a.lookup = load_vintage_lookup(*config.lookup, a.accounting);
  }
  {
    StageTimer t(a, "load postcode directory", options.progress);
    a.directory = load_directory(config.postcodes, config.run.crs, code_columns, a.accounting);
  }
  {
    StageTimer t(a, "geocode registrations", options.progress);
    a.registrations =
        load_registrations(config.registrations, config.run, a.directory, a.accounting);
  }
  {
    StageTimer t(a, "link attendance", options.progress);
    a.attendance = load_attendance(config.attendance, config.run, a.registrations, a.accounting);
  }
  if (config.centres) {
    StageTimer t(a, "load centres", options.progress);
    a.centres = load_centres(*config.centres, config.run.crs, a.directory, a.accounting);
  }
  check_thresholds(a);
  {
    StageTimer t(a, "place", options.progress);
    for (std::size_t i = 0; i < a.layers.size(); ++i)
      place_children(a.layers[i], config.layers[i], a, options);
  }
  {
    StageTimer t(a, "measure", options.progress);
    std::vector<LayerAreas> layer_areas;
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
      LayerResult& layer = a.layers[i];
      std::vector<std::optional<double>> population;
      if (config.population && config.population->layer == config.layers[i].name) {
        Population p = load_population(*config.population, layer.boundary, a.accounting,
                                       a.lookup ? &*a.lookup : nullptr);
        population = std::move(p.by_area);
        layer.population_estimate = p.estimate;
        layer.population_scale = p.scale;
        layer.population_vintage = std::move(p.vintage);
        layer.has_population = true;
        layer.population_unmatched_codes = p.unmatched_codes;
        layer.areas_without_population = p.areas_without;
      }
      layer.indicators =
          area_indicators(layer.boundary, layer.area_of_child, a.registrations, a.attendance,
                          config.run.sustained_min_contacts, population);
      // An estimated denominator says so on every row that has one.
      if (layer.population_estimate) {
        const int c_pop = layer.indicators.column("under5_population");
        layer.indicators.columns.push_back({"under5_population_estimated", ColumnKind::kFlag});
        for (auto& row : layer.indicators.rows)
          row.push_back(std::holds_alternative<double>(row[static_cast<std::size_t>(c_pop)])
                            ? Cell(true)
                            : Cell());
      }
      layer_areas.push_back({layer.boundary.name, &layer.area_of_child});
    }
    a.centre_table = centre_indicators(a.attendance, layer_areas, a.centres);
  }
  {
    StageTimer t(a, "analyse", options.progress);
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
      LayerResult& layer = a.layers[i];
      std::vector<std::optional<double>> decile, score;
      if (config.deprivation && config.deprivation->layer == config.layers[i].name) {
        const auto& d = *config.deprivation;
        std::vector<Column> columns;
        if (!d.decile.name.empty()) columns.push_back(d.decile);
        if (!d.score.name.empty()) columns.push_back(d.score);
        std::vector<Combine> how;
        if (!d.decile.name.empty()) how.push_back(Combine::kDecile);
        if (!d.score.name.empty()) how.push_back(Combine::kScore);
        const auto across = across_vintages(a.lookup ? &*a.lookup : nullptr, d.codes,
                                            layer.boundary, how, d.weight);
        AreaValues v =
            load_area_values(d.path, d.display, layer.boundary, d.area, columns, false,
                             "bad deprivation value", a.accounting, across ? &*across : nullptr);
        layer.deprivation_vintage = std::move(v.vintage);
        std::size_t c = 0;
        if (!d.decile.name.empty()) decile = std::move(v.values[c++]);
        if (!d.score.name.empty()) score = std::move(v.values[c++]);
      }
      layer.statistics = analyse_layer(layer, a, decile, score, options.threads);
    }
  }
  check_maps(a);
  return a;
}

std::string summarise(const Analysis& a, std::size_t examples_per_reason) {
  std::ostringstream s;
  for (const auto& [file, account] : a.accounting.files()) {
    s << file << ": " << account.rows << " rows, " << account.used << " used";
    if (account.excluded_total()) s << ", " << account.excluded_total() << " not counted";
    if (account.rejected_total()) s << ", " << account.rejected_total() << " rejected";
    s << "\n";
    for (const auto& [rule, n] : account.excluded)
      s << "    not counted: " << rule << ": " << n << "\n";
    for (const auto& [reason, n] : account.rejected) {
      s << "    rejected: " << reason << ": " << n << "\n";
      std::size_t shown = 0;
      for (const auto& r : a.accounting.rejects()) {
        if (shown >= examples_per_reason) break;
        if (r.file != file || r.reason != reason) continue;
        s << "      line " << r.line << (r.value.empty() ? "" : ": \"" + r.value + "\"") << "\n";
        ++shown;
      }
    }
  }
  s << "children counted: " << a.registrations.counted << " ("
    << a.registrations.terminated_postcodes << " at terminated postcodes";
  if (a.directory.has_usertype)
    s << ", " << a.registrations.large_user_postcodes << " at large-user postcodes";
  if (a.directory.has_quality)
    s << ", " << a.registrations.imputed_locations << " at imputed and "
      << a.registrations.approximate_locations << " at approximate locations";
  s << ")\n";
  s << "distinct contacts: " << a.attendance.distinct_contacts << " ("
    << a.attendance.duplicate_rows << " duplicate rows collapsed)\n";
  for (const auto& l : a.layers) {
    s << "layer " << l.boundary.name << ": " << l.boundary.areas.size() << " areas";
    if (l.boundary.repaired) s << ", " << l.boundary.repaired << " invalid polygons repaired";
    s << "; placed by " << l.method << "; " << l.outside << " children outside every area";
    if (l.agreement && l.agreement->compared)
      s << "; code and geometry agree for " << l.agreement->agree << " of "
        << l.agreement->compared;
    if (l.has_population)
      s << "; " << l.areas_without_population << " areas without population, "
        << l.population_unmatched_codes << " population codes not in the layer";
    s << "\n";
    const LayerStatistics& st = l.statistics;
    if (st.computed)
      s << "  statistics on " << st.included << " areas (" << st.left_out
        << " left out): Moran's I of " << st.variable << " = " << st.moran.I << " (pseudo-p "
        << st.moran.p_sim << "), " << st.low_low << " low-low and " << st.high_high
        << " high-high areas\n";
  }
  return s.str();
}

}  // namespace reachmap
