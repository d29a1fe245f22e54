// The counts of children a run states outside its tables (the manifest, the console): children
// counted, at terminated postcodes, known children matched, children outside each layer, ...,
// as a public output may state them: a small one as its band under suppress, rounded under
// round, and under perturb perturbed by the cell key of the very children it counts (the same
// set has the same key wherever it is published).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "engine/analysis/analysis.hpp"

namespace reachmap {

// Analysis::headline once the pipeline has made it (the manifest, the report and the console
// each ask: a pass over two million children nationally), else made now.
HeadlineCounts headline_counts(const Analysis& a);

// As published: a number, or a band ("0-4").
std::variant<std::int64_t, std::string> published(const HeadlineCount& c, const PrivacyRule& rule);
// In words ("fewer than 5" for a band).
std::string published_text(const HeadlineCount& c, const PrivacyRule& rule);

}  // namespace reachmap
