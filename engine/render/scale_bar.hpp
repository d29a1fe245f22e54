// Scale bar length: a round number of metres (1, 2 or 5 times a power of ten) that fits in a
// given share of the map's width on the ground.
#pragma once

#include <string>

namespace reachmap {

double round_scale_length(double metres_across, double max_share = 0.25);
// "500 m", "2 km", "1.5 km"
std::string scale_label(double metres);

}  // namespace reachmap
