// Before school ([run] never_seen_by_5, seen_before_1): of the children who turned 5 in the
// period, how many had no recorded contact with any setting before, and of those who turned 1,
// how many were seen before;
// for the whole area and by deprivation decile (the equity table), and the areas with the
// largest numbers who reached 5 unseen. From the public tables alone.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/core/columns.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap::report {

namespace {

// The attendance file's warning that its history is too short for the measures, if any.
std::string short_history(const ReportInput& in) {
  const std::string measure = name_of(Col::kNeverSeenBy5), early = name_of(Col::kSeenBefore1);
  if (!in.manifest.contains("inputs")) return {};
  for (const auto& input : in.manifest["inputs"]) {
    if (!input.contains("warnings")) continue;
    for (const auto& w : input["warnings"]) {
      const std::string text = w.is_string() ? w.get<std::string>() : w.dump();
      if (text.find(" needs them from ") != std::string::npos &&
          (text.find(measure) != std::string::npos || text.find(early) != std::string::npos))
        return text;
    }
  }
  return {};
}

// The equity table's rows (all areas, then each decile) with both cohorts' figures.
std::string decile_table(const ReportLayer& layer, bool five, bool one) {
  const TextTable& t = layer.equity;
  std::string h = "<table class=\"data\"><caption>Children who turned " +
                  std::string(five && one ? "5 and 1"
                              : five      ? "5"
                                          : "1") +
                  " in the period, layer ‘" + esc(layer.name) +
                  "’, by deprivation decile</caption><thead><tr><th scope=\"col\">Areas</th>";
  if (five)
    h += "<th scope=\"col\">Turned 5</th><th scope=\"col\">Never seen before 5</th>"
         "<th scope=\"col\">Share (95% interval)</th>";
  if (one)
    h += "<th scope=\"col\">Turned 1</th><th scope=\"col\">Seen before 1</th>"
         "<th scope=\"col\">Share (95% interval)</th>";
  h += "</tr></thead><tbody>";
  for (std::size_t r = 0; r < t.size(); ++r) {
    h += "<tr><th scope=\"row\">" + esc(t.get(r, name_of(Col::kGroup))) + "</th>";
    if (five)
      h += "<td>" + esc(count_of(t, r, name_of(Col::kTurned5Children))) + "</td><td>" +
           esc(count_of(t, r, name_of(Col::kNeverSeenBy5))) + "</td><td>" +
           esc(share_of(t, r, name_of(Col::kNeverSeenBy5Share))) + "</td>";
    if (one)
      h += "<td>" + esc(count_of(t, r, name_of(Col::kTurned1Children))) + "</td><td>" +
           esc(count_of(t, r, name_of(Col::kSeenBefore1))) + "</td><td>" +
           esc(share_of(t, r, name_of(Col::kSeenBefore1Share))) + "</td>";
    h += "</tr>";
  }
  return h + "</tbody></table>";
}

// The areas with the largest numbers of children who reached 5 with no recorded contact
// (published counts only: a hidden one cannot be ranked), most first; nothing when no count
// above 0 is published.
std::string unseen_areas(const ReportLayer& layer) {
  const TextTable& t = layer.areas;
  const std::string never = name_of(Col::kNeverSeenBy5);
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (t.number(r, never).value_or(0) > 0) rows.push_back(r);
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
    return *t.number(a, never) > *t.number(b, never);
  });
  constexpr std::size_t kListed = 10;
  if (rows.empty()) return {};
  std::string h =
      "<table class=\"data\"><caption>Where the most children reached 5 with no recorded "
      "contact, "
      "layer ‘" +
      esc(layer.name) +
      "’</caption><thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Turned "
      "5</th><th scope=\"col\">Never seen before 5</th><th scope=\"col\">Share (95% "
      "interval)</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < std::min(kListed, rows.size()); ++i)
    h += "<tr><th scope=\"row\">" + esc(area_title(layer, rows[i])) + "</th><td>" +
         esc(count_of(t, rows[i], name_of(Col::kTurned5Children))) + "</td><td>" +
         esc(count_of(t, rows[i], never)) + "</td><td>" +
         esc(share_of(t, rows[i], name_of(Col::kNeverSeenBy5Share))) + "</td></tr>";
  return h + "</tbody></table>";
}

}  // namespace

std::string cohorts_section(const Context& c) {
  const ReportLayer* layer = main_layer(c.in);
  if (!layer) return {};
  const bool five = layer->equity.column(Col::kTurned5Children) >= 0;
  const bool one = layer->equity.column(Col::kTurned1Children) >= 0;
  if (!five && !one) return {};
  std::string h =
      "<section id=\"before-school\" aria-labelledby=\"before-school-h\"><h2 "
      "id=\"before-school-h\">Before school</h2><p class=\"lede\">";
  const auto all = all_row(*layer);
  const TextTable& e = layer->equity;
  if (five && all)
    h += "Of the " + esc(count_of(e, *all, name_of(Col::kTurned5Children))) +
         " registered children who turned 5 in the period, " +
         esc(count_of(e, *all, name_of(Col::kNeverSeenBy5))) +
         " had no recorded contact with any setting before their fifth birthday (" +
         esc(share_of(e, *all, name_of(Col::kNeverSeenBy5Share))) +
         "): most went to school without the centres ever meeting them. ";
  if (one && all)
    h += "Of the " + esc(count_of(e, *all, name_of(Col::kTurned1Children))) + " who turned 1, " +
         esc(count_of(e, *all, name_of(Col::kSeenBefore1))) +
         " had been seen before their first birthday (" +
         esc(share_of(e, *all, name_of(Col::kSeenBefore1Share))) + ").";
  h += "</p>";
  if (const std::string warning = short_history(c.in); !warning.empty())
    h += "<p class=\"warning\"><strong>The attendance history is short:</strong> " + esc(warning) +
         ". " +
         (warning.find(name_of(Col::kNeverSeenBy5)) != std::string::npos
              ? "The share never seen before 5 is then too high."
              : "The share seen before 1 is then too low.") +
         "</p>";
  h += decile_table(*layer, five, one);
  // A year's cohort in a small area is mostly a count too small to publish: each layer's list
  // holds its areas whose count is published.
  if (five)
    for (const ReportLayer& l : c.in.layers) h += unseen_areas(l);
  h += "<p>Every area's figures are in indicators_" + esc(layer->name) + ".csv (";
  for (const Col col : {Col::kTurned5Children, Col::kNeverSeenBy5, Col::kTurned1Children})
    if (layer->areas.column(col) >= 0) h += esc(name_of(col)) + ", ";
  if (one) h += esc(name_of(Col::kSeenBefore1)) + ", ";
  h += "and their shares); a count below the disclosure threshold is shown as a band or "
       "hidden.</p>";
  return h + "</section>";
}

}  // namespace reachmap::report
