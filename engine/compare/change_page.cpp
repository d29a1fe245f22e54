#include "engine/compare/change_page.hpp"

#include <algorithm>
#include <map>

#include "engine/compare/change_funnel_section.hpp"
#include "engine/compare/trend_section.hpp"
#include "engine/report/detail/html.hpp"

namespace reachmap {

extern const char* const kReportCss;

namespace {

using report::esc;
using report::pct;

// "+4.2 points (+0.8 to +7.6)"; "-" without a change.
std::string change_words(const ReachChange& c) {
  if (!c.change) return "-";
  const auto points = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%+.1f", v * 100);
    return std::string(buf);
  };
  std::string s = points(*c.change) + " points";
  if (c.low && c.high) s += " (" + points(*c.low) + " to " + points(*c.high) + ")";
  return s;
}

std::string rank_text(const std::optional<double>& r) {
  return r ? std::to_string(static_cast<long long>(*r)) : "-";
}

std::string area_row(const AreaChange& a) {
  return "<tr><td>" + esc(a.name.empty() ? a.id : a.name) + "</td><td>" + pct(a.seen.reach_old) +
         "</td><td>" + pct(a.seen.reach_new) + "</td><td>" + esc(change_words(a.seen)) +
         "</td><td>" + change_flag_text(a.seen.flag) + "</td><td>" +
         esc(a.seen.funnel.empty() ? "-" : a.seen.funnel) + "</td><td>" + rank_text(a.rank_old) +
         "</td><td>" + rank_text(a.rank_new) + "</td></tr>\n";
}

const char* kAreaHead =
    "<thead><tr><th>area</th><th>seen reach before</th><th>seen reach now</th><th>change "
    "(95% interval)</th><th>flag</th><th>against all areas (funnel)</th><th>priority rank "
    "before</th><th>priority rank "
    "now</th></tr></thead>\n";

std::string layer_section(const ChangePageLayer& l, const ChangePage& page) {
  std::map<ChangeFlag, std::size_t> n;
  for (const AreaChange& a : l.changes) ++n[a.seen.flag];
  std::string h = "<section id=\"layer-" + esc(l.name) + "\">\n<h2>By " + esc(l.name) + "</h2>\n";
  h += "<p class=\"key-message\">Of " + std::to_string(l.changes.size()) + " areas, seen reach " +
       "improved beyond chance in " + std::to_string(n[ChangeFlag::kImproved]) +
       " and worsened in " + std::to_string(n[ChangeFlag::kWorsened]) + "; no clear change in " +
       std::to_string(n[ChangeFlag::kNoClearChange]);
  if (n[ChangeFlag::kHidden])
    h += "; " + std::to_string(n[ChangeFlag::kHidden]) +
         " cannot be compared because a small count was hidden in either period";
  if (n[ChangeFlag::kNoEstimate])
    h += "; " + std::to_string(n[ChangeFlag::kNoEstimate]) +
         " have no estimate (no population, or more children counted than it holds)";
  h += ".</p>\n";
  // The earlier period's outreach areas first: the question its outreach asked.
  std::vector<const AreaChange*> outreach;
  for (std::size_t i = 0; i < l.changes.size(); ++i)
    if (l.outreach[i]) outreach.push_back(&l.changes[i]);
  std::sort(outreach.begin(), outreach.end(),
            [](const AreaChange* a, const AreaChange* b) { return *a->rank_old < *b->rank_old; });
  if (!outreach.empty()) {
    std::size_t moved = 0, others = 0, others_moved = 0;
    for (const AreaChange* a : outreach) moved += a->seen.flag == ChangeFlag::kImproved;
    for (std::size_t i = 0; i < l.changes.size(); ++i)
      if (!l.outreach[i] && l.changes[i].seen.flag != ChangeFlag::kHidden &&
          l.changes[i].seen.flag != ChangeFlag::kNoEstimate) {
        ++others;
        others_moved += l.changes[i].seen.flag == ChangeFlag::kImproved;
      }
    h += "<h3>Did the outreach areas move?</h3>\n<p>" + std::to_string(moved) + " of the " +
         std::to_string(outreach.size()) + " outreach areas of " + esc(page.period_before) +
         " improved beyond chance by " + esc(page.period_now) + "; of the other areas compared, " +
         std::to_string(others_moved) + " of " + std::to_string(others) +
         ".</p>\n<p class=\"note\">Areas picked because their reach was low tend to come out a "
         "little higher next time by chance alone (regression to the mean), and reach can move for "
         "reasons outreach did not cause: read their change beside the other areas', not as "
         "proof that outreach worked.</p>\n<table class=\"data\">" +
         kAreaHead + "<tbody>\n";
    for (const AreaChange* a : outreach) h += area_row(*a);
    h += "</tbody></table>\n";
  }
  if (!l.map.empty())
    h += "<figure><img src=\"" + esc(l.map) + "\" alt=\"Map of the change in seen reach by " +
         esc(l.name) +
         "\" style=\"max-width:100%\"><figcaption class=\"note\">Grey: no clear "
         "change (the interval holds 0); outlined: the earlier period's outreach areas."
         "</figcaption></figure>\n";
  h += change_funnel_section(l.name, l.changes, l.funnel);
  // The areas that moved most each way, beyond chance.
  for (const ChangeFlag f : {ChangeFlag::kWorsened, ChangeFlag::kImproved}) {
    std::vector<const AreaChange*> moved;
    for (const AreaChange& a : l.changes)
      if (a.seen.flag == f) moved.push_back(&a);
    if (moved.empty()) continue;
    std::sort(moved.begin(), moved.end(), [&](const AreaChange* a, const AreaChange* b) {
      return f == ChangeFlag::kWorsened ? *a->seen.change < *b->seen.change
                                        : *a->seen.change > *b->seen.change;
    });
    const std::size_t shown = std::min<std::size_t>(moved.size(), 20);
    h += std::string("<h3>") + (f == ChangeFlag::kWorsened ? "Worsened" : "Improved") +
         " beyond chance" +
         (moved.size() > shown ? " (the " + std::to_string(shown) + " that moved most)" : "") +
         "</h3>\n<table class=\"data\">" + kAreaHead + "<tbody>\n";
    for (std::size_t i = 0; i < shown; ++i) h += area_row(*moved[i]);
    h += "</tbody></table>\n";
  }
  return h + "</section>\n";
}

std::string centres_section(const std::vector<AreaChange>& centres) {
  std::string h =
      "<section id=\"centres\">\n<h2>By centre</h2>\n<p class=\"lede\">Each centre's reach "
      "area: its children seen (by any centre of the headline) over its under-5s.</p>\n"
      "<table class=\"data\"><thead><tr><th>centre</th><th>seen reach before</th><th>seen "
      "reach now</th><th>change (95% interval)</th><th>flag</th><th>registered reach "
      "change</th></tr></thead><tbody>\n";
  for (const AreaChange& c : centres)
    h += "<tr><td>" + esc(c.name.empty() ? c.id : c.name) + "</td><td>" + pct(c.seen.reach_old, 1) +
         "</td><td>" + pct(c.seen.reach_new, 1) + "</td><td>" + esc(change_words(c.seen)) +
         "</td><td>" + change_flag_text(c.seen.flag) + "</td><td>" +
         esc(change_words(c.registered)) + " " + change_flag_text(c.registered.flag) +
         "</td></tr>\n";
  return h + "</tbody></table>\n</section>\n";
}

}  // namespace

