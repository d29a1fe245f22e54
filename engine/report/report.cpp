// Puts the report together: headline figures, the outreach list, a map per layer, the funnel
// plot and equity gradient, a page per centre and the methods; then prints it to PDF.
#include "engine/report/report.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "engine/core/date.hpp"
#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"
#include "engine/report/print_pdf.hpp"
#include "engine/stats/priority.hpp"

namespace reachmap {

// The report's stylesheet and script (engine/report/assets, embedded at build time).
extern const char* const kReportCss;
extern const char* const kReportJs;

namespace report {

const ReportLayer* main_layer(const ReportInput& in) {
  const ReportLayer* best = nullptr;
  for (const auto& l : in.layers)
    if (l.areas.column(Col::kUnder5Population) >= 0 &&
        (!best || l.areas.size() > best->areas.size()))
      best = &l;
  return best ? best : (in.layers.empty() ? nullptr : &in.layers.front());
}

std::string count_of(const TextTable& t, std::size_t r, const std::string& key) {
  const std::string text = count_text(t.get(r, key), t.get(r, band_of(key)));
  return text == "-" && t.get(r, name_of(Col::kSuppressed)) == "true" ? "hidden" : text;
}

std::string share_of(const TextTable& t, std::size_t r, const std::string& key) {
  const std::string text =
      share_with_interval(t.number(r, key), t.number(r, low_of(key)), t.number(r, high_of(key)));
  return text == "-" && t.get(r, name_of(Col::kSuppressed)) == "true" ? "hidden" : text;
}

std::vector<std::size_t> outreach_rows(const ReportLayer& layer, std::size_t n) {
  std::vector<std::optional<double>> ranks;
  for (std::size_t r = 0; r < layer.areas.size(); ++r)
    ranks.push_back(layer.areas.number(r, name_of(Col::kPriorityRank)));
  std::vector<std::size_t> out;
  for (const auto& [rank, row] : first_by_priority(ranks, n)) out.push_back(row);
  return out;
}

namespace {

std::string long_date(const std::string& iso) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  if (iso.size() != 10) return iso;
  const int m = std::atoi(iso.substr(5, 2).c_str()), d = std::atoi(iso.substr(8, 2).c_str());
  if (m < 1 || m > 12) return iso;
  return std::to_string(d) + " " + kMonths[m - 1] + " " + iso.substr(0, 4);
}

std::string change_text(std::optional<double> now, std::optional<double> before) {
  if (!now || !before) return {};
  const double points = (*now - *before) * 100;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s%.1f points on last period (%.1f%%)", points >= 0 ? "+" : "−",
                std::fabs(points), *before * 100);
  return buf;
}

}  // namespace

// The "all areas" row of the main layer's equity table.
std::optional<std::size_t> all_row(const ReportLayer& l) {
  for (std::size_t r = 0; r < l.equity.size(); ++r)
    if (l.equity.get(r, name_of(Col::kImdDecile)).empty()) return r;
  return std::nullopt;
}

std::string headline_section(const Context& c) {
  const ReportLayer* l = main_layer(c.in);
  if (!l) return {};
  const auto r = all_row(*l);
  if (!r) return {};
  const TextTable& t = l->equity;
  const ReportLayer* pl = c.previous ? main_layer(*c.previous) : nullptr;
  const auto pr = pl ? all_row(*pl) : std::nullopt;
  std::string h =
      "<section id=\"headline\" aria-labelledby=\"headline-h\"><h2 id=\"headline-h\">"
      "Headline figures</h2><div class=\"cards\">";
  const auto card = [&](const std::string& title, const std::string& big, const std::string& small,
                        const std::string& change) {
    h += "<div class=\"card\"><p class=\"card-title\">" + esc(title) + "</p><p class=\"big\">" +
         esc(big) + "</p><p class=\"small\">" + esc(small) + "</p>" +
         (change.empty() ? "" : "<p class=\"change\">" + esc(change) + "</p>") + "</div>";
  };
  const double pop = t.number(*r, name_of(Col::kUnder5Population)).value_or(0);
  card("Children under 5", whole(pop),
       "living in the " + t.get(*r, name_of(Col::kAreas)) + " areas", "");
  for (const auto& [key, title] : {std::pair{"registered", "Registered with a centre"},
                                   {"seen", "Seen at least once"},
                                   {"sustained", "Seen regularly"}}) {
    const std::string k = key;
    const auto share = t.number(*r, k + "_reach");
    const auto before = pr ? pl->equity.number(*pr, k + "_reach") : std::nullopt;
    card(title, pct(share),
         count_text(t.get(*r, k + "_children"), t.get(*r, k + "_children_band")) +
             " children; 95% interval " + pct(t.number(*r, k + "_reach_low"), 1) + " to " +
             pct(t.number(*r, k + "_reach_high"), 1),
         change_text(share, before));
  }
  h += "</div>";
  if (const auto unreached = t.number(*r, name_of(Col::kUnreachedChildren)))
    h += "<p class=\"key-message\"><strong>" + whole(*unreached) +
         " children under 5</strong> living here were not seen by any centre in the period.</p>";
  if (c.previous && !pr)
    h += "<p class=\"note\">The last period's folder has no comparable figures.</p>";
  return h + "</section>";
}

