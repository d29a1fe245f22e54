#include "engine/compare/change_funnel_section.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "engine/render/funnel_plot.hpp"
#include "engine/render/palette.hpp"
#include "engine/report/detail/chart.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/stats/funnel.hpp"

namespace reachmap {

namespace {

using report::esc;
using report::px;

constexpr std::size_t kNamedOnPlot = 12, kNamedInList = 15;
constexpr std::size_t kPointsEach = 2000;  // above: one image of dots, as the report's funnel
constexpr double kDotsPerUnit = 3;

// "+4.2" (points); "0" for what rounds to none ("-0" on an axis reads as a fall).
std::string points(double v, int decimals = 1) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.*f", decimals, v * 100);
  return std::strspn(buf + 1, "0.") == std::strlen(buf + 1) ? "0" : buf;
}

// RdBu as on the change map: red fell behind, blue moved ahead, grey within.
Rgb colour_of(const std::string& flag) {
  static const auto rdbu = brewer_palette("RdBu", 5);
  return flag == "below 99.8%"   ? rdbu[0]
         : flag == "below 95%"   ? rdbu[1]
         : flag == "above 95%"   ? rdbu[3]
         : flag == "above 99.8%" ? rdbu[4]
                                 : Rgb::hex(0xd9d9d9);
}

// "A, B and C" (the most extreme first), past kNamedInList the first and how many more.
std::string name_list(std::vector<std::pair<double, const AreaChange*>> areas) {
  std::stable_sort(areas.begin(), areas.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string s;
  const std::size_t shown = std::min(areas.size(), kNamedInList);
  for (std::size_t i = 0; i < shown; ++i) {
    const AreaChange& a = *areas[i].second;
    s += (i == 0                                    ? ""
          : i + 1 == shown && shown == areas.size() ? " and "
                                                    : ", ") +
         (a.name.empty() ? a.id : a.name) + " (" + points(*a.seen.change) + ")";
  }
  if (shown < areas.size()) s += " and " + std::to_string(areas.size() - shown) + " more";
  return s;
}

}  // namespace

std::string change_funnel_section(const std::string& layer, const std::vector<AreaChange>& changes,
                                  const ChangeFunnelResult& f) {
  std::vector<const AreaChange*> drawn;
  for (const AreaChange& a : changes)
    if (!a.seen.funnel.empty()) drawn.push_back(&a);
  if (drawn.size() < 3) return {};
  report::Plot p;
  double max_m = 1, lo = std::min(0.0, f.target), hi = std::max(0.0, f.target);
  for (const AreaChange* a : drawn) {
    max_m = std::max(max_m, *a->seen.funnel_size);
    lo = std::min(lo, *a->seen.change), hi = std::max(hi, *a->seen.change);
  }
  // The funnel in view, not only the dots: its 95% limits half-way along and its 99.8% ones
  // at the right (a small town's limits lie far outside its dots, and a key to lines out of
  // sight misleads).
  for (const double sign : {-1.0, 1.0}) {
    for (const double v : {change_funnel_limit(f, max_m / 2, sign * kZ95Funnel),
                           change_funnel_limit(f, max_m, sign * kZ998)})
      lo = std::min(lo, v), hi = std::max(hi, v);
  }
  lo = std::max(lo, -1.0), hi = std::min(hi, 1.0);
  const double pad = std::max(0.01, 0.06 * (hi - lo));
  p.x1 = max_m * 1.04, p.y0 = lo - pad, p.y1 = hi + pad;
  const double step = report::nice_step(p.y1 - p.y0, 5);
  const int decimals = step >= 0.01 - 1e-12 ? 0 : 1;
  const std::string id = "change-funnel-" + layer;
  std::string h = "<h3 id=\"" + esc(id) + "-h\">Which areas moved more than the whole " +
                  esc(layer) + " layer did?</h3>\n";
  h += "<p>Each dot is an area: its change in seen reach against its size. All the areas "
       "together moved by " +
       points(f.target) +
       " points (the line); the funnel is what chance alone allows around that. A dot outside "
       "the outer line moved by more than its share of the common change: look there for a "
       "cause of its own (outreach, a centre opening or closing, a change in who records "
       "contacts).</p>\n";
  h += "<svg class=\"chart\" viewBox=\"0 0 " + px(p.width) + " " + px(p.height) +
       "\" role=\"img\" aria-labelledby=\"" + esc(id) + "-h\">";
  h += report::axes(
      p, false, false, "Effective size (under-5s; further right, less moved by chance)",
      "Change in seen reach (points)", true, [&](double v) { return points(v, decimals); });
  h += "<clipPath id=\"" + esc(id) + "-clip\"><rect x=\"" + px(p.left) + "\" y=\"" + px(p.top) +
       "\" width=\"" + px(p.width - p.left - p.right) + "\" height=\"" +
       px(p.height - p.top - p.bottom) + "\"/></clipPath><g clip-path=\"url(#" + esc(id) +
       "-clip)\">";
  h += report::polyline({{p.x(0), p.y(0)}, {p.x(p.x1), p.y(0)}}, "axis");
  for (const auto& [z, cls] : {std::pair{kZ998, "limit998"}, {kZ95Funnel, "limit95"}})
    for (double sign : {-1.0, 1.0}) {
      std::vector<std::pair<double, double>> pts;
      for (int i = 1; i <= 80; ++i) {
        const double m = p.x1 * i / 80.0;
        pts.emplace_back(p.x(m), p.y(change_funnel_limit(f, m, sign * z)));
      }
      h += report::polyline(pts, cls);
    }
  h += report::polyline({{p.x(0), p.y(f.target)}, {p.x(p.x1), p.y(f.target)}}, "target") + "</g>";
  std::vector<std::pair<double, const AreaChange*>> ahead, behind;
  std::size_t beyond95 = 0;
  std::map<std::string, DotGroup> dots;
  const bool many = drawn.size() > kPointsEach;
  for (const AreaChange* a : drawn) {
    const ReachChange& c = a->seen;
    const double x = p.x(*c.funnel_size), y = p.y(*c.change);
    const Rgb rgb = colour_of(c.funnel);
    if (many) {
      DotGroup& g = dots[rgb.to_hex()];
      g.colour = rgb;
      g.at.emplace_back(x, y);
    } else {
      h += "<circle cx=\"" + px(x) + "\" cy=\"" + px(y) + "\" r=\"4\" fill=\"" + rgb.to_hex() +
           "\" stroke=\"#333\" stroke-width=\"0.3\"><title>" +
           esc((a->name.empty() ? a->id : a->name) + ": " + points(*c.change) + " points (" +
               c.funnel + ")") +
           "</title></circle>";
    }
    if (c.funnel == "above 99.8%") ahead.emplace_back(*c.funnel_z, a);
    if (c.funnel == "below 99.8%") behind.emplace_back(-*c.funnel_z, a);
    beyond95 += c.funnel == "above 95%" || c.funnel == "below 95%";
  }
  if (!dots.empty()) {
    std::vector<DotGroup> groups;
    for (auto& [colour, g] : dots) groups.push_back(std::move(g));
    h += "<image x=\"0\" y=\"0\" width=\"" + px(p.width) + "\" height=\"" + px(p.height) +
         "\" preserveAspectRatio=\"none\" href=\"data:image/png;base64," +
         report::base64(
             square_dots_png(groups, 3, Rgb::hex(0x333333), 0.3, p.width, p.height, kDotsPerUnit)) +
         "\"/>";
  }
  std::vector<std::pair<double, const AreaChange*>> named = ahead;
  named.insert(named.end(), behind.begin(), behind.end());
  std::stable_sort(named.begin(), named.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<report::Box> placed;
  for (std::size_t i = 0; i < named.size() && i < kNamedOnPlot; ++i) {
    const AreaChange& a = *named[i].second;
    h += report::place_label(a.name.empty() ? a.id : a.name, p.x(*a.seen.funnel_size),
                             p.y(*a.seen.change), p, placed);
  }
  h += "</svg><ul class=\"key\"><li><span class=\"k target\"></span> all areas " +
       points(f.target) +
       " points</li><li><span class=\"k limit95\"></span> 95% limits</li><li><span class=\"k "
       "limit998\"></span> 99.8% limits</li></ul>\n<ul class=\"findings\">";
  if (!ahead.empty())
    h += "<li><strong>Moved ahead of the rest</strong> (above the 99.8% limit): " +
         esc(name_list(ahead)) + ".</li>";
  if (!behind.empty())
    h += "<li><strong>Fell behind the rest</strong> (below the 99.8% limit): " +
         esc(name_list(behind)) + ".</li>";
  if (ahead.empty() && behind.empty())
    h += "<li>No area moved beyond the 99.8% limits: each area's change is within what chance "
         "allows around the common one.</li>";
  if (beyond95)
    h += "<li>" + std::to_string(beyond95) + " of " + std::to_string(drawn.size()) +
         " areas lie between the 95% and 99.8% limits, where chance alone puts about 1 in 20.</li>";
  const std::size_t outside = ahead.size() + behind.size();
  if (f.widened)
    h += "<li>The limits are widened for overdispersion (the areas moved more unevenly than "
         "chance alone explains; factor " +
         px(f.phi) + "), as the later run widened its own funnel.</li>";
  else if (drawn.size() >= 20 && outside * 20 > drawn.size())
    h += "<li>" + std::to_string(outside) + " of " + std::to_string(drawn.size()) +
         " areas lie outside the 99.8% limits, where chance alone would put about 1 in 500: the "
         "areas moved more unevenly than chance explains (overdispersion factor " +
         px(f.phi) + "), so read the flags as \"moved more than most\".</li>";
  if (drawn.size() < changes.size())
    h += "<li>" + std::to_string(changes.size() - drawn.size()) +
         " areas are not drawn: a count was hidden in either period, or there is no estimate.</li>";
  return h + "</ul>\n";
}

}  // namespace reachmap
