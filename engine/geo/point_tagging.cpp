#include "engine/geo/point_tagging.hpp"

#include <chrono>

#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/crs.hpp"
#include "engine/geo/layer_index_file.hpp"
#include "engine/geo/placement.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/io/csv_writer.hpp"

namespace reachmap {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

// Long by design: read, place and write in one pass, each phase timed for the summary.
PlaceSummary place_points_csv(const PlaceOptions& o) {
  PlaceSummary s;
  const bool projected = !o.x.empty() || !o.y.empty();
  if (projected == (!o.lat.empty() || !o.lon.empty()) ||
      (projected && (o.x.empty() || o.y.empty())) ||
      (!projected && (o.lat.empty() || o.lon.empty())))
    throw Error(ErrorCode::kBadConfig, "give either --x and --y (with --crs) or --lat and --lon",
                {"reachmap place"}, "e.g. --lat lat --lon long for WGS84 coordinates");
  require_metric_crs(o.analysis_crs, "--analysis-crs");
  LayerSource section;
  section.name = "layer";
  section.path = section.display = o.layer_path;
  section.layer = o.layer_name;
  section.id = o.id_field;
  auto t_layer = std::chrono::steady_clock::now();
  BoundaryLayer layer = load_layer_with_index(section, o.analysis_crs, o.threads);
  s.layer_seconds = since(t_layer);
  s.areas = layer.areas.size();
  s.index_note = layer.index_note;

  auto t0 = std::chrono::steady_clock::now();
  CsvReader csv(o.points);
  const std::size_t cx = csv.require_column(projected ? o.x : o.lon, projected ? "--x" : "--lon");
  const std::size_t cy = csv.require_column(projected ? o.y : o.lat, projected ? "--y" : "--lat");
  Transformer transformer(projected ? (o.crs.empty() ? o.analysis_crs : o.crs) : "EPSG:4326",
                          o.analysis_crs, o.points);
  std::vector<Point> points;
  std::vector<bool> usable;
  CsvRow row;
  while (csv.next(row)) {
    ++s.rows;
    std::string reason;
    auto x = parse_double(row.size() > cx ? row[cx] : ""),
         y = parse_double(row.size() > cy ? row[cy] : "");
    double px = x.value_or(0), py = y.value_or(0);
    if (auto problem = csv.field_count_problem(row); !problem.empty())
      reason = "wrong field count (" + problem + ")";
    else if (trim(row[cx]).empty() || trim(row[cy]).empty())
      reason = "missing coordinate";
    else if (!x || !y)
      reason = "bad coordinate";
    else if (!transformer.transform(px, py))
      reason = "coordinate cannot be transformed";
    if (!reason.empty()) {
      ++s.rejected;
      if (s.reject_examples.size() < 5)
        s.reject_examples.push_back(o.points + ":" + std::to_string(row.line) + ": " + reason);
    }
    points.push_back({px, py});
    usable.push_back(reason.empty());
  }
  s.read_seconds = since(t0);

  t0 = std::chrono::steady_clock::now();
  s.index_from_file = layer.index != nullptr;
  ensure_index(layer, o.threads);
  const AreaIndex& index = *layer.index;
  s.index_seconds = since(t0);
  s.index_leaves = index.stats().leaves;
  s.index_edge_leaves = index.stats().edge_leaves;

  t0 = std::chrono::steady_clock::now();
  std::vector<long> area = place_points(layer, index, points, o.threads, o.progress);
  for (std::size_t i = 0; i < area.size(); ++i) {
    if (!usable[i])
      area[i] = -1;
    else if (area[i] < 0)
      ++s.outside;
    else
      ++s.placed;
  }
  s.place_seconds = since(t0);

  t0 = std::chrono::steady_clock::now();
  if (!o.out_counts.empty()) {
    std::vector<std::size_t> counts(layer.areas.size(), 0);
    for (long a : area)
      if (a >= 0) ++counts[static_cast<std::size_t>(a)];
    AtomicTextFile out(o.out_counts);
    write_csv_row(out.out(), {name_of(Col::kAreaId), "count"});
    for (std::size_t a = 0; a < counts.size(); ++a)
      write_csv_row(out.out(), {layer.areas[a].id, std::to_string(counts[a])});
    out.commit();
  }
  if (!o.out_points.empty()) {
    AtomicTextFile out(o.out_points);
    std::vector<std::string> header = csv.header();
    // The added column must not repeat an input column's name (a later read would refuse it).
    std::string added = name_of(Col::kAreaId);
    for (int n = 2; csv.find_column(added) >= 0; ++n)
      added = "placed_area_id" + (n == 2 ? "" : "_" + std::to_string(n - 1));
    header.push_back(added);
    write_csv_row(out.out(), header);
    // A second pass over the input streams the rows out, so no row is held in memory.
    CsvReader again(o.points);
    std::vector<std::string> fields;
    for (std::size_t i = 0; again.next(row) && i < area.size(); ++i) {
      fields = row.to_strings();
      fields.resize(header.size() - 1);
      fields.push_back(area[i] >= 0 ? layer.areas[static_cast<std::size_t>(area[i])].id : "");
      write_csv_row(out.out(), fields);
    }
    out.commit();
  }
  s.write_seconds = since(t0);
  return s;
}

}  // namespace reachmap