std::string outreach_section(const Context& c) {
  std::string h =
      "<section id=\"outreach\" aria-labelledby=\"outreach-h\"><h2 id=\"outreach-h\">"
      "Where outreach should go first</h2><p class=\"lede\">The areas where the most "
      "children are missed against what their deprivation and distance to a centre "
      "would lead us to expect, most certain first (the priority score weighs the "
      "gap, the children short, deprivation and clusters of low reach). Staff have "
      "a street-level sheet for each of these areas in <code>private/outreach/</code>."
      " In <em>Why</em>: <em>far below the rest</em> and <em>below the rest</em> are the funnel "
      "plot's 99.8% and 95% limits; a <em>low-reach cluster</em> is a group of neighbouring "
      "areas all reached less (local Moran); <em>children short</em> is how many more would "
      "have been seen at the expected reach.</p>";
  bool any = false;
  for (const auto& layer : c.in.layers) {
    const auto rows = outreach_rows(layer, c.listed(layer));
    if (rows.empty()) continue;
    any = true;
    const TextTable& t = layer.areas;
    bool decile = false;  // a column only when the layer has deprivation
    for (std::size_t r : rows) decile |= t.number(r, name_of(Col::kImdDecile)).has_value();
    h += "<table class=\"data outreach\" data-layer=\"" + esc(layer.name) +
         "\"><caption>Outreach list: the first " + std::to_string(rows.size()) + " of the " +
         whole(double(t.size())) + " areas of layer ‘" + esc(layer.name) +
         "’</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Area</th><th "
         "scope=\"col\">Under-5s</th><th scope=\"col\">Seen</th><th scope=\"col\">Seen reach "
         "(95% interval)</th><th scope=\"col\">Expected</th><th scope=\"col\">Not seen</th>" +
         std::string(decile ? "<th scope=\"col\">Deprivation decile</th>" : "") +
         "<th scope=\"col\">Why</th></tr></thead><tbody>";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::size_t r = rows[i];
      std::string why;
      const std::string& funnel = t.get(r, name_of(Col::kFunnelFlag));
      const auto add = [&](const std::string& w) { why += (why.empty() ? "" : "; ") + w; };
      if (funnel == "below 99.8%") add("far below the rest");
      if (funnel == "below 95%") add("below the rest");
      if (t.get(r, name_of(Col::kLisaCluster)) == "low-low") add("low-reach cluster");
      if (const auto short_by = t.number(r, name_of(Col::kReachShortfall));
          short_by && *short_by >= 0.5)
        add(whole(*short_by) + " children short");
      h += "<tr><td>" + std::to_string(i + 1) + "</td><th scope=\"row\"><a href=\"#" +
           esc(layer.name + "-" + t.get(r, name_of(Col::kAreaId))) + "\" class=\"to-map\">" +
           esc(area_title(layer, r)) + "</a></th><td>" +
           whole(t.number(r, name_of(Col::kUnder5Population)).value_or(0)) + "</td><td>" +
           esc(count_of(t, r, name_of(Col::kSeenChildren))) + "</td><td>" +
           esc(share_of(t, r, name_of(Col::kSeenReach))) + "</td><td>" +
           pct(t.number(r, name_of(Col::kExpectedSeenReach))) + "</td><td>" +
           esc(count_of(t, r, name_of(Col::kUnreachedChildren))) + "</td>" +
           (decile ? "<td>" +
                         esc(t.get(r, name_of(Col::kImdDecile)).empty()
                                 ? "-"
                                 : whole(*t.number(r, name_of(Col::kImdDecile)))) +
                         "</td>"
                   : "") +
           "<td>" + esc(why.empty() ? "-" : why) + "</td></tr>";
    }
    h += "</tbody></table>";
  }
  if (!any)
    h += "<p>No outreach list: it needs a population and the spatial statistics of a layer.</p>";
  return h + "</section>";
}

}  // namespace report

