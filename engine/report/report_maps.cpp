// The interactive map of each layer (one focusable shape per area, a switch between
// indicators, the area's figures on hover or focus) and the page of each centre (its reach
// area zoomed).
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/render/classify.hpp"
#include "engine/render/map_composition.hpp"
#include "engine/render/map_model.hpp"
#include "engine/render/palette.hpp"
#include "engine/render/png_image.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap::report {

namespace {

constexpr double kMapWidth = 760, kMapMaxHeight = 860;
constexpr int kStaticMapWidth = 1800;  // pixels

// One indicator the map can switch to: a legend and, per area, its row of the legend.
struct MapChoice {
  std::string key, title;
  std::vector<std::pair<std::string, std::string>> legend;  // label, colour ("" = hatched)
  std::vector<int> fill;                                    // by area: a legend row
};

bool is_count(const std::string& key) {
  const Indicator indicator(key);
  return indicator.is(Col::kUnreachedChildren) || indicator.is(Col::kKnownNotRegistered);
}

MapChoice classify(const ReportLayer& layer, const std::string& key, const Context& c) {
  MapChoice ind;
  ind.key = key;
  ind.title = describe_indicator(Indicator(key));
  const TextTable& t = layer.areas;
  const std::size_t n = t.size();
  ind.fill.assign(n, -1);
  const bool low_first = higher_is_better(Indicator(key));
  // Rows shared by every indicator: hidden, and no data.
  ind.legend.push_back({"hidden: " + c.hidden_words, ""});
  ind.legend.push_back({no_data_label(), no_data_colour().to_hex()});
  // A group count (seen_with_father) is hidden without flagging its row: blank beside a
  // registered count, it or a rate of it is hidden, not without data.
  const auto id = Indicator(key).id();
  const std::optional<Col> group_count =
      !id                                                ? std::nullopt
      : column_spec(*id).kind == ColumnKind::kGroupCount ? id
      : column_spec(*id).derives_from &&
              column_spec(*column_spec(*id).derives_from).kind == ColumnKind::kGroupCount
          ? column_spec(*id).derives_from
          : std::nullopt;
  const auto suppressed = [&](std::size_t r) {
    if (t.get(r, name_of(Col::kSuppressed)) == "true") return true;
    return group_count && t.get(r, name_of(*group_count)).empty() && t.get(r, key).empty() &&
           !t.get(r, name_of(Col::kRegisteredChildren)).empty();
  };
  if (const auto* cats = indicator_categories(Indicator(key))) {
    for (const auto& cat : *cats) ind.legend.push_back({cat.legend_text(), cat.colour.to_hex()});
    for (std::size_t r = 0; r < n; ++r) {
      const std::string& v = t.get(r, key);
      ind.fill[r] = suppressed(r) ? 0 : 1;
      for (std::size_t k = 0; k < cats->size(); ++k)
        if ((*cats)[k].label == v) ind.fill[r] = int(k) + 2;
    }
    return ind;
  }
  const bool percent = key.find("_reach") != std::string::npos || is_share_column(key);
  std::vector<double> values;
  for (std::size_t r = 0; r < n; ++r)
    if (const auto v = t.number(r, key); v && (low_first || *v != 0)) values.push_back(*v);
  const Classes classes = classify_quantile(values, 5);
  std::vector<Rgb> colours;
  if (classes.count() > 0)
    colours = brewer_palette(low_first                                ? "YlGnBu"
                             : Indicator(key).is(Col::kPriorityScore) ? "YlOrRd"
                                                                      : "OrRd",
                             std::max(3, classes.count()));
  if (low_first) std::reverse(colours.begin(), colours.end());
  if (classes.count() > 0 && classes.count() < 3)  // palettes start at 3 classes
    colours.erase(colours.begin() + (low_first ? 0 : 3 - classes.count()),
                  colours.begin() + (low_first ? 3 - classes.count() : 3));
  const int zero_row = low_first ? -1 : int(ind.legend.size());
  if (!low_first) ind.legend.push_back({is_count(key) ? "none" : "0", zero_colour().to_hex()});
  const int first = int(ind.legend.size());
  for (int k = 0; k < classes.count(); ++k)
    ind.legend.push_back({class_label(classes, k, percent), colours[std::size_t(k)].to_hex()});
  for (std::size_t r = 0; r < n; ++r) {
    const auto v = t.number(r, key);
    if (!v) {
      ind.fill[r] = suppressed(r) && t.number(r, name_of(Col::kUnder5Population)) ? 0 : 1;
      continue;
    }
    ind.fill[r] = (*v == 0 && zero_row >= 0) ? zero_row
                  : classes.count() > 0      ? first + classes.class_of(*v)
                                             : 1;
  }
  return ind;
}

// The figures of an area as label/value rows: the details panel and the shape's label.
std::vector<std::pair<std::string, std::string>> area_rows(const ReportLayer& layer,
                                                           std::size_t r) {
  const TextTable& t = layer.areas;
  const auto count = [&](const std::string& k) { return count_of(t, r, k); };
  const auto share = [&](const std::string& k) { return share_of(t, r, k); };
  std::vector<std::pair<std::string, std::string>> rows;
  if (const auto pop = t.number(r, name_of(Col::kUnder5Population)))
    rows.push_back({"Children under 5", whole(*pop)});
  rows.push_back({"Registered", count(name_of(Col::kRegisteredChildren))});
  rows.push_back({"Seen at least once", count(name_of(Col::kSeenChildren))});
  if (t.column(Col::kSeenReach) >= 0) {
    rows.push_back({"Seen reach (95% interval)", share(name_of(Col::kSeenReach))});
    rows.push_back({"Registered reach", share(name_of(Col::kRegisteredReach))});
  }
  if (t.column(Col::kUnreachedChildren) >= 0)
    rows.push_back({"Not seen", count(name_of(Col::kUnreachedChildren))});
  if (t.column(Col::kKnownNotRegistered) >= 0)
    rows.push_back({"Known to health, not registered", count(name_of(Col::kKnownNotRegistered))});
  if (const auto rank = t.number(r, name_of(Col::kPriorityRank)))
    rows.push_back(
        {"Outreach priority", "number " + whole(*rank) + " of " + whole(double(t.size()))});
  if (const auto d = t.number(r, name_of(Col::kImdDecile)))
    rows.push_back({"Deprivation decile", whole(*d) + (*d <= 1.5 ? " (most deprived)" : "")});
  if (const auto km = t.number(r, name_of(Col::kNearestCentreKm))) {
    std::ostringstream s;
    s.precision(1);
    s << std::fixed << *km << " km";
    rows.push_back({"Nearest centre", s.str()});
  }
  std::string flags;
  const std::string& funnel = t.get(r, name_of(Col::kFunnelFlag));
  if (!funnel.empty() && funnel != "within") flags = "reach " + funnel + " funnel limit";
  const std::string& lisa = t.get(r, name_of(Col::kLisaCluster));
  if (lisa == "low-low")
    flags += std::string(flags.empty() ? "" : "; ") + "in a cluster of low reach";
  if (t.get(r, name_of(Col::kSuppressed)) == "true")
    flags += std::string(flags.empty() ? "" : "; ") + "small counts hidden";
  if (!flags.empty()) rows.push_back({"Flags", flags});
  return rows;
}

std::string hatch_pattern(const std::string& id) {
  return "<pattern id=\"" + id +
         "\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#444\" stroke-width=\"2\"/>"
         "</pattern>";
}

std::string fill_of(const MapChoice& ind, std::size_t r, const std::string& hatch_id) {
  const std::string& colour = ind.legend[std::size_t(ind.fill[r])].second;
  return colour.empty() ? "url(#" + hatch_id + ")" : colour;
}

std::string legend_html(const MapChoice& ind, const std::string& hatch_id,
                        const std::vector<int>& used, bool counts = true) {
  std::string h =
      "<p class=\"legend-title\">" + esc(ind.title) +
      (higher_is_better(Indicator(ind.key)) ? " (darkest: lowest, outreach first)" : "") +
      "</p><ul class=\"legend\">";
  for (std::size_t k = 0; k < ind.legend.size(); ++k) {
    if (!used[k]) continue;
    const auto& [label, colour] = ind.legend[k];
    h += "<li><svg width=\"18\" height=\"14\" aria-hidden=\"true\"><rect width=\"18\" "
         "height=\"14\" stroke=\"#555\" fill=\"" +
         (colour.empty() ? "url(#" + hatch_id + ")" : colour) + "\"/></svg> " + esc(label) +
         (counts ? " <span class=\"n\">(" + std::to_string(used[k]) + ")</span>" : "") + "</li>";
  }
  return h + "</ul>";
}

std::vector<int> legend_use(const MapChoice& ind) {
  std::vector<int> used(ind.legend.size(), 0);
  for (int f : ind.fill) ++used[std::size_t(f)];
  return used;
}

Envelope extent_of(const ReportLayer& layer) {
  Envelope e;
  for (const auto& s : layer.shapes) e.add(envelope_of(s));
  return e;
}

std::string centre_marks(const Context& c, const SvgView& v, const Envelope& within, bool labels) {
  std::string h = "<g class=\"centres\" aria-hidden=\"true\">";
  for (const auto& place : c.in.centre_places) {
    if (!place.location) continue;
    const XY p = *place.location;
    if (p.x < within.minx || p.x > within.maxx || p.y < within.miny || p.y > within.maxy) continue;
    const XY q = v.to(p.x, p.y);
    h += "<circle cx=\"" + px(q.x) + "\" cy=\"" + px(q.y) + "\" r=\"5\"/>";
    if (labels)
      h += "<text x=\"" + px(q.x + 8) + "\" y=\"" + px(q.y + 4) + "\">" +
           esc(c.in.centres.get(place.row, name_of(Col::kCentreName))) + "</text>";
  }
  return h + "</g>";
}

// A layer of very many areas: the run's own seen-reach map, inside the page.
std::string static_map_section(const Context& c, const ReportLayer& layer) {
  const std::string L = layer.name;
  std::string h = "<section class=\"map-section static\" id=\"map-" + esc(L) +
                  "\" aria-labelledby=\"map-" + esc(L) + "-h\"><h2 id=\"map-" + esc(L) +
                  "-h\">Map of the " + whole(double(layer.areas.size())) + " areas of layer ‘" +
                  esc(L) +
                  "’</h2><p class=\"lede\">Too many areas to "
                  "explore one by one here: this is the run's map of seen reach; "
                  "<code>reachmap.gpkg</code> holds every area's figures for QGIS.</p>";
  std::ifstream png(c.in.folder + "/maps/seen_reach_" + L + ".png", std::ios::binary);
  if (png) {
    const std::string bytes((std::istreambuf_iterator<char>(png)),
                            std::istreambuf_iterator<char>());
    // The 300 dpi page at half its width: still twice the pixels the page shows it at (900
    // CSS px), and Chromium prints the report 0.4 s sooner nationally.
    h += "<img class=\"static-map\" alt=\"Map of seen reach by area of layer " + esc(L) +
         "\" src=\"data:image/png;base64," + base64(png_at_most(bytes, kStaticMapWidth)) + "\">";
  }
  return h + "</section>";
}

// Very many centres (a region, the country): the ones whose reach areas are reached least.
std::string centres_table(const Context& c) {
  const TextTable& t = c.in.centres;
  std::vector<std::pair<double, std::size_t>> by_reach;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (const auto reach = t.number(r, name_of(Col::kSeenReach))) by_reach.emplace_back(*reach, r);
  std::stable_sort(by_reach.begin(), by_reach.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (by_reach.size() > kCentresListed) by_reach.resize(kCentresListed);
  std::string h =
      "<section id=\"centres\" aria-labelledby=\"centres-h\"><h2 id=\"centres-h\">"
      "The centres</h2><p class=\"lede\">" +
      whole(double(t.size())) +
      " centres: too many for a page each (run each local authority on its own for "
      "its centres' pages). Here are the " +
      std::to_string(by_reach.size()) +
      " whose reach areas are reached least; every centre's figures are in "
      "<code>centres.csv</code> and <code>tables.xlsx</code>.</p><table "
      "class=\"data\"><thead><tr><th scope=\"col\">Centre</th><th scope=\"col\">"
      "Seen here</th><th scope=\"col\">Under-5s in its reach area</th><th "
      "scope=\"col\">Seen reach there (95% interval)</th></tr></thead><tbody>";
  for (const auto& [reach, r] : by_reach)
    h += "<tr><th scope=\"row\">" + esc(t.get(r, name_of(Col::kCentreName))) + " (" +
         esc(t.get(r, name_of(Col::kCentreId))) + ")</th><td>" +
         esc(count_of(t, r, name_of(Col::kSeenChildren))) + "</td><td>" +
         (t.number(r, name_of(Col::kReachAreaUnder5Population))
              ? whole(*t.number(r, name_of(Col::kReachAreaUnder5Population)))
              : "-") +
         "</td><td>" + esc(share_of(t, r, name_of(Col::kSeenReach))) + "</td></tr>";
  return h + "</tbody></table></section>";
}

}  // namespace

std::string area_title(const ReportLayer& layer, std::size_t r) {
  const std::string& name = layer.areas.get(r, name_of(Col::kAreaName));
  const std::string& id = layer.areas.get(r, name_of(Col::kAreaId));
  return name.empty() || name == id ? id : name + " (" + id + ")";
}

std::string map_section(const Context& c, const ReportLayer& layer) {
  const std::string L = layer.name, hatch = "hatch-" + L;
  std::vector<MapChoice> inds;
  for (const Col id : {Col::kSeenReach, Col::kUnreachedChildren, Col::kRegisteredReach,
                       Col::kSustainedReach, Col::kKnownNotRegistered, Col::kSeenWithFatherShare,
                       Col::kPriorityScore, Col::kLisaCluster})
    if (const std::string& key = name_of(id); layer.areas.column(key) >= 0)
      inds.push_back(classify(layer, key, c));
  if (inds.empty()) return {};
  if (layer.areas.size() > kInteractiveAreaLimit) return static_map_section(c, layer);
  const Envelope extent = extent_of(layer);
  const SvgView v = fit_view(extent, kMapWidth, kMapMaxHeight);
  const std::size_t n = layer.areas.size();

  std::string h = "<section class=\"map-section\" id=\"map-" + esc(L) +
                  "\" aria-labelledby=\"map-" + esc(L) + "-h\"><h2 id=\"map-" + esc(L) +
                  "-h\">Map of the " + whole(double(n)) + " areas of layer ‘" + esc(L) + "’</h2>";
  h += "<p class=\"lede\">Point at an area, or move to it with the Tab key, for its figures. "
       "Choose what the colours show:</p>";
  h += "<p class=\"print-only\">Numbered: the outreach list. The report on screen shows each "
       "area's figures and switches the map between indicators.</p>";
  h += "<fieldset class=\"switch\" data-layer=\"" + esc(L) +
       "\"><legend>Colour the areas by"
       "</legend>";
  for (std::size_t k = 0; k < inds.size(); ++k)
    h += "<label><input type=\"radio\" name=\"ind-" + esc(L) + "\" value=\"" + std::to_string(k) +
         "\"" + (k == 0 ? " checked" : "") + "> " + esc(inds[k].title) + "</label>";
  h += "</fieldset><div class=\"map-wrap\"><svg class=\"map\" viewBox=\"0 0 " + px(v.width) + " " +
       px(v.height) + "\" role=\"group\" aria-label=\"Map of " + whole(double(n)) +
       " areas; each area is a button giving its figures\"><defs>" + hatch_pattern(hatch) +
       "</defs><g class=\"areas\">";
  nlohmann::ordered_json data;
  data["layer"] = L;
  nlohmann::ordered_json areas = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < n; ++r) {
    const auto rows = area_rows(layer, r);
    nlohmann::ordered_json a;
    a["t"] = area_title(layer, r);
    a["r"] = nlohmann::ordered_json::array();
    std::string label = area_title(layer, r);
    for (const auto& [k, val] : rows) {
      a["r"].push_back({k, val});
      label += "; " + k + ": " + val;
    }
    areas.push_back(std::move(a));
    if (layer.shapes[r].empty()) continue;
    h += "<path d=\"" + svg_path(layer.shapes[r], v) + "\" fill=\"" + fill_of(inds[0], r, hatch) +
         "\" data-i=\"" + std::to_string(r) + "\" id=\"" +
         esc(L + "-" + layer.areas.get(r, name_of(Col::kAreaId))) +
         "\" tabindex=\"0\" role=\"button\" aria-label=\"" + esc(label) + "\"/>";
  }
  h += "</g>" + centre_marks(c, v, extent, c.in.centre_places.size() <= 30);
  if (n <= 40) {  // few, large areas: their names fit
    h += "<g class=\"names\" aria-hidden=\"true\">";
    for (std::size_t r = 0; r < n; ++r)
      if (!layer.shapes[r].empty()) {
        const XY at = label_point(layer.shapes[r]), q = v.to(at.x, at.y);
        h += "<text x=\"" + px(q.x) + "\" y=\"" + px(q.y + 18) + "\">" +
             esc(layer.areas.get(r, name_of(Col::kAreaName))) + "</text>";
      }
    h += "</g>";
  }
  // The outreach list's numbers, so the list and the map point at each other.
  h += "<g class=\"numbers\" aria-hidden=\"true\">";
  const auto listed = outreach_rows(layer, c.listed(layer));
  for (std::size_t i = 0; i < listed.size(); ++i)
    if (!layer.shapes[listed[i]].empty()) {
      const XY at = label_point(layer.shapes[listed[i]]);
      h += number_disc(v.to(at.x, at.y), i + 1);
    }
  h += "</g></svg>";
  nlohmann::ordered_json ij = nlohmann::ordered_json::array();
  for (const auto& ind : inds) {
    ij.push_back({{"key", ind.key},
                  {"legend", legend_html(ind, hatch, legend_use(ind))},
                  {"fill", nlohmann::ordered_json::array()}});
    for (std::size_t r = 0; r < n; ++r) ij.back()["fill"].push_back(fill_of(ind, r, hatch));
  }
  data["indicators"] = ij;
  data[name_of(Col::kAreas)] = areas;
  h += "<div class=\"legend-box\" id=\"legend-" + esc(L) + "\">" +
       legend_html(inds[0], hatch, legend_use(inds[0])) + "</div></div>";
  h += "<div class=\"details\" id=\"details-" + esc(L) +
       "\" aria-live=\"polite\"><p>No area chosen yet.</p></div>";
  h += "<script type=\"application/json\" class=\"map-data\">" + json_for_script(data.dump()) +
       "</script></section>";
  return h;
}

