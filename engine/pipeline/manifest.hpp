// manifest.json: what went in (with SHA-256), where every row went, how areas were placed,
// disclosure control, versions and seed, and the public files with their SHA-256.
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "engine/maps/maps.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/disclosure.hpp"

namespace reachmap {

// Every input file of the config, as the manifest lists them: its role, path and name.
struct InputFile {
  std::string role, path, display;
};
std::vector<InputFile> input_files(const Config& config);

// `statistics`: the public analysis of each layer (privacy/public_analysis.hpp).
std::string manifest_json(const Config& config, const Analysis& analysis, const RunRecord& record,
                          const std::vector<DisclosureSummary>& layers,
                          const DisclosureSummary& centres,
                          const std::vector<LayerStatistics>& statistics, const MapsResult& maps,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const RunOptions& options);

// private/manifest.json: the staff's analysis (of the true counts), the private files with
// their SHA-256 (paths relative to private/), the outreach pack, the thread count and the stage
// timings (nothing of it goes in the public manifest).
std::string private_manifest_json(const Analysis& analysis, const RunRecord& record,
                                  const std::vector<std::pair<std::string, std::string>>& files,
                                  const RunOptions& options);

}  // namespace reachmap