std::string change_page_html(const ChangePage& page) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Is reach getting better? " +
      esc(page.period_before) + " against " + esc(page.period_now) + "</title>\n<style>" +
      kReportCss +
      "</style>\n</head>\n<body>\n<header><p class=\"kicker\">reachmap compare</p>"
      "<h1>Is reach getting better?</h1><p class=\"period\">" +
      esc(page.period_before) + " against " + esc(page.period_now) +
      "</p><p class=\"public\">Worked out from the periods' public tables only.</p>"
      "</header>\n<main>\n";
  h += trend_section_html(page.trends, page.periods);
  if (!page.centres.empty()) h += centres_section(page.centres);
  for (const ChangePageLayer& l : page.layers) h += layer_section(l, page);
  h += "<section id=\"method\">\n<h2>How the change is worked out</h2>\n<p class=\"lede\">Seen "
       "reach is the children seen over the area's under-5 population, in each period as its "
       "folder publishes them. The change is the later reach less the earlier; its 95% interval "
       "is Newcombe's hybrid score interval (Newcombe 1998, method 10), made from each period's "
       "Wilson interval. An area is flagged improved or worsened when the interval lies wholly "
       "above or below 0, and no clear change when it holds 0.</p>\n<p class=\"lede\">Each area "
       "is tested on its own: among many areas whose reach did not really change, about 1 in 20 "
       "is flagged by chance, so read one flag with care and a cluster of them with more "
       "confidence. A count hidden by disclosure control in either period leaves its area "
       "uncompared. Under rounding or perturbation the published counts carry that noise too, "
       "which the interval does not include. The two periods are treated as independent "
       "samples; a child counted in both makes the interval a little wider than it need be.</p>"
       "\n<p class=\"lede\">The funnel plot for change (Spiegelhalter 2005) asks another "
       "question: did the area move more than all the layer's areas together did? Under chance "
       "alone an area's change equals the common one, with the spread of a difference of two "
       "binomial proportions at the area's own reach over both periods; each area is drawn at "
       "its effective size (its under-5s when its reach is the layer's and its population the "
       "same in both periods), so it lies beyond a limit exactly when its z-score does. About 1 "
       "area in 20 lies beyond the 95% limits and 1 in 500 beyond the 99.8% limits by chance. "
       "A change everywhere (a new way of recording contacts, a season) moves the line, not the "
       "areas against it.</p>\n</section>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace reachmap
