// Many settings ([centres] setting_type): which kinds of setting see the children of the areas
// the outreach list names, and who is seen by a setting the headline does not count (a health
// clinic, a library): children a referral could bring. From the public tables alone.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/columns.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap::report {

namespace {

struct Kind {
  std::string written, column;
  bool headline = false;
  std::size_t centres = 0;
};

std::vector<Kind> setting_kinds(const ReportInput& in) {
  std::vector<Kind> out;
  const auto& m = in.manifest;
  if (!m.contains("settings") || !m["settings"].contains("types")) return out;
  for (const auto& t : m["settings"]["types"])
    out.push_back({t.value("type", ""), t.value("column", ""), t.value("in_headline", false),
                   t.value("centres", std::size_t(0))});
  return out;
}

std::string list_of(const std::vector<Kind>& kinds, bool headline) {
  std::string out;
  std::size_t n = 0;
  for (const Kind& k : kinds)
    if (k.headline == headline) ++n;
  std::size_t i = 0;
  for (const Kind& k : kinds) {
    if (k.headline != headline) continue;
    out += (i == 0 ? "" : i + 1 == n ? " and " : ", ") + std::string("‘") + esc(k.written) + "’";
    ++i;
  }
  return out;
}

// The outreach list's areas against each kind of setting.
std::string kinds_table(const Context& c, const ReportLayer& layer,
                        const std::vector<Kind>& kinds) {
  const auto rows = outreach_rows(layer, c.listed(layer));
  const TextTable& t = layer.areas;
  if (rows.empty()) return {};
  std::string h =
      "<table class=\"data\"><caption>Children seen by each kind of setting in the outreach "
      "list's areas of layer ‘" +
      esc(layer.name) +
      "’</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Area</th>"
      "<th scope=\"col\">Under-5s</th><th scope=\"col\">Seen (headline)</th>"
      "<th scope=\"col\">Seen by any setting</th>";
  for (const Kind& k : kinds) h += "<th scope=\"col\">" + esc(k.written) + "</th>";
  h += "<th scope=\"col\">Seen by more than one setting</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t r = rows[i];
    h += "<tr><td>" + std::to_string(i + 1) + "</td><th scope=\"row\">" +
         esc(area_title(layer, r)) + "</th><td>" +
         whole(t.number(r, name_of(Col::kUnder5Population)).value_or(0)) + "</td><td>" +
         esc(count_of(t, r, name_of(Col::kSeenChildren))) + "</td><td>" +
         esc(count_of(t, r, name_of(Col::kSeenAnySetting))) + "</td>";
    for (const Kind& k : kinds)
      h += "<td>" + esc(count_of(t, r, seen_by_setting(k.column))) + "</td>";
    h += "<td>" + esc(share_of(t, r, name_of(Col::kMultiSettingShare))) + "</td></tr>";
  }
  return h + "</tbody></table>";
}

// Where another kind of setting sees children the headline's kinds do not: the areas of the
// outreach list with the most of them (both counts published), as a sentence. A difference
// below the disclosure threshold is a small count of children in its own right: not named.
std::string referral_note(const Context& c, const ReportLayer& layer) {
  const TextTable& t = layer.areas;
  const auto& m = c.in.manifest;
  const double threshold = m.contains("privacy") ? m["privacy"].value("min_count", 5.0) : 5.0;
  std::vector<std::pair<double, std::size_t>> more;
  for (const std::size_t r : outreach_rows(layer, c.listed(layer))) {
    const auto seen = t.number(r, name_of(Col::kSeenChildren));
    const auto any = t.number(r, name_of(Col::kSeenAnySetting));
    if (seen && any && *any - *seen >= std::max(1.0, threshold)) more.emplace_back(*any - *seen, r);
  }
  if (more.empty())
    return "<p>No area of the outreach list has " + whole(std::max(1.0, threshold)) +
           " or more children seen by another kind of setting and not by the headline's (where "
           "both counts are published).</p>";
  std::stable_sort(more.begin(), more.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string h =
      "<p>Seen by another kind of setting, not by the headline's: a route to these families "
      "exists already, and a referral or a joint session is the next step. Most in ";
  const std::size_t named = std::min<std::size_t>(3, more.size());
  for (std::size_t i = 0; i < named; ++i)
    h += std::string(i == 0           ? ""
                     : i + 1 == named ? " and "
                                      : ", ") +
         esc(area_title(layer, more[i].second)) + " (" + whole(more[i].first) + ")";
  return h + ".</p>";
}

}  // namespace

std::string settings_section(const Context& c) {
  const auto kinds = setting_kinds(c.in);
  const ReportLayer* layer = main_layer(c.in);
  if (kinds.empty() || !layer || layer->areas.column(name_of(Col::kSeenAnySetting)) < 0) return {};
  const std::string others = list_of(kinds, false);
  std::string h =
      "<section id=\"settings\" aria-labelledby=\"settings-h\"><h2 id=\"settings-h\">Which "
      "settings see whom</h2><p class=\"lede\">The headline's “seen” counts children seen at " +
      list_of(kinds, true) +
      (others.empty() ? "" : "; children seen only at " + others + " count for “any setting”") +
      ". A child seen by two centres, of one kind or two, is seen by more than one setting: the "
      "families who already move between settings. Every area is in the indicators CSV "
      "(seen_any_setting, seen_by_&lt;kind&gt;, &lt;kind&gt;_setting_reach, "
      "multi_setting_share).</p>" +
      kinds_table(c, *layer, kinds) + referral_note(c, *layer);
  return h + "</section>";
}

}  // namespace reachmap::report
