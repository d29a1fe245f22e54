// Fathers and carers: per centre, the children seen who came at least once with a father
// (centres.csv), and a small chart of its contacts with a father by month (carers_by_week.csv):
// the tally a centre keeps by hand today, from the public tables alone. A month's bar is the
// sum of its weeks' published contacts; a hidden week adds a hatched cap of what it can be.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "engine/core/columns.hpp"
#include "engine/core/date.hpp"
#include "engine/report/detail/html.hpp"
#include "engine/report/detail/sections.hpp"

namespace reachmap::report {

namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The month ("2025-04") an ISO week ("2025-W14") counts in: its Thursday's.
std::string month_of_week(const std::string& week) {
  const int year = std::stoi(week.substr(0, 4)), n = std::stoi(week.substr(6));
  // 4 January is always in week 1; (days + 3) mod 7 counts from Monday (1970-01-01 a Thursday).
  const long jan4 = Date{year, 1, 4}.days();
  const long thursday = jan4 - ((jan4 + 3) % 7 + 7) % 7 + 3 + 7L * (n - 1);
  return date_from_days(thursday).to_string().substr(0, 7);
}

struct Month {
  std::string key;   // 2025-04
  double known = 0;  // published contacts with a father
  int hidden = 0;    // weeks whose count is hidden
};

// The centre's months in order, from its father rows. A week across the period's first or last
// day holds only the period's days' contacts: it counts in the period's first or last month.
std::vector<Month> months_of(const TextTable& t, const std::vector<std::size_t>& rows,
                             const std::string& first, const std::string& last) {
  std::map<std::string, Month> by_key;
  for (std::size_t r : rows) {
    const std::string month = month_of_week(t.get(r, name_of(Col::kWeek)));
    Month& m = by_key[std::clamp(month, first, std::max(first, last))];
    if (const auto v = t.number(r, name_of(Col::kContacts)))
      m.known += *v;
    else
      ++m.hidden;
  }
  std::vector<Month> out;
  for (auto& [key, m] : by_key) {
    m.key = key;
    out.push_back(m);
  }
  return out;
}

std::string month_chart(const std::string& title, const std::vector<Month>& months, int min_count) {
  const double width = 360, height = 150, left = 40, bottom = 28, top = 10, right = 8;
  double top_value = 1;
  for (const Month& m : months)
    top_value = std::max(top_value, m.known + m.hidden * (min_count - 1));
  const double step = (width - left - right) / double(std::max<std::size_t>(months.size(), 1));
  const auto y = [&](double v) {
    return height - bottom - v / top_value * (height - top - bottom);
  };
  std::string h = "<figure class=\"small-chart\"><figcaption>" + esc(title) +
                  "</figcaption><svg class=\"chart\" viewBox=\"0 0 " + px(width) + " " +
                  px(height) + "\" role=\"img\" aria-label=\"" +
                  esc("Contacts with a father by month, " + title) + "\">";
  h += "<line class=\"axis\" x1=\"" + px(left) + "\" x2=\"" + px(width - right) + "\" y1=\"" +
       px(y(0)) + "\" y2=\"" + px(y(0)) + "\"/>";
  h += "<text x=\"" + px(left - 4) + "\" y=\"" + px(y(top_value) + 4) + "\" text-anchor=\"end\">" +
       whole(top_value) + "</text><text x=\"" + px(left - 4) + "\" y=\"" + px(y(0) + 4) +
       "\" text-anchor=\"end\">0</text>";
  for (std::size_t i = 0; i < months.size(); ++i) {
    const Month& m = months[i];
    const double x = left + step * double(i) + step * 0.15, w = step * 0.7;
    const std::string words =
        m.key + ": " + whole(m.known) + " contacts with a father" +
        (m.hidden ? " and " + std::to_string(m.hidden) + " week" + (m.hidden > 1 ? "s" : "") +
                        " hidden (fewer than " + std::to_string(min_count) + " each)"
                  : "");
    h += "<rect class=\"father\" x=\"" + px(x) + "\" y=\"" + px(y(m.known)) + "\" width=\"" +
         px(w) + "\" height=\"" + px(y(0) - y(m.known)) + "\"><title>" + esc(words) +
         "</title></rect>";
    if (m.hidden) {
      const double cap = m.hidden * (min_count - 1);
      h += "<rect class=\"hidden-cap\" x=\"" + px(x) + "\" y=\"" + px(y(m.known + cap)) +
           "\" width=\"" + px(w) + "\" height=\"" + px(y(m.known) - y(m.known + cap)) +
           "\"><title>" + esc(words) + "</title></rect>";
    }
    const int month = std::stoi(m.key.substr(5));
    h += "<text class=\"tick\" x=\"" + px(x + w / 2) + "\" y=\"" + px(height - bottom + 14) +
         "\" text-anchor=\"middle\">" + kMonths[month - 1] + "</text>";
  }
  return h + "</svg></figure>";
}

}  // namespace

