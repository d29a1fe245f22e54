// One page for an outreach worker (A4 portrait PDF): an area zoomed with its streets, every
// postcode in it marked with the children registered but not seen and known but not
// registered, a table of those postcodes with their streets, and the nearest centres. Personal
// data: the page says so.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/geo/basemap.hpp"
#include "engine/render/map_model.hpp"

namespace reachmap {

struct SheetPostcode {
  std::string postcode, street;  // street: the nearest named road, when the basemap has one
  double x = 0, y = 0;
  int seen = 0, not_seen = 0, not_registered = 0;
};

struct OutreachSheet {
  std::string title, subtitle;
  std::vector<std::string> facts;         // the area's figures, a line each
  std::vector<std::vector<Ring>> focus;   // the area (a reach area: several)
  std::vector<std::vector<Ring>> nearby;  // the layer's other areas, as outlines for context
  std::shared_ptr<const Basemap> basemap;
  std::vector<SheetPostcode> postcodes;  // in the area, most children to find first
  std::vector<MapPoint> centres;
  std::vector<std::string> nearest_centres;  // "Castle Hill Family Hub: 0.6 km"
  bool with_known = false;                   // [known_children] given
  std::vector<std::string> notes;            // small print at the foot
};

// Writes the sheet as a one-page PDF at `path` (atomically).
void render_outreach_sheet(const OutreachSheet& sheet, const std::string& path);

// The postcodes' table rows that fit on the page (the rest are in the sheet's CSV).
inline constexpr std::size_t kSheetTableRows = 56;

}  // namespace reachmap
