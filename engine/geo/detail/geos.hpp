// RAII around the reentrant GEOS C API: one context per thread, geometries owned by unique_ptr.
#pragma once

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

#include <memory>
#include <string>

namespace reachmap::detail {

class GeosContext {
 public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  GEOSContextHandle_t get() const { return handle_; }
  const std::string& last_error() const { return last_error_; }

 private:
  static void on_error(const char* message, void* self);
  GEOSContextHandle_t handle_;
  std::string last_error_;
};

struct GeomDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(handle, g);
  }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(const GEOSPreparedGeometry* g) const {
    if (g) GEOSPreparedGeom_destroy_r(handle, g);
  }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

struct TreeDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSSTRtree* t) const {
    if (t) GEOSSTRtree_destroy_r(handle, t);
  }
};
using TreePtr = std::unique_ptr<GEOSSTRtree, TreeDeleter>;

inline GeomPtr own(const GeosContext& ctx, GEOSGeometry* g) {
  return GeomPtr(g, {ctx.get()});
}

// Geometry <-> WKB, the form geometries travel in between contexts and libraries.
GeomPtr from_wkb(const GeosContext& ctx, const std::string& wkb);
std::string to_wkb(const GeosContext& ctx, const GEOSGeometry* g);

}  // namespace reachmap::detail
