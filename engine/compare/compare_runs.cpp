#include "engine/compare/compare_runs.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/compare/area_change.hpp"
#include "engine/compare/change_map.hpp"
#include "engine/compare/change_page.hpp"
#include "engine/compare/trend.hpp"
#include "engine/core/date.hpp"
#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/csv_writer.hpp"
#include "engine/io/folder_file.hpp"
#include "engine/io/output_set.hpp"
#include "engine/io/sha256.hpp"
#include "engine/report/detail/sections.hpp"
#include "engine/report/report_input.hpp"

namespace reachmap {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::string period_of(const ReportInput& in) {
  const Json p = in.manifest.value("period", Json::object());
  return p.value("from", std::string("?")) + ".." + p.value("to", std::string("?"));
}

Error mismatch(const std::string& folder, const std::string& what) {
  return Error(ErrorCode::kBadInput, "the two folders differ in " + what, {folder},
               "compare two runs of one config over two periods: the same layers and area "
               "codes, the same [privacy] rule and the same population source");
}

// A manifest value as text for a message ("none" when absent).
std::string text_of(const Json& v) {
  if (v.is_null()) return "none";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// The population input's digest (the same file, or the same bytes elsewhere), or none.
Json population_source(const ReportInput& in) {
  for (const Json& i : in.manifest.value("inputs", Json::array()))
    if (i.value("role", std::string()) == "population") return i.value("sha256", Json());
  return Json();
}

// The first difference that makes the two folders' reach incomparable, as an Error.
void check_comparable(const ReportInput& before, const ReportInput& now) {
  const auto names = [](const ReportInput& in) {
    std::string s;
    for (const ReportLayer& l : in.layers) s += (s.empty() ? "" : ", ") + l.name;
    return s;
  };
  if (names(before) != names(now))
    throw mismatch(now.folder,
                   "their layers: " + names(before) + " before, " + names(now) + " now");
  const Json pb = before.manifest.value("privacy", Json::object()),
             pn = now.manifest.value("privacy", Json::object());
  for (const char* key : {"rule", "disclosure_control", "min_count", "base", "max_perturbation"})
    if (pb.value(key, Json()) != pn.value(key, Json()))
      throw mismatch(now.folder, std::string("their [privacy] ") + key + ": " +
                                     text_of(pb.value(key, Json())) + " before, " +
                                     text_of(pn.value(key, Json())) + " now");
  // Seen counts children seen within the period: a longer one sees more, and a reversed pair
  // turns every sign.
  const auto days = [](const ReportInput& in, const char* key) {
    const auto d = parse_date(in.manifest.value("period", Json::object()).value(key, ""), false);
    if (!d)
      throw Error(ErrorCode::kBadInput, std::string("no period '") + key + "' date",
                  {in.folder + "/manifest.json"}, "give folders a finished run wrote");
    return d->days();
  };
  const long b_from = days(before, "from"), b_to = days(before, "to");
  const long n_from = days(now, "from"), n_to = days(now, "to");
  if (n_to < b_to)  // the same period twice is allowed: a run again after a correction
    throw mismatch(now.folder, "order: the later period (" + period_of(now) +
                                   ") ends before the earlier one (" + period_of(before) +
                                   "); give the earlier folder first");
  const double b_len = double(b_to - b_from + 1), n_len = double(n_to - n_from + 1);
  if (std::max(b_len, n_len) > 1.1 * std::min(b_len, n_len))
    throw mismatch(now.folder, "the length of their periods (" + period_of(before) + " and " +
                                   period_of(now) +
                                   "): children seen in a longer period are not comparable");
  if (population_source(before) != population_source(now))
    throw mismatch(now.folder,
                   "their population source (the [population] file's SHA-256 in each "
                   "manifest.json): a change in reach would mix a change in the estimate");
}

std::string write_table(const std::string& dir, const std::string& name,
                        const std::vector<AreaChange>& changes,
                        const ChangeColumns& columns = area_columns()) {
  AtomicTextFile file(dir + "/" + name);
  write_csv_row(file.out(), change_header(columns));
  for (const AreaChange& a : changes) {
    auto f = change_fields(a, columns);
    f[0] = neutralise_formula(f[0]), f[1] = neutralise_formula(f[1]);
    write_csv_row(file.out(), f);
  }
  file.commit();
  return name;
}

// Every file under `dir/sub` (sorted), relative to `dir/sub`, with its SHA-256.
Json outputs_of(const std::string& dir, const std::vector<std::string>& files) {
  Json out = Json::array();
  for (const std::string& f : files)
    out.push_back({{"path", f}, {"sha256", sha256_file(dir + "/" + f, f)}});
  return out;
}

void write_json(const std::string& path, const Json& j) {
  AtomicTextFile file(path);
  file.out() << j.dump(2) << "\n";
  file.commit();
}

// `folder`'s staff table private/<table>.csv (its path), or "" when the folder has none. Read
// only as the public tables are: a plain file, never through a link, holding the bytes
// private/manifest.json lists (an edited or swapped table is an error naming it, exit 4).
std::string staff_table(const std::string& folder, const std::string& table) {
  const std::string dir = folder + "/private";
  if (!fs::is_directory(fs::symlink_status(dir))) return {};
  const auto path = plain_file_in(dir, table + ".csv");
  if (!path) return {};
  const auto manifest = plain_file_in(dir, "manifest.json");
  const auto digests =
      manifest ? output_digests(read_plain_file(*manifest, *manifest)) : std::nullopt;
  if (!digests)
    throw Error(ErrorCode::kBadInput,
                "private/ holds " + table + ".csv but no manifest.json listing its SHA-256",
                {dir + "/manifest.json"},
                "give folders a finished `reachmap run` wrote; run it again to remake them");
  check_digest(*path, table + ".csv", *digests);
  return *path;
}

// The earlier period's outreach areas: the rows its report listed (report/detail/sections),
// by row of `c`. None when that is half the layer or more (eight wards, all listed): it picks
// nothing out.
std::vector<bool> outreach_areas(const ReportInput& before, const ReportLayer& layer,
                                 const std::vector<AreaChange>& c) {
  const std::size_t length = before.manifest.value("report", Json::object())
                                 .value("outreach_list_length", std::size_t(10));
  std::vector<bool> out(c.size(), false);
  const std::size_t n = report::outreach_list_size(length, layer.areas.size());
  if (2 * n >= layer.areas.size()) return out;
  std::set<std::string> ids;
  for (const std::size_t r : report::outreach_rows(layer, n))
    ids.insert(layer.areas.get(r, name_of(Col::kAreaId)));
  for (std::size_t i = 0; i < c.size(); ++i) out[i] = ids.count(c[i].id) > 0;
  return out;
}

// Whether the later run widened its own funnel for overdispersion ([analysis] overdispersion):
// its factor is above 1 only then. The change funnel follows it.
bool widened_funnel(const ReportInput& now, const std::string& layer) {
  const Json an = now.manifest.value("analysis", Json::object());
  if (!an.contains(layer) || !an[layer].is_object()) return false;
  return an[layer].value("funnel", Json::object()).value("overdispersion_factor", 1.0) > 1.0;
}

CompareResult compare_checked(const CompareOptions& o) {
  const ReportInput before = read_report_input(o.before), now = read_report_input(o.now);
  std::vector<ReportInput> earlier;
  for (const std::string& f : o.earlier) earlier.push_back(read_report_input(f));
  std::vector<const ReportInput*> periods;
  for (const ReportInput& e : earlier) periods.push_back(&e);
  periods.push_back(&before), periods.push_back(&now);
  for (std::size_t i = 0; i + 1 < periods.size(); ++i)
    check_comparable(*periods[i], *periods[i + 1]);
  CompareResult result;
  result.period_before = period_of(before), result.period_now = period_of(now);
  result.periods = periods.size();
  std::vector<std::string> inputs = o.earlier;
  inputs.push_back(o.before), inputs.push_back(o.now);
  OutputSet set(o.out, inputs);
  const std::string dir = set.staging();
  ensure_folder(dir + "/maps");
  std::vector<std::string> files, staff_files;
  ChangePage page;
  page.period_before = result.period_before, page.period_now = result.period_now;
  for (std::size_t l = 0; l < now.layers.size(); ++l) {
    const ReportLayer &lb = before.layers[l], &ln = now.layers[l];
    const std::string table = "indicators_" + ln.name + ".csv";
    auto changes = area_changes(lb.areas, ln.areas, o.before + "/" + table, o.now + "/" + table);
    const bool widen = widened_funnel(now, ln.name);
    const ChangeFunnels funnels = add_change_funnels(changes, widen);
    const auto outreach = outreach_areas(before, lb, changes);
    files.push_back(write_table(dir, "change_" + ln.name + ".csv", changes));
    const std::string map = "maps/change_seen_reach_" + ln.name;
    const bool drawn = std::any_of(ln.shapes.begin(), ln.shapes.end(),
                                   [](const auto& rings) { return !rings.empty(); });
    if (drawn) {
      draw_change_map(changes, outreach, ln, before, now, dir + "/" + map);
      for (const char* ext : {".png", ".svg", ".pdf"}) files.push_back(map + ext);
    }
    LayerChangeSummary s;
    s.layer = ln.name, s.areas = changes.size();
    s.funnel_target = funnels.seen.target, s.funnel_phi = funnels.seen.phi;
    s.funnel_widened = funnels.seen.widened;
    for (std::size_t i = 0; i < changes.size(); ++i) {
      ++s.seen_flags[change_flag_text(changes[i].seen.flag)];
      if (!changes[i].seen.funnel.empty()) ++s.seen_funnel[changes[i].seen.funnel];
      s.outreach_before += outreach[i];
      s.outreach_improved += outreach[i] && changes[i].seen.flag == ChangeFlag::kImproved;
    }
    page.layers.push_back({ln.name, changes, outreach, drawn ? map + ".svg" : "", funnels.seen});
    result.layers.push_back(std::move(s));
    // The staff's copy from both folders' true tables, when both have them.
    const std::string sb = staff_table(o.before, "indicators_" + ln.name),
                      sn = staff_table(o.now, "indicators_" + ln.name);
    if (!sb.empty() && !sn.empty()) {
      ensure_folder(dir + "/private");
      auto true_changes = area_changes(read_text_table(sb, sb), read_text_table(sn, sn), sb, sn);
      add_change_funnels(true_changes, widen);
      staff_files.push_back(
          write_table(dir + "/private", "change_" + ln.name + ".csv", true_changes));
    }
  }
  // Each centre's reach area, when both periods publish one (a manager's own question).
  const ChangeColumns cc = centre_columns();
  if (before.centres.column(cc.population) >= 0 && now.centres.column(cc.population) >= 0) {
    page.centres = area_changes(before.centres, now.centres, o.before + "/centres.csv",
                                o.now + "/centres.csv", cc);
    files.push_back(write_table(dir, "change_centres.csv", page.centres, cc));
    const std::string sb = staff_table(o.before, "centres"), sn = staff_table(o.now, "centres");
    if (!sb.empty() && !sn.empty()) {
      ensure_folder(dir + "/private");
      staff_files.push_back(write_table(
          dir + "/private", "change_centres.csv",
          area_changes(read_text_table(sb, sb), read_text_table(sn, sn), sb, sn, cc), cc));
    }
  }
  // Seen reach period by period: copies of what each folder published.
  for (const ReportInput* in : periods) page.periods.push_back(period_of(*in));
  page.trends = reach_trends(periods);
  if (!page.trends.empty()) {
    AtomicTextFile file(dir + "/trend.csv");
    write_csv_row(file.out(), trend_header());
    for (auto row : trend_rows(page.trends, page.periods)) {
      row[2] = neutralise_formula(row[2]), row[3] = neutralise_formula(row[3]);
      write_csv_row(file.out(), row);
    }
    file.commit();
    files.push_back("trend.csv");
  }
  files.push_back("change.html");
  {
    AtomicTextFile html(dir + "/change.html");
    html.out() << change_page_html(page);
    html.commit();
  }
  std::sort(files.begin(), files.end());
  Json m;
  m["about"] = "reachmap compare: reach per area in two periods and its change";
  m["before"] = {{"folder", o.before}, {"period", result.period_before}};
  m["now"] = {{"folder", o.now}, {"period", result.period_now}};
  if (!o.earlier.empty()) {
    Json e = Json::array();
    for (std::size_t i = 0; i < o.earlier.size(); ++i)
      e.push_back({{"folder", o.earlier[i]}, {"period", period_of(earlier[i])}});
    m["earlier"] = e;  // in the trend only
  }
  m["method"] =
      "change in reach = reach now - reach before, each a count over the under-5 population "
      "as published; 95% interval by Newcombe's hybrid score method (1998, method 10) from "
      "each period's Wilson interval; improved or worsened when the interval excludes 0. "
      "change_funnel: the change against all the layer's areas' together (Spiegelhalter's "
      "funnel plot for change), z = (change - overall change) / sqrt(p (1 - p) (1/n_old + "
      "1/n_new)) at the area's pooled reach p, flagged beyond 95% and 99.8%";
  Json layers = Json::object();
  for (const LayerChangeSummary& s : result.layers)
    layers[s.layer] = {{"areas_compared", s.areas},
                       {"seen_reach_flags", s.seen_flags},
                       {"outreach_areas_before", s.outreach_before},
                       {"outreach_areas_improved", s.outreach_improved},
                       {"seen_reach_change_funnel",
                        {{"overall_change", s.funnel_target},
                         {"overdispersion_factor", s.funnel_phi},
                         {"limits_widened", s.funnel_widened},
                         {"areas_by_flag", s.seen_funnel}}}};
  m["layers"] = layers;
  m["outputs"] = outputs_of(dir, files);
  if (!staff_files.empty()) {
    result.staff = true;
    Json pm;
    pm["about"] =
        "For staff only: the change worked out from both periods' true counts (private/ of "
        "each folder)";
    pm["outputs"] = outputs_of(dir + "/private", staff_files);
    write_json(dir + "/private/manifest.json", pm);
  }
  write_json(dir + "/manifest.json", m);
  set.commit();
  result.out = set.target();
  return result;
}

}  // namespace

CompareResult compare_runs(const CompareOptions& o) {
  // A change folder inside a run's folder would make it a folder reachmap did not make.
  std::vector<std::string> folders = o.earlier;
  folders.push_back(o.before), folders.push_back(o.now);
  for (const std::string& in : folders) {
    // Absolute first: a relative path none of whose parts exists yet stays relative otherwise,
    // and "change" would seem to lie outside nothing.
    const fs::path folder = fs::weakly_canonical(fs::absolute(in)),
                   out = fs::weakly_canonical(fs::absolute(o.out));
    if (out != folder && out.lexically_relative(folder).string().rfind("..", 0) != 0)
      throw Error(ErrorCode::kOutput, "the change folder is inside a compared folder", {o.out},
                  "write the change beside the two folders, e.g. --out change");
  }
  try {
    return compare_checked(o);
  } catch (const nlohmann::json::exception& e) {  // a manifest value of the wrong type
    throw Error(ErrorCode::kBadInput, std::string("a manifest.json: ") + e.what(),
                {o.before + " or " + o.now}, "give folders a finished `reachmap run` wrote");
  }
}

}  // namespace reachmap
