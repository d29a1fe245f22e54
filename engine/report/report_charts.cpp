// The funnel plot (each area's seen reach against its number of children, with the limits
// chance allows, outliers named), the equity gradient (reach by deprivation decile, with
// intervals) and each target group's reach against everyone else's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "engine/render/funnel_plot.hpp"
#include "engine/render/map_composition.hpp"
#include "engine/render/map_model.hpp"
#include "engine/report/detail/chart.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"
#include "engine/stats/funnel.hpp"

namespace reachmap::report {

namespace {

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

constexpr std::size_t kNamedOnPlot = 12, kNamedInList = 15;
// Above this many areas the funnel's points are drawn as one path per colour, without a
// tooltip each.
constexpr std::size_t kFunnelPointsEach = 2000;
// Their image's pixels per unit of the chart (760 units across a printed page of 18 cm: about
// 300 dpi).
constexpr double kDotsPerUnit = 3;

// "A, B and C", the most extreme first; past kNamedInList, the first of them and how many more.
std::string name_list(std::vector<std::pair<double, std::string>> ranked) {
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> names;
  for (auto& [z, name] : ranked) names.push_back(std::move(name));
  std::string s;
  const std::size_t shown = names.size() > kNamedInList ? kNamedInList : names.size();
  for (std::size_t i = 0; i < shown; ++i)
    s += (i == 0 ? "" : i + 1 == shown && shown == names.size() ? " and " : ", ") + names[i];
  if (shown < names.size())
    s += " and " + std::to_string(names.size() - shown) + " more (see the tables)";
  return s;
}

}  // namespace

// Long by design: the section's HTML in reading order (text, then the SVG plot, then its
// table for screen readers).
std::string funnel_section(const Context& c, const ReportLayer& layer) {
  const TextTable& t = layer.areas;
  if (t.column(Col::kFunnelFlag) < 0 || !c.in.manifest.contains("analysis")) return {};
  const auto& an = c.in.manifest["analysis"];
  if (!an.contains(layer.name) || !an[layer.name].contains("funnel")) return {};
  const double target = an[layer.name]["funnel"].value("target", 0.0);
  const double phi = an[layer.name]["funnel"].value("overdispersion_factor", 1.0);
  Plot p;
  double max_n = 1, max_y = target * 1.5;
  std::size_t hidden = 0;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const auto n = t.number(r, name_of(Col::kUnder5Population));
    if (!n) continue;
    max_n = std::max(max_n, *n);
    if (const auto y = t.number(r, name_of(Col::kSeenReach)))
      max_y = std::max(max_y, *y);
    else if (!t.get(r, name_of(Col::kFunnelFlag)).empty())
      ++hidden;
  }
  p.x1 = max_n * 1.04;
  p.y1 = std::min(1.0, max_y * 1.08);
  std::string h = "<section id=\"funnel-" + esc(layer.name) + "\" aria-labelledby=\"funnel-" +
                  esc(layer.name) + "-h\"><h2 id=\"funnel-" + esc(layer.name) +
                  "-h\">Which areas differ from the rest by more than chance: funnel plot (" +
                  esc(layer.name) + ")</h2>";
  h += "<p class=\"lede\">Each dot is an area: its share of under-5s seen against how many "
       "under-5s live there. The funnel is what chance alone allows around the overall " +
       pct(target, 1) +
       ": small areas swing widely, large ones should not. A dot below the outer line is "
       "almost certainly a real gap, not bad luck.</p>";
  h += "<svg class=\"chart\" viewBox=\"0 0 " + px(p.width) + " " + px(p.height) +
       "\" role=\"img\" aria-labelledby=\"funnel-" + esc(layer.name) + "-h\">";
  h += axes(p, false, true, "Children under 5 living in the area", "Share seen");
  const std::string clip = "funnel-clip-" + layer.name;
  h += "<clipPath id=\"" + esc(clip) + "\"><rect x=\"" + px(p.left) + "\" y=\"" + px(p.top) +
       "\" width=\"" + px(p.width - p.left - p.right) + "\" height=\"" +
       px(p.height - p.top - p.bottom) + "\"/></clipPath><g clip-path=\"url(#" + esc(clip) + ")\">";
  for (const auto& [z, cls] : {std::pair{kZ998, "limit998"}, {kZ95Funnel, "limit95"}})
    for (double sign : {-1.0, 1.0}) {
      std::vector<std::pair<double, double>> pts;
      for (int i = 1; i <= 80; ++i) {
        const double n = p.x1 * i / 80.0;
        pts.emplace_back(p.x(n), p.y(funnel_limit(target, n, sign * z, phi)));
      }
      h += polyline(pts, cls);
    }
  h += polyline({{p.x(0), p.y(target)}, {p.x(p.x1), p.y(target)}}, "target") + "</g>";
  const auto* cats = indicator_categories(Col::kFunnelFlag);
  // z (most extreme first), name
  std::vector<std::pair<double, std::string>> far_below, below, far_above;
  std::vector<Box> placed;
  const bool many = t.size() > kFunnelPointsEach;
  std::map<std::string, DotGroup> dots;                  // by colour: its points, when many
  std::vector<std::pair<double, std::size_t>> extremes;  // |z|, row: the most extreme named
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string& flag = t.get(r, name_of(Col::kFunnelFlag));
    const std::string name = area_title(layer, r);
    const double z = t.number(r, name_of(Col::kFunnelZ)).value_or(0);
    if (flag == "below 99.8%") far_below.emplace_back(z, name);
    if (flag == "below 95%") below.emplace_back(z, name);
    if (flag == "above 99.8%") far_above.emplace_back(-z, name);
    const auto n = t.number(r, name_of(Col::kUnder5Population)),
               y = t.number(r, name_of(Col::kSeenReach));
    if (!n || !y) continue;
    Rgb rgb = Rgb::hex(0xf7f7f7);
    for (const auto& cat : *cats)
      if (cat.label == flag) rgb = cat.colour;
    const std::string colour = rgb.to_hex();
    if (many) {  // one image: tens of thousands of elements take seconds to print
      DotGroup& g = dots[colour];
      g.colour = rgb;
      g.at.emplace_back(p.x(*n), p.y(*y));
    } else {
      h += "<circle cx=\"" + px(p.x(*n)) + "\" cy=\"" + px(p.y(*y)) + "\" r=\"4\" fill=\"" +
           colour + "\"><title>" + esc(name + ": " + pct(y) + " of " + whole(*n) + " seen") +
           "</title></circle>";
    }
    if (flag == "below 99.8%" || flag == "above 99.8%")
      extremes.push_back({std::fabs(t.number(r, name_of(Col::kFunnelZ)).value_or(0)), r});
  }
  if (!dots.empty()) {  // each colour over the ones before it, as paths in colour order were
    std::vector<DotGroup> groups;
    for (auto& [colour, g] : dots) groups.push_back(std::move(g));
    h += "<image class=\"dots\" x=\"0\" y=\"0\" width=\"" + px(p.width) + "\" height=\"" +
         px(p.height) + "\" preserveAspectRatio=\"none\" href=\"data:image/png;base64," +
         base64(
             square_dots_png(groups, 3, Rgb::hex(0x333333), 0.3, p.width, p.height, kDotsPerUnit)) +
         "\"/>";
  }
  std::sort(extremes.begin(), extremes.end(), std::greater<>());
  for (std::size_t i = 0; i < extremes.size() && i < kNamedOnPlot; ++i) {
    const std::size_t r = extremes[i].second;
    h += place_label(t.get(r, name_of(Col::kAreaName)),
                     p.x(*t.number(r, name_of(Col::kUnder5Population))),
                     p.y(*t.number(r, name_of(Col::kSeenReach))), p, placed);
  }
  h += "</svg><ul class=\"key\"><li><span class=\"k target\"></span> overall " + pct(target, 1) +
       "</li><li><span class=\"k limit95\"></span> 95% limits</li><li><span class=\"k "
       "limit998\"></span> 99.8% limits</li></ul>";
  h += "<ul class=\"findings\">";
  if (!far_below.empty())
    h += "<li><strong>Far below the rest</strong> (below the 99.8% limit): " +
         esc(name_list(far_below)) + ".</li>";
  if (!below.empty())
    h += "<li><strong>Below the rest</strong> (below the 95% limit): " + esc(name_list(below)) +
         ".</li>";
  if (!far_above.empty())
    h += "<li><strong>Far above the rest</strong>: " + esc(name_list(far_above)) +
         " (what works there may travel).</li>";
  const std::size_t outside = far_below.size() + far_above.size(), areas = t.size();
  if (phi <= 1 && areas >= 20 && outside * 20 > areas)
    h += "<li>" + std::to_string(outside) + " of " + std::to_string(areas) +
         " areas lie outside the 99.8% limits, where chance alone would put about 1 in 500: "
         "areas differ for reasons beyond chance (overdispersion). The limits can be widened for "
         "it (<code>[analysis] overdispersion = true</code>), leaving the areas that stand out "
         "even so.</li>";
  if (far_below.empty() && below.empty())
    h += "<li>No area's reach is below what chance allows.</li>";
  if (hidden)
    h += "<li>" + std::to_string(hidden) +
         " areas with small counts are not drawn (their "
         "reach would reveal them); their flags are listed above.</li>";
  if (phi > 1)
    h += "<li>The limits are widened for overdispersion (areas differ more than chance "
         "alone explains; factor " +
         px(phi) + ").</li>";
  return h + "</ul></section>";
}