// Long by design: the section's HTML in reading order (map of the centres, then the table).
std::string centres_section(const Context& c) {
  const TextTable& t = c.in.centres;
  if (t.empty()) return {};
  const ReportLayer* layer = main_layer(c.in);
  std::string h =
      "<section id=\"centres\" aria-labelledby=\"centres-h\"><h2 id=\"centres-h\">"
      "The centres</h2><p class=\"lede\">A page per centre: its reach area (the "
      "areas it is responsible for), who lives there and how many of them any "
      "centre saw.</p>";
  if (t.column(name_of(Col::kSettingType)) >= 0)
    h += "<p>The centres come by kind of setting, the kinds the headline counts first; each "
         "page names its kind after its id.</p>";
  if (t.size() > kCentrePageLimit) return centres_table(c);
  std::optional<MapChoice> seen;
  if (layer && layer->areas.column(Col::kSeenReach) >= 0)
    seen = classify(*layer, name_of(Col::kSeenReach), c);
  for (const auto& place : c.in.centre_places) {
    const std::size_t r = place.row;
    const std::string id = t.get(r, name_of(Col::kCentreId)),
                      name = t.get(r, name_of(Col::kCentreName));
    const std::string kind = t.get(r, name_of(Col::kSettingType));
    h += "<article class=\"centre\" aria-labelledby=\"centre-" + esc(id) + "\"><h3 id=\"centre-" +
         esc(id) + "\">" + esc(name) + " <span class=\"id\">" + esc(id) +
         (kind.empty() ? "" : " · " + esc(kind)) + "</span></h3>";
    h += "<dl class=\"figures\">";
    const auto row = [&](const std::string& k, const std::string& v) {
      h += "<dt>" + esc(k) + "</dt><dd>" + esc(v) + "</dd>";
    };
    row("Children seen here", count_of(t, r, name_of(Col::kSeenChildren)));
    if (!place.reach_area.empty()) {
      if (const auto p = t.number(r, name_of(Col::kReachAreaUnder5Population)))
        row("Children under 5 in its reach area", whole(*p));
      row("Of them registered", count_of(t, r, name_of(Col::kReachAreaRegistered)) + " (" +
                                    pct(t.number(r, name_of(Col::kRegisteredReach))) + ")");
      // With kinds of setting the headline's seen is its kinds'; any setting's beside it.
      const std::string any_setting = reach_area_seen_in_group("any_setting");
      const bool kinds = t.column(any_setting) >= 0;
      row(kinds ? "Of them seen where the headline counts" : "Of them seen by any centre",
          count_of(t, r, name_of(Col::kReachAreaSeen)) + ", " +
              share_of(t, r, name_of(Col::kSeenReach)));
      if (kinds)
        row("Of them seen by any setting",
            count_of(t, r, any_setting) + ", " + share_of(t, r, name_of(Col::kAnySettingReach)));
      row("Of them not seen", count_of(t, r, name_of(Col::kReachAreaUnreached)));
      if (const auto s = t.number(r, name_of(Col::kOutsideReachAreaShare)))
        row("Children seen here who live outside its reach area", pct(s));
    }
    h += "</dl>";
    // The reach area's own areas, the outreach list's order: where its staff start.
    const ReportLayer* home = nullptr;
    std::vector<std::size_t> members;
    for (const auto& l : c.in.layers) {
      std::map<std::string, std::size_t> row_of;
      for (std::size_t a = 0; a < l.areas.size(); ++a)
        row_of[l.areas.get(a, name_of(Col::kAreaId))] = a;
      for (const auto& aid : place.area_ids)
        if (const auto it = row_of.find(aid); it != row_of.end()) members.push_back(it->second);
      if (!members.empty()) {
        home = &l;
        break;
      }
    }
    std::vector<std::size_t> first;  // members by priority, at most five
    if (home) {
      for (std::size_t a : outreach_rows(*home, home->areas.size()))
        if (std::find(members.begin(), members.end(), a) != members.end() && first.size() < 5)
          first.push_back(a);
    }
    h += "<div class=\"centre-body\">";
    if (layer && seen && !place.reach_area.empty()) {
      Envelope focus = envelope_of(place.reach_area);
      const double pad = 0.06 * std::max(focus.maxx - focus.minx, focus.maxy - focus.miny);
      focus.add(focus.minx - pad, focus.miny - pad), focus.add(focus.maxx + pad, focus.maxy + pad);
      const SvgView v = fit_view(focus, 640, 560);
      const std::string hatch = "hatch-c-" + id;
      h += "<svg class=\"centre-map\" viewBox=\"0 0 " + px(v.width) + " " + px(v.height) +
           "\" role=\"img\" aria-label=\"The reach area of " + esc(name) +
           ", its areas coloured by seen reach\"><defs>" + hatch_pattern(hatch) +
           "<clipPath id=\"clip-" + esc(id) + "\"><rect width=\"" + px(v.width) + "\" height=\"" +
           px(v.height) + "\"/></clipPath></defs><g clip-path=\"url(#clip-" + esc(id) + ")\">";
      std::vector<int> used(seen->legend.size(), 0);
      const bool same_layer = home == layer;
      for (std::size_t a = 0; a < layer->shapes.size(); ++a) {
        const Envelope e = envelope_of(layer->shapes[a]);
        if (e.empty() || e.maxx < focus.minx || e.minx > focus.maxx || e.maxy < focus.miny ||
            e.miny > focus.maxy)
          continue;
        const bool inside =
            !same_layer || std::find(members.begin(), members.end(), a) != members.end();
        if (inside) ++used[std::size_t(seen->fill[a])];
        h += "<path d=\"" + svg_path(layer->shapes[a], v) + "\" fill=\"" +
             fill_of(*seen, a, hatch) + (inside ? "\"" : "\" class=\"outside\"") + "/>";
      }
      h += "<path class=\"reach-edge\" d=\"" + svg_path(place.reach_area, v) + "\"/>" +
           centre_marks(c, v, focus, true);
      if (same_layer) {
        h += "<g class=\"numbers\">";
        for (std::size_t i = 0; i < first.size(); ++i) {
          const XY at = label_point(layer->shapes[first[i]]);
          h += number_disc(v.to(at.x, at.y), i + 1);
        }
        h += "</g>";
      }
      h += "</g></svg>";
      h += "<div class=\"legend-box small\">" + legend_html(*seen, hatch, used, false) +
           "<p class=\"note\">Red line: the reach area. Faded: areas outside it.</p></div>";
    }
    h += "</div>";
    if (home && !first.empty()) {
      const TextTable& a = home->areas;
      h += "<table class=\"data\"><caption>Its areas to visit first (of " +
           std::to_string(members.size()) +
           ", by outreach priority)</caption><thead><tr><th scope=\"col\">#</th><th "
           "scope=\"col\">Area</th><th scope=\"col\">Under-5s</th><th scope=\"col\">Not "
           "seen</th><th scope=\"col\">Seen reach (95% interval)</th></tr></thead><tbody>";
      for (std::size_t i = 0; i < first.size(); ++i) {
        const std::size_t r = first[i];
        h += "<tr><td>" + std::to_string(i + 1) + "</td><th scope=\"row\">" +
             esc(area_title(*home, r)) + "</th><td>" +
             whole(a.number(r, name_of(Col::kUnder5Population)).value_or(0)) + "</td><td>" +
             esc(count_of(a, r, name_of(Col::kUnreachedChildren))) + "</td><td>" +
             esc(share_of(a, r, name_of(Col::kSeenReach))) + "</td></tr>";
      }
      h += "</tbody></table>";
    }
    h += "</article>";
  }
  return h + "</section>";
}

}  // namespace reachmap::report