namespace {
std::string html_of(const ReportInput& in, const ReportInput* previous) {
  using namespace report;
  Context c{in, previous, {}, 10, {}};
  const auto& m = in.manifest;
  const std::string from = m.contains("period") ? m["period"].value("from", "") : "";
  const std::string to = m.contains("period") ? m["period"].value("to", "") : "";
  c.period = long_date(from) + " to " + long_date(to);
  if (m.contains("report")) c.list_length = m["report"].value("outreach_list_length", 10);
  const int min_count = m.contains("privacy") ? m["privacy"].value("min_count", 5) : 5;
  c.hidden_words = "fewer than " + std::to_string(min_count) + " children";
  std::string title = m.contains("report") ? m["report"].value("title", "") : "";
  if (title.empty()) title = "Reach of children's centres and family hubs";

  std::string body;
  body += headline_section(c);
  body += outreach_section(c);
  body += cohorts_section(c);
  for (const auto& layer : in.layers) body += map_section(c, layer);
  if (const ReportLayer* l = main_layer(in)) {
    body += funnel_section(c, *l);
    body += equity_section(c, *l);
    body += groups_section(c, *l);
  }
  body += centres_section(c);
  body += fathers_section(c);
  body += services_section(c);
  body += settings_section(c);
  body += methods_section(c);

  std::string nav =
      "<nav aria-label=\"Contents\"><ul><li><a href=\"#headline\">Headline</a></li>"
      "<li><a href=\"#outreach\">Outreach list</a></li>";
  for (const auto& l : in.layers)
    nav += "<li><a href=\"#map-" + esc(l.name) + "\">Map: " + esc(l.name) + "</a></li>";
  if (body.find("id=\"funnel-") != std::string::npos)
    nav += "<li><a href=\"#funnel-" + esc(main_layer(in)->name) + "\">Funnel plot</a></li>";
  if (body.find("id=\"equity-") != std::string::npos)
    nav += "<li><a href=\"#equity-" + esc(main_layer(in)->name) + "\">Equity gradient</a></li>";
  if (body.find("id=\"groups-") != std::string::npos)
    nav += "<li><a href=\"#groups-" + esc(main_layer(in)->name) + "\">Target groups</a></li>";
  if (!in.centres.empty()) nav += "<li><a href=\"#centres\">Centres</a></li>";
  if (body.find("id=\"fathers\"") != std::string::npos)
    nav += "<li><a href=\"#fathers\">Fathers and carers</a></li>";
  if (body.find("id=\"services\"") != std::string::npos)
    nav += "<li><a href=\"#services\">Which sessions reach whom</a></li>";
  nav += "<li><a href=\"#methods\">Methods</a></li></ul></nav>";

  const bool perturbed = m.contains("privacy") && m["privacy"].value("rule", "") == "perturb";
  const std::string public_note =
      perturbed ? "Public: every count has had a small random change, the same in every table; "
                  "no child can be identified from this report."
                : "Public: small counts are hidden; no child can be identified from this report.";
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      esc(title + ", " + c.period) + "</title><style>" + std::string(kReportCss) +
      "</style></head><body>";
  html += "<header><p class=\"kicker\">Report for the board</p><h1>" + esc(title) +
          "</h1><p "
          "class=\"period\">" +
          esc(c.period) + "</p><p class=\"public\">" + public_note + "</p></header>" + nav +
          "<main>" + body + "</main><footer><p>Made with reachmap " +
          esc(m.value("reachmap_version", "")) +
          " from the public tables of this run.</p>"
          "</footer><div class=\"tooltip\" role=\"tooltip\" hidden></div><script>" +
          std::string(kReportJs) + "</script></body></html>\n";
  return html;
}
}  // namespace

namespace {
// The report's HTML from a folder (and the last period's). A manifest read from the folder
// with a value of the wrong type is that file's error, naming the key (JSON_DIAGNOSTICS puts
// the value's JSON pointer in the library's message); from the run itself it is a bug.
std::string html_from(const ReportInput& in, const ReportOptions& options) {
  std::optional<ReportInput> previous;
  if (!options.previous.empty()) previous = read_report_input(options.previous);
  try {
    return html_of(in, previous ? &*previous : nullptr);
  } catch (const nlohmann::json::exception& e) {
    if (in.manifest_file.empty()) throw;
    std::string what = e.what();
    std::string key = "?";
    if (const auto open = what.find("] ("); open != std::string::npos)
      if (const auto close = what.find(") ", open); close != std::string::npos) {
        key = what.substr(open + 4, close - open - 4);  // "/period/to" as "period/to"
        what = what.substr(close + 2);
      }
    throw Error(ErrorCode::kBadInput,
                "key '" + key + "' has a value of the wrong type (" + what + ")",
                {in.manifest_file},
                "give the folder a finished `reachmap run` wrote; run again to remake it");
  }
}
}  // namespace

ReportResult write_report(const std::string& folder, const ReportOptions& options,
                          const std::string* manifest_json) {
  ReportResult result;
  std::optional<nlohmann::ordered_json> manifest;
  if (manifest_json) manifest = nlohmann::ordered_json::parse(*manifest_json);
  const ReportInput in = read_report_input(folder, manifest ? &*manifest : nullptr);
  const std::string html = html_from(in, options);
  result.html_path = folder + "/report.html";
  {
    AtomicTextFile f(result.html_path);
    f.out() << html;
    f.commit();
  }
  if (!options.pdf) return result;
  const auto& m = in.manifest;
  const auto& period = m.contains("period") ? m["period"] : nlohmann::ordered_json();
  const std::string to = period.is_object() && period.contains("to") && period["to"].is_string()
                             ? period["to"].get<std::string>()
                             : "";
  result.pdf_note = print_pdf(result.html_path, folder + "/report.pdf", to, options.browser);
  if (result.pdf_note.empty()) result.pdf_path = folder + "/report.pdf";
  return result;
}

}  // namespace reachmap
