// What a run used, rejected and found, as text for the console (`reachmap run` at its end and
// `reachmap check`). Counts of children are shown as the public outputs would state them.
#pragma once

#include <cstddef>
#include <string>

#include "engine/analysis/analysis.hpp"

namespace reachmap {

// The lines of the first `examples_per_reason` rejected rows of each reason are listed; their
// values (child ids, postcodes, dates: personal data) only with `show_values`.
std::string summarise(const Analysis& analysis, std::size_t examples_per_reason,
                      bool show_values = false);

}  // namespace reachmap
