// RAII for GDAL handles and routing of GDAL's error messages into reachmap::Error.
#pragma once

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>

namespace reachmap::detail {

struct DatasetDeleter {
  void operator()(void* ds) const {
    if (ds) GDALClose(ds);
  }
};
using DatasetPtr = std::unique_ptr<void, DatasetDeleter>;

struct FeatureDeleter {
  void operator()(OGRFeatureH f) const {
    if (f) OGR_F_Destroy(f);
  }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

struct GeometryDeleter {
  void operator()(OGRGeometryH g) const {
    if (g) OGR_G_DestroyGeometry(g);
  }
};
using OgrGeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDeleter>;

struct SrsDeleter {
  void operator()(OGRSpatialReferenceH s) const {
    if (s) OSRRelease(s);
  }
};
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter>;

// Silences GDAL's stderr output for its lifetime; last_message() gives what GDAL said.
class QuietGdal {
 public:
  QuietGdal() {
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdal() { CPLPopErrorHandler(); }
  QuietGdal(const QuietGdal&) = delete;
  QuietGdal& operator=(const QuietGdal&) = delete;
  static std::string last_message() {
    const char* m = CPLGetLastErrorMsg();
    return m && *m ? m : "GDAL gave no reason";
  }
};

}  // namespace reachmap::detail
