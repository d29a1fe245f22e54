// Draws progress events: a bar on a terminal, plain lines otherwise, nothing when quiet.
#pragma once

#include "engine/core/progress.hpp"

namespace reachmap {

ProgressFn make_progress_printer(bool quiet);

}  // namespace reachmap
