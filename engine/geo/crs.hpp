// Coordinate transformation through PROJ, in the traditional GIS axis order (x = easting or
// longitude, y = northing or latitude) whatever the CRS definition says.
#pragma once

#include <memory>
#include <set>
#include <string>

namespace reachmap {

class Transformer {
 public:
  // `source` and `target` are anything PROJ accepts: "EPSG:4326", WKT, PROJJSON.
  // `what` names the input for error messages.
  Transformer(const std::string& source, const std::string& target, const std::string& what);
  ~Transformer();
  Transformer(Transformer&&) noexcept;
  Transformer& operator=(Transformer&&) noexcept;

  // Transforms in place; false if PROJ cannot transform the point.
  bool transform(double& x, double& y) const;
  // The operations PROJ used (e.g. "Inverse of OSGB36 to WGS 84 (6) + British National Grid"),
  // sampled from the first point and every 4096th after it; "; "-separated when several.
  std::string description() const;
  bool is_identity() const { return identity_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool identity_ = false;
};

// Throws Error(kBadConfig) unless `crs` is a projected CRS in metres.
void require_metric_crs(const std::string& crs, const std::string& config_key);

}  // namespace reachmap

namespace reachmap {
std::string proj_version();
}  // namespace reachmap
