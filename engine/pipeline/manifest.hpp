// manifest.json: what went in (with SHA-256), where every row went, how areas were placed,
// disclosure control, versions, seed and timings.
#pragma once

#include <string>
#include <vector>

#include "engine/maps/maps.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

std::string manifest_json(const Config& config, const Analysis& analysis, const RunRecord& record,
                          const std::vector<DisclosureSummary>& layers,
                          const DisclosureSummary& centres, const MapsResult& maps,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const RunOptions& options);

}  // namespace reachmap
