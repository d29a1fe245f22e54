// A boundary layer's index file (`reachmap index LAYER`): the layer read, transformed to the
// analysis CRS, repaired and indexed once, kept beside it as
// "<file>.<id field>-<settings tag>.reachmap-index" and memory-mapped by every later run that
// reads the layer with the same settings, which then neither reads, transforms, repairs nor
// indexes it again (a national layer: about 5 s saved). It keeps the areas' shared points too
// (shared_points.hpp), at the snap of the run or config that wrote it, from which a run with
// that snap makes its contiguity weights (nationally another second of CPU).
//
// The settings that shape the layer (layer name, id and label fields, filter, analysis CRS)
// name the file, so two layers of one GeoPackage keep a file each, and are written inside it.
// The file is keyed by the layer's content (a hash of every file GDAL lists for the source) and
// by the build (this format, GDAL, GEOS and PROJ versions): a run finds it stale when either
// changed, rebuilds it and writes it again. The run says which (BoundaryLayer::index_note).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "engine/geo/boundary_layer.hpp"

namespace reachmap {

// Where the index file of the layer goes: beside it, named by its settings.
std::string layer_index_path(const LayerSource& section, const std::string& analysis_crs);

struct LayerIndexWritten {
  std::string path;
  std::size_t bytes = 0, areas = 0, leaves = 0, repaired = 0;
  double seconds = 0;
};

// Reads, repairs and indexes the layer (on `threads` threads) and writes its index file,
// replacing any file there atomically; with `snap`, the areas' shared points at that snap go in
// too (shared_points.hpp). Throws Error as load_boundary_layer does, and Error(kOutput) when the
// file cannot be written.
LayerIndexWritten write_layer_index(const LayerSource& section, const std::string& analysis_crs,
                                    int threads, std::optional<double> snap = std::nullopt);

// The layer through its index file when one is there and current (layer.index set, nothing read
// but the file and a hash of the layer's bytes); otherwise read as load_boundary_layer does and,
// when the file is stale or damaged, indexed and (with `rewrite`) the file written again.
// Without an index file this is load_boundary_layer. layer.index_note says what happened.
// layer.shared_points: what the file kept; a file written again keeps them at `snap` (none
// without), and the layer has them.
BoundaryLayer load_layer_with_index(const LayerSource& section, const std::string& analysis_crs,
                                    int threads, bool rewrite = true,
                                    std::optional<double> snap = std::nullopt);

}  // namespace reachmap