std::string equity_section(const Context& c, const ReportLayer& layer) {
  const TextTable& t = layer.equity;
  if (t.size() < 3) return {};  // "all areas" and at least two deciles
  (void)c;
  Plot p;
  p.x0 = 0.5, p.x1 = 10.5, p.y0 = 0;
  double top = 0;
  for (std::size_t r = 0; r < t.size(); ++r)
    for (const Col k : {Col::kSeenReachHigh, Col::kRegisteredReachHigh, Col::kRegisteredReach})
      top = std::max(top, t.number(r, name_of(k)).value_or(0));
  p.y1 = std::min(1.0, top * 1.1 + 0.02);
  const std::string id = "equity-" + layer.name;
  std::string h = "<section id=\"" + esc(id) + "\" aria-labelledby=\"" + esc(id) +
                  "-h\"><h2 id=\"" + esc(id) +
                  "-h\">Reach by deprivation: the equity gradient</h2>";
  std::optional<std::size_t> most, least, all;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const auto d = t.number(r, name_of(Col::kImdDecile));
    if (!d)
      all = r;
    else if (!most)
      most = r;
    else
      least = r;
  }
  if (most && least) {
    const auto share = [&](std::size_t r) { return share_of(t, r, name_of(Col::kSeenReach)); };
    h += "<p class=\"lede\">Areas grouped by their Index of Multiple Deprivation decile "
         "(1 = the most deprived tenth of areas in England). In the most deprived areas here "
         "(decile " +
         esc(t.get(*most, name_of(Col::kImdDecile))) + ") the centres saw " + share(*most) +
         " of under-5s; in the least deprived (decile " +
         esc(t.get(*least, name_of(Col::kImdDecile))) + "), " + share(*least) + ". ";
    const auto lo = t.number(*most, name_of(Col::kSeenReachHigh)),
               hi = t.number(*least, name_of(Col::kSeenReachLow));
    const auto lo2 = t.number(*most, name_of(Col::kSeenReachLow)),
               hi2 = t.number(*least, name_of(Col::kSeenReachHigh));
    if (lo && hi && *lo < *hi)
      h += "The gap is larger than chance explains: services reach fewer of the children "
           "they exist for most.";
    else if (lo2 && hi2 && *lo2 > *hi2)
      h += "Reach is higher where deprivation is higher, as a proportionate universal service "
           "intends.";
    else
      h += "The intervals overlap: no clear gradient either way.";
    h += "</p>";
  }
  h += "<svg class=\"chart\" viewBox=\"0 0 " + px(p.width) + " " + px(p.height) +
       "\" role=\"img\" aria-labelledby=\"" + esc(id) + "-h\">";
  h += axes(p, false, true, "Deprivation decile (1 = most deprived)", "Share of under-5s", false);
  for (int d = 1; d <= 10; ++d)
    h += "<text class=\"tick\" x=\"" + px(p.x(d)) + "\" y=\"" + px(p.height - p.bottom + 18) +
         "\" text-anchor=\"middle\" aria-hidden=\"true\">" + std::to_string(d) + "</text>";
  if (all)
    if (const auto s = t.number(*all, name_of(Col::kSeenReach)))
      h += polyline({{p.x(0.5), p.y(*s)}, {p.x(10.5), p.y(*s)}}, "target");
  for (std::size_t r = 0; r < t.size(); ++r) {
    const auto d = t.number(r, name_of(Col::kImdDecile));
    if (!d) continue;
    for (const auto& [key, cls, dx] : {std::tuple{name_of(Col::kSeenReach), "seen", -0.14},
                                       {name_of(Col::kRegisteredReach), "registered", 0.14}}) {
      const std::string k = key;
      const auto v = t.number(r, k), lo = t.number(r, low_of(k)), hi = t.number(r, high_of(k));
      const double x = p.x(*d + dx);
      if (lo && hi)
        h += "<line class=\"ci " + std::string(cls) + "\" x1=\"" + px(x) + "\" x2=\"" + px(x) +
             "\" y1=\"" + px(p.y(*lo)) + "\" y2=\"" + px(p.y(*hi)) + "\"/>";
      if (!v) continue;
      h += std::string(cls) == "seen"
               ? "<circle class=\"seen\" cx=\"" + px(x) + "\" cy=\"" + px(p.y(*v)) + "\" r=\"5\">"
               : "<rect class=\"registered\" x=\"" + px(x - 4.5) + "\" y=\"" + px(p.y(*v) - 4.5) +
                     "\" width=\"9\" height=\"9\">";
      h += "<title>" +
           esc(t.get(r, name_of(Col::kGroup)) + ": " + std::string(cls) + " " +
               share_with_interval(v, lo, hi)) +
           "</title>" + (std::string(cls) == "seen" ? "</circle>" : "</rect>");
    }
  }
  h += "</svg><ul class=\"key\"><li><span class=\"k seen\"></span> seen at least once "
       "(95% interval)</li><li><span class=\"k registered\"></span> registered</li><li><span "
       "class=\"k target\"></span> all areas</li></ul>";
  h += "<table class=\"data\"><caption>Reach by deprivation decile, " + esc(c.period) +
       "</caption><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Areas</th><th "
       "scope=\"col\">Under-5s</th><th scope=\"col\">Registered</th><th scope=\"col\">Seen</th>"
       "<th scope=\"col\">Seen reach (95% interval)</th><th scope=\"col\">Sustained "
       "reach</th></tr></thead><tbody>";
  for (std::size_t r = 0; r < t.size(); ++r) {
    h += "<tr><th scope=\"row\">" + esc(t.get(r, name_of(Col::kGroup))) + "</th><td>" +
         esc(t.get(r, name_of(Col::kAreas))) + "</td><td>" +
         whole(t.number(r, name_of(Col::kUnder5Population)).value_or(0)) + "</td><td>" +
         esc(count_of(t, r, name_of(Col::kRegisteredChildren))) + "</td><td>" +
         esc(count_of(t, r, name_of(Col::kSeenChildren))) + "</td><td>" +
         esc(share_of(t, r, name_of(Col::kSeenReach))) + "</td><td>" +
         pct(t.number(r, name_of(Col::kSustainedReach))) + "</td></tr>";
  }
  return h + "</tbody></table></section>";
}

