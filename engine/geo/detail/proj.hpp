// RAII for PROJ handles, and PROJ's reason for a failure in words. Only geo/ uses PROJ.
#pragma once

#include <proj.h>

#include <memory>
#include <string>

namespace reachmap::detail {

struct ContextDeleter {
  void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
  void operator()(PJ* p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

inline std::string proj_message(PJ_CONTEXT* ctx) {
  const int err = proj_context_errno(ctx);
  return err ? proj_context_errno_string(ctx, err) : "unknown CRS";
}

}  // namespace reachmap::detail
