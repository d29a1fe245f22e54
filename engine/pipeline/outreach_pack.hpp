// The outreach pack (private/outreach/): for the first areas of each layer's outreach list and
// for each centre's reach area, a one-page PDF for an outreach worker and, beside it, a CSV of
// the child ids behind its "registered, not seen" counts, for the centre's own records.
#pragma once

#include <string>
#include <vector>

#include "engine/pipeline/pipeline.hpp"

namespace reachmap {

// Writes the pack into `private_dir`/outreach; returns its files, relative to `private_dir`.
std::vector<std::string> write_outreach_pack(const Analysis& analysis,
                                             const std::string& private_dir, int threads);

}  // namespace reachmap
