// Which area of a layer each home is in: by the directory's code for the layer when the config
// names one (the geometric placement is still made and the agreement counted), else by point
// in polygon. Used for children and for the directory's own postcodes (population weights).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"

namespace reachmap {

struct CodeAgreement {
  std::size_t compared = 0;  // homes with both a directory code and a geometric placement
  std::size_t agree = 0;
};

// How homes were placed in a layer's areas; decisions use the kind, messages the sentence.
struct PlacementMethod {
  enum class Kind { kPointInPolygon, kDirectoryCode } kind = Kind::kPointInPolygon;
  std::string code_column;  // kDirectoryCode: the directory's column of area codes
  bool by_code() const { return kind == Kind::kDirectoryCode; }
  // "point in polygon" or "directory code 'lsoa21cd'" (the console and the manifest).
  std::string sentence() const {
    return by_code() ? "directory code '" + code_column + "'" : "point in polygon";
  }
};

struct LayerPlacement {
  std::vector<long> area;  // per home: area index, -1 outside every area
  PlacementMethod method;
  std::optional<CodeAgreement> agreement;
  std::size_t outside = 0;
};

LayerPlacement place_homes(const BoundaryLayer& layer, const LayerSource& section,
                           const PostcodeDirectory& directory,
                           const std::vector<const DirectoryEntry*>& homes, int threads,
                           const ProgressFn& progress = {});

// The directory's postcodes where people live: located, not terminated, not large users; in
// postcode order (a deterministic order for weights).
std::vector<const DirectoryEntry*> residential_postcodes(const PostcodeDirectory& directory);

}  // namespace reachmap
