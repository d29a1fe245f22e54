// Which vintage an input's area codes are on (population, deprivation): shared by their sources
// and the vintage lookup that carries values between vintages.
#pragma once

namespace reachmap {

// Which vintage the area codes of an input are on: the layer's own, or the old or new side
// of the [lookups] table (then values are carried across to the layer's codes).
enum class CodeVintage { kLayer, kOld, kNew };

}  // namespace reachmap
