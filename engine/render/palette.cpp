#include "engine/render/palette.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "engine/core/error.hpp"

namespace reachmap {

namespace {
struct Scheme {
  const char* name;
  bool diverging;
  std::array<std::array<std::uint32_t, 9>, 7> colours;  // [classes - 3][i]
};

constexpr Scheme kSchemes[] = {
#include "engine/render/colorbrewer_data.inc"
};

const Scheme* find(const std::string& name) {
  for (const auto& s : kSchemes)
    if (name == s.name) return &s;
  return nullptr;
}
}  // namespace

std::string Rgb::to_hex() const {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(r * 255)),
                static_cast<int>(std::lround(g * 255)), static_cast<int>(std::lround(b * 255)));
  return buf;
}

bool is_brewer_palette(const std::string& name) {
  return find(name) != nullptr;
}

std::vector<std::string> brewer_palette_names() {
  std::vector<std::string> names;
  for (const auto& s : kSchemes) names.emplace_back(s.name);
  return names;
}

std::vector<Rgb> brewer_palette(const std::string& name, int classes) {
  const Scheme* s = find(name);
  if (!s) {
    std::string list;
    for (const auto& n : brewer_palette_names()) list += (list.empty() ? "" : ", ") + n;
    throw Error(ErrorCode::kBadConfig, "unknown palette '" + name + "'", {"[[maps]] palette"},
                "use a ColorBrewer scheme: " + list);
  }
  if (classes < 1 || classes > 9)
    throw Error(ErrorCode::kBadConfig,
                "palettes have 3 to 9 classes, not " + std::to_string(classes), {"[[maps]] count"},
                "choose count from 3 to 9");
  std::vector<Rgb> out;
  if (classes < 3) {  // fewer classes (e.g. few distinct values): ends of the 3-class scheme
    const auto& row = s->colours[0];
    if (classes == 1) return {Rgb::hex(row[1])};
    return {Rgb::hex(row[0]), Rgb::hex(row[2])};
  }
  const auto& row = s->colours[static_cast<std::size_t>(classes - 3)];
  for (int i = 0; i < classes; ++i) out.push_back(Rgb::hex(row[static_cast<std::size_t>(i)]));
  return out;
}

}  // namespace reachmap