std::string groups_section(const Context& c, const ReportLayer& layer) {
  const TextTable& t = layer.groups;
  if (t.empty()) return {};
  const std::string id = "groups-" + layer.name;
  std::string h = "<section id=\"" + esc(id) + "\" aria-labelledby=\"" + esc(id) +
                  "-h\"><h2 id=\"" + esc(id) + "-h\">Who is missed: target groups</h2>";
  h += "<p class=\"lede\">Each target group's seen reach (children of the group seen at least "
       "once, over the group's under-5s) against everyone else's, as a ratio: below 1, the "
       "group's children are seen less often than other children; the bar is its 95% interval, "
       "and where it crosses 1 the difference may be chance.</p>";
  std::vector<std::string> groups;
  for (std::size_t r = 0; r < t.size(); ++r) {
    const std::string g = t.get(r, name_of(Col::kTargetGroup));
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  const std::string ratio = name_of(Col::kSeenReachRatio);
  for (const std::string& g : groups) {
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r < t.size(); ++r)
      if (t.get(r, name_of(Col::kTargetGroup)) == g) rows.push_back(r);
    h += "<h3>" + esc(g) + "</h3>";
    for (std::size_t r : rows)
      if (!t.number(r, name_of(Col::kImdDecile)))
        h += "<p>" + esc(t.get(r, name_of(Col::kFinding))) + "</p>";
    Plot p;
    p.x0 = 0.5, p.x1 = 10.5, p.y0 = 0, p.height = 300;
    double top = 1.2;
    for (std::size_t r : rows) top = std::max(top, t.number(r, high_of(ratio)).value_or(0));
    p.y1 = std::min(5.0, top * 1.05);
    bool deciles = false;
    std::string marks;
    for (std::size_t r : rows) {
      const auto d = t.number(r, name_of(Col::kImdDecile));
      if (!d) continue;
      deciles = true;
      const auto v = t.number(r, ratio), lo = t.number(r, low_of(ratio)),
                 hi = t.number(r, high_of(ratio));
      const double x = p.x(*d);
      if (lo && hi)
        marks += "<line class=\"ci seen\" x1=\"" + px(x) + "\" x2=\"" + px(x) + "\" y1=\"" +
                 px(p.y(std::min(*lo, p.y1))) + "\" y2=\"" + px(p.y(std::min(*hi, p.y1))) + "\"/>";
      if (v)
        marks += "<circle class=\"seen\" cx=\"" + px(x) + "\" cy=\"" + px(p.y(std::min(*v, p.y1))) +
                 "\" r=\"5\"><title>" + esc(t.get(r, name_of(Col::kFinding))) + "</title></circle>";
    }
    if (deciles) {
      h += "<svg class=\"chart\" viewBox=\"0 0 " + px(p.width) + " " + px(p.height) +
           "\" role=\"img\" aria-label=\"" +
           esc("Seen reach of " + g + " against everyone else, by deprivation decile") + "\">";
      h += axes(p, false, false, "Deprivation decile (1 = most deprived)",
                "Seen reach ratio (group / others)", false, fixed2);
      for (int d = 1; d <= 10; ++d)
        h += "<text class=\"tick\" x=\"" + px(p.x(d)) + "\" y=\"" + px(p.height - p.bottom + 18) +
             "\" text-anchor=\"middle\" aria-hidden=\"true\">" + std::to_string(d) + "</text>";
      h += polyline({{p.x(0.5), p.y(1)}, {p.x(10.5), p.y(1)}}, "target") + marks + "</svg>";
      h += "<ul class=\"key\"><li><span class=\"k seen\"></span> seen reach ratio (95% "
           "interval)</li><li><span class=\"k target\"></span> 1: as often as everyone "
           "else</li></ul>";
    }
    h += "<table class=\"data\"><caption>" + esc(g) + ": seen reach against everyone else, " +
         esc(c.period) +
         "</caption><thead><tr><th scope=\"col\">Areas</th><th scope=\"col\">The group's "
         "under-5s</th><th scope=\"col\">Seen</th><th scope=\"col\">The group's seen reach "
         "(95% interval)</th><th scope=\"col\">Everyone else's</th><th scope=\"col\">Ratio "
         "(95% interval)</th></tr></thead><tbody>";
    for (std::size_t r : rows) {
      const auto v = t.number(r, ratio);
      h += "<tr><th scope=\"row\">" + esc(t.get(r, name_of(Col::kGroup))) + "</th><td>" +
           whole(t.number(r, name_of(Col::kGroupPopulation)).value_or(0)) + "</td><td>" +
           esc(count_of(t, r, name_of(Col::kGroupSeen))) + "</td><td>" +
           esc(share_of(t, r, name_of(Col::kGroupSeenReach))) + "</td><td>" +
           esc(share_of(t, r, name_of(Col::kOthersSeenReach))) + "</td><td>" +
           (v ? fixed2(*v) + " (" + fixed2(*t.number(r, low_of(ratio))) + " to " +
                    fixed2(*t.number(r, high_of(ratio))) + ")"
              : std::string("&ndash;")) +
           "</td></tr>";
    }
    h += "</tbody></table>";
  }
  return h + "</section>";
}

}  // namespace reachmap::report
