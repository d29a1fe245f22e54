// Timing and memory figures for the benchmarks.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <string>

#include "engine/geo/boundary_layer.hpp"

#ifndef REACHMAP_SHARED_DATA
#define REACHMAP_SHARED_DATA "../shared/data"
#endif

namespace reachmap::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Peak resident memory of this process so far, in MiB.
inline double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// The default inputs: all 34,753 LSOAs (2011, BGC) of England and Wales.
inline const std::string kSharedData = REACHMAP_SHARED_DATA;
inline const std::string kNationalLsoas = kSharedData + "/boundaries/lsoa11_ew_bgc.gpkg";

// A boundary layer in British National Grid, as a run loads it.
inline BoundaryLayer load_layer(const std::string& path, const std::string& id_field) {
  LayerSource section;
  section.name = "lsoa";
  section.path = section.display = path;
  section.id = id_field;
  return load_boundary_layer(section, "EPSG:27700");
}

}  // namespace reachmap::bench
