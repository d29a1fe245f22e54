#include "engine/compare/trend_section.hpp"

#include <algorithm>
#include <cstdlib>

#include "engine/report/detail/chart.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap {

namespace {

using report::esc;
using report::pct;
using report::px;

// One series' chart: a dot per period at its seen reach, a bar for its interval, a line
// joining the periods that published one; "hidden" where a period did not.
std::string trend_chart(const TrendSeries& s, const std::vector<std::string>& periods,
                        report::Plot p, const std::string& label) {
  const std::size_t n = std::min(periods.size(), s.points.size());
  double top = 0.05;
  for (const TrendPoint& t : s.points) top = std::max(top, t.high.value_or(t.reach.value_or(0)));
  p.x0 = -0.5, p.x1 = double(n) - 0.5, p.y0 = 0, p.y1 = std::min(1.0, top * 1.15);
  std::string h = "<svg class=\"chart\" viewBox=\"0 0 " + px(p.width) + " " + px(p.height) +
                  "\" role=\"img\" aria-label=\"" + esc(label) + "\">";
  h += report::axes(p, false, true, "", "Seen reach", false);
  std::vector<std::pair<double, double>> line;
  std::string marks;
  for (std::size_t i = 0; i < n; ++i) {
    const TrendPoint& t = s.points[i];
    const double x = p.x(double(i));
    // Two lines ("Oct 2024" over "to Mar 2025"): three periods' labels fit a small chart.
    const std::string label = short_period(periods[i]);
    const auto dash = label.find('-');
    h += "<text class=\"tick\" text-anchor=\"middle\" y=\"" + px(p.height - p.bottom + 15) +
         "\"><tspan x=\"" + px(x) + "\">" + esc(label.substr(0, dash)) + "</tspan>";
    if (dash != std::string::npos)
      h += "<tspan x=\"" + px(x) + "\" dy=\"13\">to " + esc(label.substr(dash + 1)) + "</tspan>";
    h += "</text>";
    if (!t.reach) {
      if (!line.empty()) h += report::polyline(line, "target"), line.clear();
      h += "<text x=\"" + px(x) + "\" y=\"" + px(p.y(0) - 6) + "\" text-anchor=\"middle\">" +
           "hidden</text>";
      continue;
    }
    line.emplace_back(x, p.y(*t.reach));
    if (t.low && t.high)
      marks += "<path class=\"axis\" d=\"M" + px(x) + " " + px(p.y(*t.low)) + "V" +
               px(p.y(*t.high)) + "M" + px(x - 5) + " " + px(p.y(*t.low)) + "h10M" + px(x - 5) +
               " " + px(p.y(*t.high)) + "h10\"/>";
    marks += "<circle cx=\"" + px(x) + "\" cy=\"" + px(p.y(*t.reach)) +
             "\" r=\"4.5\" fill=\"#2166ac\"><title>" +
             esc(periods[i] + ": " + pct(t.reach, 1) + " (" + pct(t.low, 1) + " to " +
                 pct(t.high, 1) + ")") +
             "</title></circle>";
  }
  if (line.size() > 1) h += report::polyline(line, "target");
  return h + marks + "</svg>";
}

// "Apr 2025", from "2025-04-01".
std::string month_year(const std::string& iso) {
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (iso.size() != 10) return iso;
  const int m = std::atoi(iso.substr(5, 2).c_str());
  return m < 1 || m > 12 ? iso : std::string(kMonths[m - 1]) + " " + iso.substr(0, 4);
}

}  // namespace

std::string short_period(const std::string& period) {
  const auto dots = period.find("..");
  if (dots == std::string::npos) return period;
  const std::string from = month_year(period.substr(0, dots)),
                    to = month_year(period.substr(dots + 2));
  if (from == to) return from;
  if (from.size() == 8 && to.size() == 8 && from.substr(4) == to.substr(4))
    return from.substr(0, 3) + "-" + to;
  return from + "-" + to;
}

std::string trend_section_html(const std::vector<TrendSeries>& series,
                               const std::vector<std::string>& periods) {
  if (series.empty() || periods.size() < 2) return {};
  std::string h =
      "<section id=\"trend\">\n<h2>Seen reach, period by period</h2>\n<p class=\"lede\">Each "
      "dot is a period's seen reach as its folder published it, the bar its 95% interval. "
      "Bars that overlap a lot are no evidence of a change; the flags below test each change "
      "properly. \"hidden\": that period's folder did not publish the count (a small count, "
      "or one hidden to protect another).</p>\n";
  std::size_t first_centre = 0;
  if (series[0].scope == "all areas") {
    const TrendSeries& all = series[0];
    first_centre = 1;
    report::Plot p;
    p.height = 300, p.bottom = 44;
    const TrendPoint &a = all.points.front(), &b = all.points.back();
    if (a.reach && b.reach)
      h += "<p class=\"key-message\">Across " + esc(all.name) + ", seen reach went from " +
           pct(a.reach, 1) + " in " + esc(short_period(periods.front())) + " to " +
           pct(b.reach, 1) + " in " + esc(short_period(periods.back())) + ".</p>\n";
    h += "<figure>" + trend_chart(all, periods, p, "Seen reach by period, " + all.name) +
         "</figure>\n";
  }
  const std::size_t centres = series.size() - first_centre;
  if (centres) {
    const std::size_t shown = std::min(centres, report::kCentresListed);
    h += "<h3>Each centre's reach area</h3>\n";
    if (shown < centres)
      h += "<p class=\"note\">The first " + std::to_string(shown) + " of " +
           std::to_string(centres) + " centres are charted; trend.csv holds them all.</p>\n";
    h += "<div class=\"small-charts\">\n";
    report::Plot p;
    p.width = 360, p.height = 210, p.left = 48, p.bottom = 40, p.right = 12;
    for (std::size_t i = first_centre; i < first_centre + shown; ++i) {
      const TrendSeries& s = series[i];
      const std::string name = s.name.empty() ? s.id : s.name;
      h += "<figure class=\"small-chart\"><figcaption>" + esc(name) + "</figcaption>" +
           trend_chart(s, periods, p, "Seen reach by period, " + name) + "</figure>\n";
    }
    h += "</div>\n";
  }
  return h + "</section>\n";
}

}  // namespace reachmap
