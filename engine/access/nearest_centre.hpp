// Access: the straight-line distance from where an area's people live to the nearest centre.
#pragma once

#include <vector>

#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/directory.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/measure/centres.hpp"

namespace reachmap {

// Where each area's people live: the mean position of the directory's located postcodes inside
// it (each postcode once), a proxy for the population-weighted centroid; the area's inside
// point when no postcode falls in it.
std::vector<XY> people_centroids(const BoundaryLayer& layer, const PostcodeDirectory& directory,
                                 int threads);

// Kilometres from each point to the nearest centre (infinity without centres).
std::vector<double> nearest_centre_km(const std::vector<XY>& points,
                                      const std::vector<Centre>& centres);

}  // namespace reachmap
