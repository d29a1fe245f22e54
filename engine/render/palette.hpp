// Colours: ColorBrewer schemes by name, and the fixed colours for no data, zero and outlines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace reachmap {

struct Rgb {
  double r, g, b;  // 0..1
  static Rgb hex(std::uint32_t v) {
    return {((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0};
  }
  std::string to_hex() const;  // "#rrggbb"
};

// The `classes`-colour version of a ColorBrewer scheme (3..9), lightest first for sequential
// schemes. Throws Error(kBadConfig) naming the schemes when the name or count is unknown.
std::vector<Rgb> brewer_palette(const std::string& name, int classes);
bool is_brewer_palette(const std::string& name);
std::vector<std::string> brewer_palette_names();

}  // namespace reachmap