std::string fathers_section(const Context& c) {
  const TextTable& t = c.in.carers;
  const TextTable& centres = c.in.centres;
  const std::string father = name_of(Col::kSeenWithFather);
  if (t.empty() || centres.column(father) < 0) return {};
  const int min_count =
      c.in.manifest.contains("privacy") ? c.in.manifest["privacy"].value("min_count", 5) : 5;
  const auto& m = c.in.manifest;
  const std::string from = m.contains("period") ? m["period"].value("from", "") : "";
  const std::string to = m.contains("period") ? m["period"].value("to", "") : "";
  std::map<std::string, std::vector<std::size_t>> father_rows;
  for (std::size_t r = 0; r < t.size(); ++r)
    if (t.get(r, name_of(Col::kCarer)) == "father")
      father_rows[t.get(r, name_of(Col::kCentreId))].push_back(r);
  std::string h =
      "<section id=\"fathers\" aria-labelledby=\"fathers-h\"><h2 id=\"fathers-h\">Fathers and "
      "carers</h2><p class=\"lede\">Of the children each centre saw, how many came at least once "
      "with a father or male carer, and each month's contacts with a father: the tally a "
      "centre keeps by hand. A hatched cap is weeks whose count is hidden (fewer than " +
      std::to_string(min_count) +
      " contacts each): the bar can reach its top. Every week, kind "
      "of carer and count is in carers_by_week.csv.</p>";
  h += "<table class=\"data\"><caption>Children seen with a father, " + esc(c.period) +
       "</caption><thead><tr><th scope=\"col\">Centre</th><th scope=\"col\">Children seen</th>"
       "<th scope=\"col\">Seen with a father</th><th scope=\"col\">Share (95% interval)</th>"
       "</tr></thead><tbody>";
  const std::size_t shown = std::min(centres.size(), kCentresListed);
  for (std::size_t r = 0; r < shown; ++r)
    h += "<tr><th scope=\"row\">" + esc(centres.get(r, name_of(Col::kCentreName))) + "</th><td>" +
         esc(count_of(centres, r, name_of(Col::kSeenChildren))) + "</td><td>" +
         esc(count_of(centres, r, father)) + "</td><td>" +
         esc(share_of(centres, r, name_of(Col::kSeenWithFatherShare))) + "</td></tr>";
  h += "</tbody></table>";
  if (centres.size() > shown)
    h += "<p>The first " + std::to_string(shown) + " of " + whole(double(centres.size())) +
         " centres by id; centres.csv has every one.</p>";
  h += "<div class=\"small-charts\">";
  for (std::size_t r = 0; r < shown; ++r) {
    const auto it = father_rows.find(centres.get(r, name_of(Col::kCentreId)));
    if (it == father_rows.end()) continue;
    h += month_chart(centres.get(r, name_of(Col::kCentreName)),
                     months_of(t, it->second, from.substr(0, 7), to.substr(0, 7)), min_count);
  }
  return h + "</div></section>";
}

}  // namespace reachmap::report
