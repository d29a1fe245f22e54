// The maps of a run: builds what each map shows from the public (disclosure-controlled)
// tables, draws it in every requested format, and makes the QGIS styles for the GeoPackage.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/analysis/analysis.hpp"
#include "engine/io/gpkg_writer.hpp"
#include "engine/outreach/families.hpp"
#include "engine/render/map_composition.hpp"

namespace reachmap {

// Above this many areas (or funnel points) default maps are PNG only: SVG and PDF of a
// national LSOA map are 35-190 MB files that viewers cannot open.
inline constexpr std::size_t kVectorMapAreaLimit = 5000;

struct MapsResult {
  std::vector<std::string> files;  // relative to the output folder
  // One per default map of a layer (the first is the layer's default), an outline style for a
  // layer with none, and the centres'.
  std::vector<LayerStyle> styles;
  // Per public choropleth ("seen_reach_neighbourhood"): areas under each legend row.
  std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> legends;
};

// Who a set of maps is for: the public (tables after disclosure control; QGIS styles too) or
// the staff (private/: the unsuppressed tables, PNG only, and where the children live).
enum class MapAudience { kPublic, kStaff };

// Which of the staff's maps to draw: their copies of the maps and funnel plots (the true
// figures: nothing of disclosure control, so they can be drawn while it runs), the families
// maps (over the public classes), or both.
enum class StaffMaps { kAll, kFigures, kFamilies };

// Each layer's indicators as the audience may see them and its analysis (the public one, or the
// staff's of the true counts), by layer: pointed to, not copied (a national layer's table is
// over 100 MB).
struct LayerFigures {
  std::vector<const Table*> tables;
  std::vector<const LayerStatistics*> statistics;
  // The public tables and their analysis (privacy/protect.hpp).
  static LayerFigures of(const std::vector<Table>& tables,
                         const std::vector<LayerStatistics>& statistics);
  // The analysis's own: the staff's.
  static LayerFigures staff_of(const Analysis& analysis);
};

// Draws `figures` on up to `threads` threads; the files are the same at any thread count. The
// staff's families maps draw the public classes under the children (`public_tables`; the
// figures' when null), where `families` says they live (children_by_postcode of the analysis;
// made here when null). `planned`, when given, is called with the result (files, styles,
// legends) once every map is built and before any is drawn: what waits only for the styles
// (the GeoPackage) can start then.
MapsResult draw_maps(const Analysis& analysis, const std::vector<MapSpec>& requested,
                     const LayerFigures& figures, const std::string& out_dir, int threads = 1,
                     MapAudience audience = MapAudience::kPublic,
                     const std::vector<Table>* public_tables = nullptr,
                     const std::vector<PostcodeChildren>* families = nullptr,
                     const std::function<void(const MapsResult&)>& planned = {},
                     StaffMaps staff_maps = StaffMaps::kAll);

// Prepares the PNG pages of the layers `requested` maps (render/map_renderer.hpp's
// prepare_png_pages): the largest two, whose first maps cost most (the pages' caches keep four
// of each, for the rest). Called at nice 19 before the staff's maps are drawn at SCHED_IDLE,
// so that the public maps never wait on an idle thread for what they share.
void prepare_map_pages(const Analysis& analysis, const std::vector<MapSpec>& requested);

// Checks every map's layer, indicator and palette (before anything is written).
void check_maps(const Analysis& analysis, const std::vector<MapSpec>& requested);

// "Under-5 population is an estimate: ..." for a layer whose denominator is one (maps'
// notes and the manifest).
std::string population_note(const LayerResult& layer);

// The maps a run draws: those requested (the config's [[maps]]), or the defaults when none is.
std::vector<MapSpec> maps_to_draw(const Analysis& analysis, const std::vector<MapSpec>& requested);

}  // namespace reachmap
