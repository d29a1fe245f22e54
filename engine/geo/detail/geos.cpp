#include "engine/geo/detail/geos.hpp"

#include <cstdlib>

namespace reachmap::detail {

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() {
  GEOS_finish_r(handle_);
}

void GeosContext::on_error(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
}

GeomPtr from_wkb(const GeosContext& ctx, const std::string& wkb) {
  GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx.get());
  GEOSGeometry* g = GEOSWKBReader_read_r(
      ctx.get(), reader, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size());
  GEOSWKBReader_destroy_r(ctx.get(), reader);
  return own(ctx, g);
}

std::string to_wkb(const GeosContext& ctx, const GEOSGeometry* g) {
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(ctx.get());
  GEOSWKBWriter_setByteOrder_r(ctx.get(), writer, GEOS_WKB_NDR);
  std::size_t size = 0;
  unsigned char* buf = GEOSWKBWriter_write_r(ctx.get(), writer, g, &size);
  GEOSWKBWriter_destroy_r(ctx.get(), writer);
  std::string out(reinterpret_cast<const char*>(buf), size);
  GEOSFree_r(ctx.get(), buf);
  return out;
}

}  // namespace reachmap::detail
