#include "engine/geo/crs.hpp"

#include <cmath>

#include "engine/core/error.hpp"
#include "engine/geo/detail/proj.hpp"

namespace reachmap {
using detail::ContextPtr;
using detail::PjPtr;
using detail::proj_message;

// One PJ_CONTEXT per Transformer: a Transformer is used from one thread at a time.
struct Transformer::Impl {
  ContextPtr ctx{proj_context_create()};
  PjPtr op;
  std::string single;                  // description when PROJ chose one operation up front
  mutable std::set<std::string> used;  // sampled operations when it chooses per point
  mutable std::size_t calls = 0;
};

Transformer::Transformer(const std::string& source, const std::string& target,
                         const std::string& what)
    : impl_(std::make_unique<Impl>()) {
  PJ_CONTEXT* ctx = impl_->ctx.get();
  proj_log_level(ctx, PJ_LOG_NONE);
  PjPtr src(proj_create(ctx, source.c_str()));
  if (!src)
    throw Error(ErrorCode::kBadConfig, "PROJ does not know the CRS '" + source + "'", {what},
                "use an EPSG code such as \"EPSG:27700\" (British National Grid)");
  PjPtr dst(proj_create(ctx, target.c_str()));
  if (!dst)
    throw Error(ErrorCode::kBadConfig, "PROJ does not know the CRS '" + target + "'", {"[run] crs"},
                "use an EPSG code such as \"EPSG:27700\" (British National Grid)");
  PjPtr op(proj_create_crs_to_crs_from_pj(ctx, src.get(), dst.get(), nullptr, nullptr));
  if (!op)
    throw Error(ErrorCode::kBadConfig,
                "no transformation from '" + source + "' to '" + target + "': " + proj_message(ctx),
                {what}, "check both CRS definitions");
  PjPtr norm(proj_normalize_for_visualization(ctx, op.get()));
  if (!norm)
    throw Error(ErrorCode::kInternal, "cannot normalise the axis order: " + proj_message(ctx),
                {what});
  impl_->op = std::move(norm);
  // With several candidate operations PROJ picks one per point (by area of use).
  {
    PJ_PROJ_INFO info = proj_pj_info(impl_->op.get());
    const std::string d = info.description ? info.description : "";
    if (d.rfind("unavailable", 0) != 0) impl_->single = d;
  }
  identity_ = proj_is_equivalent_to(src.get(), dst.get(), PJ_COMP_EQUIVALENT) != 0;
}

Transformer::~Transformer() = default;

std::string Transformer::description() const {
  if (!impl_->single.empty()) return impl_->single;
  std::string s;
  for (const auto& d : impl_->used) s += (s.empty() ? "" : "; ") + d;
  return s.empty() ? "no point transformed yet" : s;
}
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

bool Transformer::transform(double& x, double& y) const {
  if (identity_) return std::isfinite(x) && std::isfinite(y);
  PJ_COORD c = proj_coord(x, y, 0, 0);
  c = proj_trans(impl_->op.get(), PJ_FWD, c);
  if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y)) return false;
  if (impl_->single.empty() && impl_->calls++ % 4096 == 0) {
    PjPtr last(proj_trans_get_last_used_operation(impl_->op.get()));
    if (last) {
      PJ_PROJ_INFO info = proj_pj_info(last.get());
      if (info.description) impl_->used.insert(info.description);
    }
  }
  x = c.xy.x;
  y = c.xy.y;
  return true;
}

void require_metric_crs(const std::string& crs, const std::string& config_key) {
  ContextPtr ctx(proj_context_create());
  proj_log_level(ctx.get(), PJ_LOG_NONE);
  PjPtr pj(proj_create(ctx.get(), crs.c_str()));
  if (!pj)
    throw Error(ErrorCode::kBadConfig, "PROJ does not know the CRS '" + crs + "'", {config_key},
                "use an EPSG code such as \"EPSG:27700\" (British National Grid)");
  const PJ_TYPE type = proj_get_type(pj.get());
  bool metric = false;
  if (type == PJ_TYPE_PROJECTED_CRS) {
    PjPtr cs(proj_crs_get_coordinate_system(ctx.get(), pj.get()));
    double factor = 0;
    if (cs && proj_cs_get_axis_info(ctx.get(), cs.get(), 0, nullptr, nullptr, nullptr, &factor,
                                    nullptr, nullptr, nullptr))
      metric = std::fabs(factor - 1.0) < 1e-12;
  }
  if (!metric)
    throw Error(ErrorCode::kBadConfig, "the analysis CRS '" + crs + "' is not projected in metres",
                {config_key}, "use a projected CRS in metres, e.g. \"EPSG:27700\"");
}

}  // namespace reachmap

namespace reachmap {
std::string proj_version() {
  return proj_info().release;
}
}  // namespace reachmap
