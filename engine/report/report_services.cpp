// Services and language ([services], [[language_gap]]): which kinds of session reach the areas
// the outreach list names, and the areas where a language's demand meets little provision,
// from the public tables alone.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/core/columns.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap::report {

namespace {

// Each type's written name and column name, from the manifest.
std::vector<std::pair<std::string, std::string>> service_types(const ReportInput& in) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto& m = in.manifest;
  if (!m.contains("services") || !m["services"].contains("types")) return out;
  for (const auto& t : m["services"]["types"])
    out.emplace_back(t.value("type", ""), t.value("column", ""));
  return out;
}

// The languages of a layer's gap flags (language_gap_<code>).
std::vector<std::string> gap_languages(const TextTable& t) {
  std::vector<std::string> out;
  const std::string prefix = language_gap("");
  for (const std::string& h : t.header)
    if (h.rfind(prefix, 0) == 0) out.push_back(h.substr(prefix.size()));
  return out;
}

// The outreach list's areas against each type of service: children seen at each.
std::string types_table(const Context& c, const ReportLayer& layer,
                        const std::vector<std::pair<std::string, std::string>>& types) {
  const auto rows = outreach_rows(layer, c.listed(layer));
  const TextTable& t = layer.areas;
  if (rows.empty()) return {};
  std::string h =
      "<table class=\"data\"><caption>Children seen at each kind of session in the "
      "outreach list's areas of layer ‘" +
      esc(layer.name) +
      "’</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Area</th>"
      "<th scope=\"col\">Under-5s</th><th scope=\"col\">Seen anywhere</th>";
  for (const auto& [written, column] : types) h += "<th scope=\"col\">" + esc(written) + "</th>";
  h += "</tr></thead><tbody>";
  // With kinds of setting, a service's children are any setting's: so is "anywhere".
  const std::string anywhere = name_of(
      t.column(name_of(Col::kSeenAnySetting)) >= 0 ? Col::kSeenAnySetting : Col::kSeenChildren);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::size_t r = rows[i];
    h += "<tr><td>" + std::to_string(i + 1) + "</td><th scope=\"row\">" +
         esc(area_title(layer, r)) + "</th><td>" +
         whole(t.number(r, name_of(Col::kUnder5Population)).value_or(0)) + "</td><td>" +
         esc(count_of(t, r, anywhere)) + "</td>";
    for (const auto& [written, column] : types)
      h += "<td>" + esc(count_of(t, r, seen_at_type(column))) + "</td>";
    h += "</tr>";
  }
  return h + "</tbody></table>";
}

// The areas a language's rule flags, most demand first.
std::string gaps_table(const ReportLayer& layer, const std::string& code,
                       const std::string& demand) {
  const TextTable& t = layer.areas;
  std::vector<std::size_t> flagged;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (t.view(r, language_gap(code)) == "true") flagged.push_back(r);
  const auto demand_of = [&](std::size_t r) { return t.number(r, demand).value_or(0); };
  std::stable_sort(flagged.begin(), flagged.end(),
                   [&](std::size_t a, std::size_t b) { return demand_of(a) > demand_of(b); });
  std::string h = "<p>Layer ‘" + esc(layer.name) + "’: " + whole(double(flagged.size())) + " of " +
                  whole(double(t.size())) + " areas flagged.</p>";
  if (flagged.empty()) return h;
  constexpr std::size_t kListed = 30;
  h += "<table class=\"data\"><caption>Areas with demand for ‘" + esc(code) +
       "’ and little provision in it, most demand first</caption><thead><tr><th "
       "scope=\"col\">Area</th><th scope=\"col\">Demand</th><th scope=\"col\">Seen in ‘" +
       esc(code) +
       "’</th><th scope=\"col\">Share of the demand (95% interval)</th></tr></thead>"
       "<tbody>";
  for (std::size_t i = 0; i < std::min(kListed, flagged.size()); ++i) {
    const std::size_t r = flagged[i];
    h += "<tr><th scope=\"row\">" + esc(area_title(layer, r)) + "</th><td>" + whole(demand_of(r)) +
         "</td><td>" + esc(count_of(t, r, seen_in_language(code))) + "</td><td>" +
         esc(share_of(t, r, language_provision_share(code))) + "</td></tr>";
  }
  h += "</tbody></table>";
  if (flagged.size() > kListed)
    h += "<p>The first " + std::to_string(kListed) + "; indicators_" + esc(layer.name) +
         ".csv flags every one (" + esc(language_gap(code)) + ").</p>";
  return h;
}

}  // namespace

std::string services_section(const Context& c) {
  const auto types = service_types(c.in);
  const ReportLayer* layer = main_layer(c.in);
  if (types.empty() || !layer) return {};
  std::string h =
      "<section id=\"services\" aria-labelledby=\"services-h\"><h2 id=\"services-h\">Which "
      "sessions reach whom</h2><p class=\"lede\">Children living in each area of the outreach "
      "list who were seen at least once at each kind of session, anywhere: where a kind of "
      "session reaches none of them, it is not yet where they are. A child seen at two kinds "
      "counts in both. Every area is in the indicators CSV (seen_&lt;type&gt;, "
      "&lt;type&gt;_reach).</p>" +
      types_table(c, *layer, types);
  for (const std::string& code : gap_languages(layer->areas)) {
    std::string demand, min_demand, below;
    const auto& m = c.in.manifest;
    if (m.contains("services") && m["services"].contains("language_gaps"))
      for (const auto& g : m["services"]["language_gaps"])
        if (g.value("language", "") == code) {
          demand = g.value("demand_column", "");
          min_demand = whole(g.value("min_demand", 0.0));
          below = pct(g.value("share_below", 0.0));
        }
    h += "<h3>Provision in ‘" + esc(code) + "’ against demand</h3><p>An area is flagged where " +
         "its demand (" + esc(demand) + ") is at least " + esc(min_demand) +
         " and the children seen at a session run in ‘" + esc(code) +
         "’ (or bilingually) are fewer than " + esc(below) +
         " of it. Where that count is hidden the flag is blank, and the area is not listed.</p>";
    for (const auto& l : c.in.layers)
      if (l.areas.column(language_gap(code)) >= 0) h += gaps_table(l, code, demand);
  }
  return h + "</section>";
}

}  // namespace reachmap::report
