// The methods section, generated from the manifest: what went in (files, vintages, rows used
// and set aside, and why), how children were placed, the population, the statistics, the
// disclosure rule, versions, licences and attribution.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap::report {

namespace {

using Json = nlohmann::ordered_json;

std::string text_of(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<long long>());
  if (j.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", j.get<double>());
    return buf;
  }
  if (j.is_boolean()) return j.get<bool>() ? "yes" : "no";
  return j.dump();
}

// A member of `j`, or an empty object when it has none (safe to iterate).
const Json& member(const Json& j, const char* key) {
  static const Json kEmpty = Json::object();
  return j.is_object() && j.contains(key) ? j[key] : kEmpty;
}

std::string reasons(const Json& j) {
  if (!j.is_object() || j.empty()) return "none";
  std::string s;
  for (const auto& [why, n] : j.items()) s += (s.empty() ? "" : "; ") + why + ": " + text_of(n);
  return s;
}

// " Deprivation (IMD) carried from old (lsoa11cd) codes: 263 areas from one whole area, ...".
std::string carried(const std::string& what, const Json& v) {
  return " " + what + " carried from " + esc(text_of(v.value("codes_from", Json("")))) +
         " codes: " + text_of(v.value("areas_from_one_whole_area", Json(0))) +
         " areas from one whole area, " + text_of(v.value("areas_from_part_of_an_area", Json(0))) +
         " from part of one, " + text_of(v.value("areas_from_several_areas", Json(0))) +
         " from several.";
}

// The file's name without its folders (the manifest has the full paths and SHA-256).
std::string file_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

const char* role_words(const std::string& role) {
  if (role == "postcodes") return "Postcode directory";
  if (role == "registrations") return "Registrations (children on the centres' records)";
  if (role == "attendance") return "Attendance (contacts with children)";
  if (role == "known children") return "Children known to health";
  if (role == "population") return "Under-5 population";
  if (role == "deprivation") return "Deprivation (IMD)";
  if (role == "centres") return "Centres";
  if (role == "lookups") return "Area code lookup";
  return nullptr;
}

}  // namespace

