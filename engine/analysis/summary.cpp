#include "engine/analysis/summary.hpp"

#include <iomanip>
#include <sstream>

#include "engine/analysis/headline_counts.hpp"
#include "engine/core/privacy_rule.hpp"
#include "engine/core/text.hpp"
#include "engine/stats/priority.hpp"

namespace reachmap {

namespace {

// The first areas of the outreach priority, as the summary shows them.
std::string outreach_summary(const Table& t, std::size_t n) {
  const int c_id = t.column(Col::kAreaId), c_name = t.column(Col::kAreaName);
  std::ostringstream s;
  s << "  outreach first:";
  for (const auto& [k, r] : first_by_priority(t, n))
    s << (k > 1 ? "," : "") << " " << k << ". "
      << console_text(format_cell(t.rows[r][std::size_t(c_name)])) << " ("
      << console_text(format_cell(t.rows[r][std::size_t(c_id)])) << ")";
  return s.str() + "\n";
}

}  // namespace

// Names from the inputs (files, areas, centres, layers of a source) go through console_text:
// a terminal escape in a name is shown, not obeyed, and a long name is cut. Messages made
// here (warnings, sources) are escaped whole and cut name by name where they are made.
std::string summarise(const Analysis& a, std::size_t examples_per_reason, bool show_values) {
  const auto whole = [](const std::string& message) {
    return console_text(message, std::string::npos);
  };
  std::ostringstream s;
  for (const auto& [file, account] : a.accounting.files()) {
    s << console_text(file) << ": " << account.rows << " rows, " << account.used << " used";
    if (account.excluded_total()) s << ", " << account.excluded_total() << " not counted";
    if (account.rejected_total()) s << ", " << account.rejected_total() << " rejected";
    s << "\n";
    for (const auto& w : account.warnings) s << "    warning: " << whole(w) << "\n";
    for (const auto& [rule, n] : account.excluded)
      s << "    not counted: " << whole(rule) << ": " << n << "\n";
    for (const auto& [reason, n] : account.rejected) {
      s << "    rejected: " << whole(reason) << ": " << n << "\n";
      std::size_t shown = 0;
      for (const auto& r : a.accounting.rejects()) {
        if (shown >= examples_per_reason) break;
        if (r.file != file || r.reason != reason) continue;
        s << "      line " << r.line
          << (r.value.empty() || !show_values ? "" : ": \"" + excerpt(r.value) + "\"") << "\n";
        ++shown;
      }
    }
  }
  // Counts of children are shown as they would be published (small ones as a band).
  const HeadlineCounts h = headline_counts(a);
  const auto count = [&](const HeadlineCount& n) { return published_text(n, a.settings.privacy); };
  s << "children counted: " << count(h.counted) << " (" << count(h.terminated)
    << " at terminated postcodes";
  if (a.directory.has_usertype) s << ", " << count(h.large_user) << " at large-user postcodes";
  if (a.directory.has_quality)
    s << ", " << count(h.imputed) << " at imputed and " << count(h.approximate)
      << " at approximate locations";
  s << ")\n";
  if (a.basemap) {
    for (const auto& source : a.basemap->sources) s << "basemap: " << whole(source) << "\n";
    for (const auto& w : a.basemap->warnings) s << "    warning: " << whole(w) << "\n";
  }
  if (a.known)
    s << "known children: " << count(h.known) << " counted; " << count(h.known_by_id)
      << " matched to a registration by id, " << count(h.known_by_postcode_and_month)
      << " by postcode and birth month, " << count(h.known_not_registered) << " not registered\n";
  s << "distinct contacts: " << a.attendance.distinct_contacts << " ("
    << a.attendance.duplicate_rows << " duplicate rows collapsed)\n";
  if (a.periods && !a.periods->periods.empty()) {  // names only: their counts are the staff's
    const auto& p = a.periods->periods;
    s << "periods: " << p.size() << " measured in the same read (" << whole(p.front().name)
      << (p.size() > 1 ? " to " + whole(p.back().name) : "")
      << "), each layer's and the centres' tables in private/*_by_period.csv (not yet public)\n";
  }
  if (a.reach) {
    std::size_t with = 0;
    for (const auto& r : a.reach->by_centre) with += r.has_value();
    s << "reach areas: " << with << " of " << a.centres.size() << " centres, from "
      << whole(a.reach->source);
    if (a.reach->unknown_ids)
      s << "; " << a.reach->unknown_ids << " listed ids are not areas of the layer (ignored)";
    s << "\n";
  }
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    const LayerResult& l = a.layers[i];
    s << "layer " << l.boundary.name << ": " << l.boundary.areas.size() << " areas";
    if (l.boundary.repaired) s << ", " << l.boundary.repaired << " invalid polygons repaired";
    if (!l.boundary.index_note.empty()) s << "; " << l.boundary.index_note;
    if (l.boundary.no_geometry)
      s << ", " << l.boundary.no_geometry << " without a geometry"
        << (l.method.by_code() ? "" : " (their counts are left blank)");
    if (!l.boundary.overlaps.empty()) {
      const auto& [first, second] = l.boundary.overlaps.front();
      s << ", " << l.boundary.overlaps.size()
        << (l.boundary.overlaps.size() == 1 ? " pair" : " pairs") << " of overlapping areas (e.g. "
        << console_text(l.boundary.areas[first].id) << " and "
        << console_text(l.boundary.areas[second].id) << "; a child there counts in the first only)";
    }
    s << "; placed by " << whole(l.method.sentence()) << "; " << count(h.outside[i])
      << " children outside every area";
    if (l.agreement && l.agreement->compared)
      s << "; code and geometry agree for " << l.agreement->agree << " of "
        << l.agreement->compared;
    if (l.population && l.population->carried)
      s << "; population " << l.population->carried->method();
    else if (l.population)
      s << "; " << l.population->areas_without << " areas without population, "
        << l.population->unmatched_codes << " population codes not in the layer";
    s << "\n";
    const LayerStatistics& st = l.statistics;
    if (st.computed)  // model figures to 4 significant digits, as in the manifest
      s << std::setprecision(4) << "  statistics on " << st.included << " areas (" << st.left_out
        << " left out): Moran's I of " << st.variable << " = " << st.moran.I << " (pseudo-p "
        << st.moran.p_sim << "), " << st.low_low << " low-low and " << st.high_high
        << " high-high areas\n";
    if (st.computed) s << outreach_summary(l.indicators, 10);
  }
  return s.str();
}

}  // namespace reachmap
