#include "engine/compare/change_map.hpp"

#include "engine/render/map_renderer.hpp"
#include "engine/render/palette.hpp"

namespace reachmap {

namespace {

constexpr double kLargeChange = 0.10;  // 10 percentage points

std::string period_words(const ReportInput& in) {
  const auto p = in.manifest.value("period", nlohmann::ordered_json::object());
  return p.value("from", std::string("?")) + " to " + p.value("to", std::string("?"));
}

}  // namespace

int change_class(const ReachChange& c) {
  if (!c.change) return -1;
  switch (c.flag) {
    case ChangeFlag::kNoClearChange:
      return 2;
    case ChangeFlag::kWorsened:
      return *c.change <= -kLargeChange ? 0 : 1;
    case ChangeFlag::kImproved:
      return *c.change >= kLargeChange ? 4 : 3;
    default:
      return -1;
  }
}

void draw_change_map(const std::vector<AreaChange>& changes, const std::vector<bool>& outreach,
                     const ReportLayer& layer, const ReportInput& before, const ReportInput& now,
                     const std::string& base_path) {
  MapData map;
  map.kind = MapKind::kCategories;
  map.title = "Change in seen reach by " + layer.name;
  map.subtitle = period_words(before) + " against " + period_words(now);
  map.legend_title = "Change in seen reach (95% interval by Newcombe's method)";
  // RdBu: red for worse, blue for better (readable with the common colour-vision deficiencies);
  // its white middle becomes a grey that reads as "nothing to see" beside the hatching.
  const auto rdbu = brewer_palette("RdBu", 5);
  map.categories = {{"worsened by 10 points or more", rdbu[0], ""},
                    {"worsened by less than 10 points", rdbu[1], ""},
                    {"no clear change", Rgb::hex(0xd9d9d9), ""},
                    {"improved by less than 10 points", rdbu[3], ""},
                    {"improved by 10 points or more", rdbu[4], ""}};
  map.legend_every_category = true;  // fixed breaks: the whole scale, on every map
  map.suppressed_label = "hidden in either period (a small count)";
  for (std::size_t r = 0; r < changes.size() && r < layer.shapes.size(); ++r) {
    MapArea a;
    a.rings = SharedRings(layer.shapes[r]);
    const Envelope e = a.rings.envelope();
    a.anchor = {(e.minx + e.maxx) / 2, (e.miny + e.maxy) / 2};
    a.suppressed = changes[r].seen.flag == ChangeFlag::kHidden;
    a.category = change_class(changes[r].seen);
    if (a.category >= 0) a.value = *changes[r].seen.change;
    if (outreach[r]) map.outlines.push_back({a.rings, a.anchor, ""});
    map.areas.push_back(std::move(a));
  }
  map.outlines_label = "outreach areas of " + period_words(before);
  for (const ReportCentre& c : now.centre_places)
    if (c.location) map.centres.push_back({c.location->x, c.location->y, ""});
  for (const auto& line : now.manifest.value("report", nlohmann::ordered_json::object())
                              .value("attribution", nlohmann::ordered_json::array()))
    if (line.is_string()) map.attribution.push_back(line.get<std::string>());
  render_map(map, base_path, {MapFormat::kPng, MapFormat::kSvg, MapFormat::kPdf}, 150);
}

}  // namespace reachmap