// Long by design: the methods page, paragraph by paragraph, as the reader meets it.
std::string methods_section(const Context& c) {
  const Json& m = c.in.manifest;
  std::string h =
      "<section id=\"methods\" aria-labelledby=\"methods-h\"><h2 id=\"methods-h\">"
      "Methods and data</h2>";
  h += "<p>Made by reachmap " + esc(m.value("reachmap_version", "")) + " for the period " +
       esc(c.period) +
       ". Children are counted when under 5 at the end of the period and "
       "registered by then; a child is <em>seen</em> with at least one contact in the period and "
       "<em>seen regularly</em> (sustained) with at least " +
       esc(text_of(m.value("sustained_min_contacts", Json(3)))) +
       ". Reach is the share of the under-5s living in an area. Analysis coordinates: " +
       esc(m.value("analysis_crs", "")) + ".</p>";

  h += "<h3>Every input row accounted for</h3><table class=\"data methods\"><thead><tr><th "
       "scope=\"col\">Input</th><th scope=\"col\">File</th><th scope=\"col\">Rows</th><th "
       "scope=\"col\">Used</th><th scope=\"col\">Not counted (by rule)</th><th "
       "scope=\"col\">Rejected (with reason)</th></tr></thead><tbody>";
  std::string shapes;
  for (const auto& in : member(m, "inputs")) {
    const std::string role = in.value("role", "");
    const std::string file = file_name(in.value("path", ""));
    if (!in.contains("rows")) {  // boundaries and basemaps: files, not rows
      shapes += "<li>" + esc(role) + ": <code>" + esc(file) + "</code></li>";
      continue;
    }
    const char* words = role_words(role);
    h += "<tr><th scope=\"row\">" + esc(words ? words : role) + "</th><td><code>" + esc(file) +
         "</code></td><td>" + whole(in["rows"].get<double>()) + "</td><td>" +
         whole(in.value("used", 0.0)) + "</td><td>" + esc(reasons(member(in, "not_counted"))) +
         "</td><td>" + esc(reasons(member(in, "rejected"))) + "</td></tr>";
  }
  h += "</tbody></table><p class=\"note\">Every row is either used, not counted by a rule of "
       "the period, or rejected with a reason; the staff's copy lists each rejected row "
       "(private/rejects.csv). Each file's SHA-256 is in manifest.json.</p>";
  if (!shapes.empty()) h += "<p>Boundaries and map detail:</p><ul>" + shapes + "</ul>";

  h += "<h3>Placing children and the population</h3><ul>";
  if (m.contains("postcode_directory")) {
    const Json& d = m["postcode_directory"];
    h += "<li>Postcodes located through a directory of " + text_of(d.value("postcodes", Json(0))) +
         " postcodes (" + text_of(d.value("terminated", Json(0))) +
         " terminated ones kept, as "
         "families still give them); coordinates transformed by PROJ: " +
         esc(d.value("transformation", "")) + ".</li>";
  }
  for (const auto& [name, l] : member(m, "layers").items()) {
    h += "<li>Layer <strong>" + esc(name) +
         "</strong>: " + text_of(l.value(name_of(Col::kAreas), Json(0))) +
         " areas; children placed by " + esc(l.value("placement", "")) + ", " +
         text_of(l.value("children_placed", Json(0))) + " placed, " +
         text_of(l.value("children_outside", Json(0))) + " outside every area.";
    if (l.contains("population")) {
      const Json& p = l["population"];
      if (!p.value("estimate", false))
        h += " The under-5 population is as given in the population file.";
      else if (p.contains("note"))
        h += " " + esc(text_of(p["note"]));
      if (p.contains("method")) h += " (" + esc(text_of(p["method"])) + ")";
      if (p.contains("vintage")) h += carried("The population", p["vintage"]);
    }
    if (l.contains("deprivation_vintage") && l["deprivation_vintage"].is_object())
      h += carried("Deprivation (IMD)", l["deprivation_vintage"]);
    h += "</li>";
  }
  h += "</ul>";

  h += "<h3>Statistics</h3><ul><li>Intervals: 95% Wilson score intervals for shares, exact "
       "Poisson intervals for counts.</li>";
  if (std::any_of(c.in.layers.begin(), c.in.layers.end(),
                  [](const ReportLayer& l) { return !l.groups.empty(); }))
    h += "<li>Target groups: the group's seen reach over everyone else's (the under-5s less "
         "the group's), a ratio of two proportions with its 95% interval by the log method "
         "(Katz: exp(ln r &plusmn; 1.96 &radic;(1/a &minus; 1/n<sub>1</sub> + 1/b &minus; "
         "1/n<sub>2</sub>))), worked out from the published counts; each interval stands "
         "alone at 95%, so one row in twenty may miss 1 by chance.</li>";
  for (const auto& [name, a] : member(m, "analysis").items()) {
    if (!a.value("computed", false)) {
      h += "<li>Layer " + esc(name) + ": spatial statistics not computed (" +
           esc(text_of(a.value("skipped", Json("")))) + ").</li>";
      continue;
    }
    h += "<li>Layer " + esc(name) + ": " + esc(text_of(a.value("variable", Json("")))) +
         " (seen reach smoothed by empirical Bayes) with " + esc(text_of(a["weights"])) +
         " weights; global Moran's I = " + text_of(a["moran"]["I"]) +
         " (pseudo p = " + text_of(a["moran"]["p_sim"]) + ", " + text_of(a["permutations"]) +
         " permutations, seed " + text_of(a["seed"]) + "); local clusters (LISA) at alpha " +
         text_of(a["alpha"]) + ". Funnel limits: " + esc(text_of(a["funnel"]["limits"])) +
         ". Expected reach: " + esc(text_of(a["expected_reach_regression"]["method"])) +
         ". Priority score: " + esc(text_of(a["priority"])) + ".</li>";
  }
  h += "</ul>";

  h += "<h3>Protecting children's privacy</h3>";
  if (m.contains("privacy")) {
    const Json& p = m["privacy"];
    if (p.value("disclosure_control", "") != "on")
      h += "<p><strong>Disclosure control was off for this run</strong>: small counts are "
           "shown as they are. Do not publish this report.</p>";
    else if (p.value("rule", "") == "perturb")
      h += "<p>" + esc(text_of(p["description"])) +
           " This is the cell key method the Office for National Statistics used for Census "
           "2021: each child carries a fixed random key, and a count's change depends only on "
           "the count and on which children it counts, so the same children give the same "
           "figure in every table, and comparing or adding up tables does not give the true "
           "counts back as it could with exact figures. The change has an average of zero, so "
           "totals stay unbiased. Nothing "
           "is hidden: the areas with the fewest children seen stay on the maps and in the "
           "outreach list, with the same small noise as every other figure. Shares, the "
           "statistics, the priority and the outreach list in this report are all worked out "
           "from the published counts. Staff have the same analysis of the true counts, which "
           "is not published. This report holds no child's name, identifier, postcode or date "
           "of birth.</p>";
    else if (p.value("rule", "") == "round")
      h += "<p>Every count of children is rounded to a multiple of " + text_of(p["base"]) +
           ". Children not reached (the population less those seen), shares, the statistics, "
           "the priority and the outreach list in this report are all worked out from the "
           "rounded counts, so they say nothing the rounded counts do not. Staff have the same "
           "analysis of the true counts, which is not published.</p>";
    else
      h += "<p>Counts from 1 to " + text_of(Json(p.value("min_count", 5) - 1)) +
           " children are hidden (shown as \"fewer than " + text_of(Json(p.value("min_count", 5))) +
           "\"), with other counts where a hidden one could be worked out by subtraction "
           "(secondary suppression). Before anything is written, reachmap plays an intruder "
           "who writes down every sum and every order the published tables hold at once (a "
           "ward is its neighbourhoods, a reach area its areas, seen children are never more "
           "than registered ones) and solves them for each hidden count: a count of 1 to " +
           text_of(Json(p.value("min_count", 5) - 1)) + " must still be able to be 0 or " +
           text_of(Json(p.value("min_count", 5))) +
           " and "
           "more, and no other hidden count may come out as one number; where one would, "
           "another count beside it is hidden too. Everything else in this report, the shares, the "
           "statistics, "
           "the priority and the outreach list, is worked out from the published counts only: a "
           "hidden count enters at the middle of its range (2 for \"fewer than 5\"), and an "
           "area whose count is hidden only to protect another is left out of the statistics. "
           "So no figure here says more about a hidden count than its range. Staff have the "
           "same analysis of the true counts, which is not published. An information "
           "governance officer can run the same check on the published files alone before "
           "they go out (<code>reachmap audit</code> on the output folder). This report holds "
           "no child's name, identifier, postcode or date of birth.</p>";
  }

  h += "<h3>Software, licences and attribution</h3><ul>";
  if (m.contains("versions"))
    for (const auto& [lib, v] : m["versions"].items())
      h += "<li>" + esc(lib) + " " + esc(text_of(v)) + "</li>";
  h += "</ul><ul class=\"attribution\">";
  if (m.contains("report") && m["report"].contains("attribution"))
    for (const auto& line : m["report"]["attribution"]) h += "<li>" + esc(text_of(line)) + "</li>";
  h += "<li>Deprivation: English Indices of Deprivation 2019, Ministry of Housing, Communities "
       "and Local Government, Open Government Licence v3.0 (where the IMD is used).</li>"
       "<li>Colour schemes from ColorBrewer 2.0 by Cynthia A. Brewer, Apache License 2.0.</li>"
       "</ul></section>";
  return h;
}

}  // namespace reachmap::report
