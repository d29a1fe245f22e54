#include "engine/pipeline/manifest.hpp"

#include <algorithm>

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/analysis/headline_counts.hpp"
#include "engine/core/perturbation_table.hpp"
#include "engine/geo/area_locator.hpp"
#include "engine/geo/crs.hpp"
#include "engine/io/sha256.hpp"
#include "engine/io/vector_reader.hpp"
#include "engine/maps/maps.hpp"
#include "engine/measure/service_columns.hpp"
#include "engine/outreach/outreach_pack.hpp"
#include "engine/privacy/disclosure.hpp"

#ifndef REACHMAP_VERSION
#define REACHMAP_VERSION "dev"
#endif

namespace reachmap {

using Json = nlohmann::ordered_json;

namespace {
double significant(double v) {
  if (v == 0 || !std::isfinite(v)) return v;
  const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(v))));
  return std::round(v * scale) / scale;
}

Json input_entry(const Analysis& a, const RunRecord& record, const InputFile& in) {
  const auto& [role, path, display] = in;
  Json j;
  j["role"] = role;
  j["path"] = display;
  const auto known = record.input_digests.find(path);
  j["sha256"] =
      known != record.input_digests.end() ? known->second.sha256 : sha256_file(path, display);
  auto it = a.accounting.files().find(display);
  if (it != a.accounting.files().end()) {
    const FileAccount& f = it->second;
    j["rows"] = f.rows;
    j["used"] = f.used;
    j["not_counted"] = Json::object();
    for (const auto& [rule, n] : f.excluded) j["not_counted"][rule] = n;
    j["rejected"] = Json::object();
    for (const auto& [reason, n] : f.rejected) j["rejected"][reason] = n;
    j["rows_accounted_for"] = f.balanced();
    j["warnings"] = f.warnings;
  }
  return j;
}

// How values on another vintage of area codes reached the layer (see vintage_lookup.hpp).
Json vintage_json(const std::optional<VintageReport>& v) {
  if (!v) return nullptr;
  Json j;
  j["lookup"] = v->lookup;
  j["codes_from"] = v->from;
  j["codes_to"] = v->to;
  j["areas_from_one_whole_area"] = v->unchanged;
  j["areas_from_part_of_an_area"] = v->split;
  j["areas_from_several_areas"] = v->merged;
  j["areas_with_a_source_missing"] = v->incomplete;
  j["change_indicator_of_pairs_used"] = Json::object();
  for (const auto& [code, n] : v->change)
    j["change_indicator_of_pairs_used"][code.empty() ? "(none)" : code] = n;
  j["method"] =
      "an area from one whole area copies its values; an area from part of an area inherits "
      "its scores and deciles and an equal share of its counts (an estimate); an area from "
      "several areas takes the sum of their counts, the " +
      std::string(v->weighted ? "population-weighted" : "unweighted") +
      " mean of their scores and the most deprived (lowest) of their deciles";
  return j;
}
// Each layer's analysis: the public one in manifest.json, the staff's (of the true counts) in
// private/manifest.json. Model figures to 4 significant digits.
Json analysis_json(const Analysis& a, const std::vector<LayerStatistics>& statistics) {
  Json an = Json::object();
  for (std::size_t li = 0; li < a.layers.size(); ++li) {
    const LayerResult& l = a.layers[li];
    const LayerStatistics& st = statistics[li];
    Json j;
    j["computed"] = st.computed;
    if (!st.computed) {
      j["skipped"] = st.skipped;
      an[l.boundary.name] = j;
      continue;
    }
    j["variable"] = st.variable;
    j["weights"] = st.weights;
    j["areas_analysed"] = st.included;
    j["areas_left_out"] = st.left_out;
    j["islands"] = st.islands;
    j["permutations"] = a.settings.analysis.permutations;
    j["seed"] = a.settings.seed;
    j["alpha"] = a.settings.analysis.alpha;
    j["fdr"] = a.settings.analysis.fdr;
    // Model outputs are rounded here (4 significant digits) so that, with every other area's
    // published values, they cannot be solved back for a hidden count.
    j["moran"] = {{"I", significant(st.moran.I)},
                  {"expected", significant(st.moran.expected)},
                  {"variance", significant(st.moran.variance)},
                  {"z", significant(st.moran.z)},
                  {"p_sim", st.moran.p_sim}};
    j["lisa_clusters"] = {{"low-low", st.low_low}, {"high-high", st.high_high}};
    j["funnel"] = {{"target", significant(st.funnel_target)},
                   {"overdispersion_factor", significant(st.funnel_phi)},
                   {"limits", "95% and 99.8% around the target, Wilson score (PHE/OHID method)"}};
    Json coef = Json::object();
    for (const auto& [term, value] : st.coefficients) coef[term] = significant(value);
    j["expected_reach_regression"] = {{"method", "weighted least squares, weights = population"},
                                      {"coefficients", coef}};
    j["priority"] = st.priority;
    an[l.boundary.name] = j;
  }
  return an;
}

Json outputs_json(const std::vector<std::pair<std::string, std::string>>& files) {
  Json outputs = Json::array();
  for (const auto& [path, sha] : files) outputs.push_back({{"path", path}, {"sha256", sha}});
  return outputs;
}

}  // namespace

std::vector<InputFile> input_files(const Config& c) {
  std::vector<InputFile> out{{"postcodes", c.postcodes.path, c.postcodes.display},
                             {"registrations", c.registrations.path, c.registrations.display},
                             {"attendance", c.attendance.path, c.attendance.display}};
  if (c.known_children)
    out.push_back({"known children", c.known_children->path, c.known_children->display});
  for (const auto& l : c.layers)
    out.push_back({(l.from.empty() ? "boundaries:" : "localities:") + l.name, l.path, l.display});
  if (c.lookup) out.push_back({"lookups", c.lookup->path, c.lookup->display});
  if (c.population) out.push_back({"population", c.population->path, c.population->display});
  for (const auto& g : c.group_populations)  // a file read for several groups, listed once
    if (std::none_of(out.begin(), out.end(), [&](const InputFile& f) { return f.path == g.path; }))
      out.push_back({"group population", g.path, g.display});
  if (c.deprivation) out.push_back({"deprivation", c.deprivation->path, c.deprivation->display});
  if (c.centres) out.push_back({"centres", c.centres->path, c.centres->display});
  if (c.centres && c.centres->reach_boundaries)
    out.push_back(
        {"reach areas", c.centres->reach_boundaries->path, c.centres->reach_boundaries->display});
  return out;
}

std::string manifest_json(const Config& c, const Analysis& a, const RunRecord& record,
                          const std::vector<DisclosureSummary>& layers,
                          const DisclosureSummary& centres,
                          const std::vector<LayerStatistics>& statistics, const MapsResult& maps,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const RunOptions& options) {
  Json m;
  m["reachmap_version"] = REACHMAP_VERSION;
  m["config"] = c.file;
  m["period"] = {{"from", c.run.from.to_string()}, {"to", c.run.to.to_string()}};
  m["analysis_crs"] = a.settings.crs;
  m["seed"] = c.run.seed;
  m["sustained_min_contacts"] = c.run.sustained_min_contacts;
  // [run] never_seen_by_5, seen_before_1: which cohorts the tables count (absent when none).
  if (c.run.cohorts.any()) {
    Json cohorts = Json::array();
    if (c.run.cohorts.never_seen_by_5) cohorts.push_back(name_of(Col::kNeverSeenBy5));
    if (c.run.cohorts.seen_before_1) cohorts.push_back(name_of(Col::kSeenBefore1));
    m["early_years_cohorts"] = cohorts;
  }

  Json inputs = Json::array();
  for (const InputFile& in : input_files(c)) inputs.push_back(input_entry(a, record, in));
  m["inputs"] = inputs;
  // Basemap features left out to keep the maps small (absent when none were).
  if (a.basemap && !a.basemap->warnings.empty()) m["basemap_warnings"] = a.basemap->warnings;

  m["postcode_directory"] = {{"postcodes", a.directory.entries.size()},
                             {"without_location", a.directory.no_location},
                             {"terminated", a.directory.terminated},
                             {"transformation", a.directory.transformation}};
  // Quality fields are reported only when the directory has them.
  if (a.directory.has_quality) {
    m["postcode_directory"]["imputed_location"] = a.directory.imputed;
    m["postcode_directory"]["approximate_location"] = a.directory.approximate;
  }
  if (a.directory.has_usertype) m["postcode_directory"]["large_user"] = a.directory.large_user;
  // Counts of children, as a public output may state them (a small one as its band; under
  // perturb, perturbed by the cell key of the children counted).
  const HeadlineCounts h = headline_counts(a);
  const auto count = [&](const HeadlineCount& n) -> Json {
    const auto v = published(n, a.settings.privacy);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return std::get<std::int64_t>(v);
  };
  m["children"] = {{"counted", count(h.counted)}, {"at_terminated_postcodes", count(h.terminated)}};
  if (a.directory.has_quality) {
    m["children"]["at_imputed_locations"] = count(h.imputed);
    m["children"]["at_approximate_locations"] = count(h.approximate);
  }
  if (a.directory.has_usertype) m["children"]["at_large_user_postcodes"] = count(h.large_user);
  if (a.known) {
    m["known_children"] = {
        {"counted", count(h.known)},
        {"matched_by_id", count(h.known_by_id)},
        {"matched_by_postcode_and_birth_month", count(h.known_by_postcode_and_month)},
        {"not_registered", count(h.known_not_registered)},
        {"ids_no_registration_carries", count(h.known_ids_not_registered)},
        {"matching",
         "a known child is matched to a counted registration by id where its row has one ("
         "[registrations] " +
             (c.registrations.match_id.explicit_ ? "'" + c.registrations.match_id.name + "'"
                                                 : std::string("child_id")) +
             "), otherwise by postcode and birth month; one registration per known child"}};
  }
  m["contacts"] = {{"distinct", a.attendance.distinct_contacts},
                   {"duplicate_rows_collapsed", a.attendance.duplicate_rows}};
  if (const auto& t = a.attendance.carers) {
    // The values no kind lists are free text (a name, even): counted here, named in
    // private/manifest.json.
    std::size_t rows = 0;
    for (const auto& [value, n] : t->unmapped) rows += n;
    m["carers"] = {{"column", c.attendance.carer.name},
                   {"kinds", t->kinds.kinds},
                   {"kinds_from", t->kinds.from_config ? "[carers]" : "built in (see the README)"},
                   {"weeks", t->weeks},
                   {"first_week", iso_week_text(t->first_monday)},
                   {"values_counted_as_other", t->unmapped.size()},
                   {"rows_counted_as_other", rows},
                   {"fathers_counted", t->kinds.father() >= 0}};
  }
  if (const auto& s = a.services) {
    // Service names the services file lacks may be free text too: named in private/.
    std::size_t rows = 0;
    for (const auto& [value, n] : a.attendance.unknown_services) rows += n;
    Json types = Json::array(), languages = Json::array();
    for (const ServiceLabel& t : s->types)
      types.push_back({{"type", t.written}, {"column", t.column}});
    for (const ServiceLabel& l : s->languages) languages.push_back(l.column);
    m["services"] = {{"services", s->by_id.size()},
                     {"types", types},
                     {"languages", languages},
                     {"services_not_listed", a.attendance.unknown_services.size()},
                     {"rows_at_services_not_listed", rows}};
    Json gaps = Json::array();
    for (const LanguageGapRule& r : a.settings.language_gaps)
      gaps.push_back({{"language", r.language},
                      {"provision", r.provision},
                      {"demand", r.demand},
                      {"demand_column", demand_column(r, a.settings.groups)},
                      {"min_demand", r.min_demand},
                      {"share_below", r.share_below}});
    if (!gaps.empty()) m["services"]["language_gaps"] = gaps;
  }
  if (const auto& s = a.setting_types) {
    std::map<std::string, std::size_t> centres_of;
    for (const Centre& centre : a.centres) ++centres_of[column_name_of(centre.setting_type)];
    Json types = Json::array();
    for (std::size_t k = 0; k < s->types.size(); ++k)
      types.push_back({{"type", s->types[k].written},
                       {"column", s->types[k].column},
                       {"centres", centres_of[s->types[k].column]},
                       {"in_headline", bool(s->headline >> k & 1)}});
    const auto unlisted = centres_not_listed(*a.setting_types, a.attendance.contacts_by_centre);
    std::size_t rows = 0;
    for (const auto& [id, n] : unlisted) rows += n;
    m["settings"] = {
        {"column", c.centres->setting_type.name},
        {"types", types},
        {"headline", s->restricts_headline()
                         ? "seen_children counts contacts at the kinds in_headline only"
                         : "seen_children counts contacts at every kind of setting"},
        {"centres_not_listed", unlisted.size()},
        {"contacts_at_centres_not_listed", rows}};
  }

  Json lj = Json::object();
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    const LayerResult& l = a.layers[i];
    Json j;
    j["areas"] = l.boundary.areas.size();
    if (const std::string& from = c.layers[i].from; !from.empty())
      j["dissolved_from"] = {{"layer", from},
                             {"lookup", c.layers[i].display},
                             {"how", "each area the union of the areas of '" + from +
                                         "' the lookup gives it (GEOS, shared edges merged)"}};
    j["invalid_polygons_repaired"] = l.boundary.repaired;
    j["areas_without_geometry"] = l.boundary.no_geometry;
    j["overlapping_area_pairs"] = l.boundary.overlaps.size();
    j["overlapping_area_examples"] = Json::array();
    for (std::size_t k = 0; k < std::min<std::size_t>(20, l.boundary.overlaps.size()); ++k)
      j["overlapping_area_examples"].push_back(
          Json::array({l.boundary.areas[l.boundary.overlaps[k].first].id,
                       l.boundary.areas[l.boundary.overlaps[k].second].id}));
    j["transformation"] = l.boundary.transformation;
    j["placement"] = l.method.sentence();
    // Placed = counted - outside: both are given as bands when outside is small.
    const auto outside = count(h.outside[i]);
    j["children_placed"] = outside.is_string() ? Json("not published (children outside is small)")
                                               : count(h.placed[i]);
    j["children_outside"] = outside;
    if (l.agreement) {
      j["code_geometry_agreement"] = {
          {"compared", l.agreement->compared},
          {"agree", l.agreement->agree},
          {"share", l.agreement->compared ? static_cast<double>(l.agreement->agree) /
                                                static_cast<double>(l.agreement->compared)
                                          : 0.0}};
    }
    if (l.population) {
      const Population& p = *l.population;
      j["population"] = {{"areas_without_population", p.areas_without},
                         {"codes_not_in_layer", p.unmatched_codes},
                         {"scale", p.scale},
                         {"estimate", p.estimate}};
      if (p.carried) {
        j["population"]["carried_from"] = p.carried->from;
        j["population"]["method"] = p.carried->method();
        j["population"]["source_areas_whole"] = p.carried->sources_whole;
        j["population"]["source_areas_shared_by_postcodes"] = p.carried->sources_shared;
        j["population"]["source_areas_shared_by_overlap"] = p.carried->sources_by_overlap;
        j["population"]["source_areas_outside"] = p.carried->sources_outside;
        j["population"]["areas_estimated"] = p.carried->areas_estimated;
      }
      if (p.estimate) j["population"]["note"] = population_note(l);
      if (p.vintage) j["population"]["vintage"] = vintage_json(p.vintage);
    } else {
      j["population"] = nullptr;
    }
    for (const TargetGroup& g : a.settings.groups) {
      if (g.population < 0) continue;
      const Population& p = l.group_populations[std::size_t(g.population)];
      auto& gj = j["group_populations"][g.name];
      gj = {{"areas_without_population", p.areas_without},
            {"codes_not_in_layer", p.unmatched_codes},
            {"scale", p.scale},
            {"estimate", p.estimate},
            {"has_reach", g.flag >= 0}};
      if (p.carried) gj["carried_from"] = p.carried->from;
    }
    if (l.deprivation_vintage) j["deprivation_vintage"] = vintage_json(l.deprivation_vintage);
    if (i < layers.size()) {
      j["rows_suppressed"] = layers[i].rows_suppressed;
      j["disclosure"] = {{"primary_cells", layers[i].primary_cells},
                         {"secondary_cells", layers[i].secondary_cells},
                         {"rounded_cells", layers[i].rounded_cells}};
    }
    lj[l.boundary.name] = j;
  }
  m["layers"] = lj;
  m["analysis"] = analysis_json(a, statistics);
  m["centres"] = {{"listed", a.centres.size()}, {"rows_suppressed", centres.rows_suppressed}};
  if (a.reach) {
    std::size_t with = 0;
    for (const auto& r : a.reach->by_centre) with += r.has_value();
    m["centres"]["reach_areas"] = {{"source", a.reach->source},
                                   {"centres_with_a_reach_area", with},
                                   {"area_ids_not_in_layer", a.reach->unknown_ids}};
    if (a.reach->population && a.reach->population->carried)
      m["centres"]["reach_areas"]["population"] = a.reach->population->carried->method();
  }
  if (a.periods) {  // [run] periods: each one's public tables, protected with the run's
    Json periods = Json::array();
    for (std::size_t i = 0; i < a.periods->periods.size(); ++i) {
      const NamedPeriod& p = a.periods->periods[i];
      Json pj = {
          {"name", p.name}, {"from", p.period.from.to_string()}, {"to", p.period.to.to_string()}};
      if (i < record.period_disclosure.size()) {
        const DisclosureSummary& d = record.period_disclosure[i];
        pj["rows_suppressed"] = d.rows_suppressed;
        pj["disclosure"] = {{"primary_cells", d.primary_cells},
                            {"secondary_cells", d.secondary_cells},
                            {"rounded_cells", d.rounded_cells}};
      }
      periods.push_back(pj);
    }
    m["periods"] = periods;
  }
  const PrivacyRule& rule = a.settings.privacy;
  m["privacy"] = {{"rule", rule_name(rule.rule)},
                  {"disclosure_control", rule.active() ? "on" : "off"}};
  if (rule.rule == DisclosureRule::kRound) {
    m["privacy"]["base"] = rule.base;
  } else if (rule.rule == DisclosureRule::kPerturb) {
    // The ptable's parameters and its stated variance, never a key.
    const PerturbationTable ptable(rule);
    m["privacy"]["method"] = "cell key perturbation (ONS Census 2021)";
    m["privacy"]["max_perturbation"] = rule.max_perturbation;
    m["privacy"]["small_counts_never_shown"] = rule.small_counts;
    m["privacy"]["variance"] = significant(ptable.stated_variance());
    m["privacy"]["description"] = perturbation_text(rule);
  } else {
    m["privacy"]["min_count"] = rule.min_count;
    m["privacy"]["secondary_suppression"] = rule.active();
  }
  // The intruder's audit (privacy/audit.hpp), under every rule: its counts, never its seconds
  // (those differ run to run: private/manifest.json). Under round and perturb, cells_added are
  // counts published blank because their rounded or perturbed value gave another away.
  if (record.audit.ran)
    m["privacy"]["audit"] = {{"cells_audited", record.audit.cells_audited},
                             {"cells_added", record.audit.cells_added},
                             {"narrowest_range", record.audit.narrowest_range},
                             {"cells_left_unsafe", record.audit.cells_left_unsafe}};
  m["maps"] = maps.files;
  m["report"] = {{"title", c.report.title},
                 {"outreach_list_length", a.settings.numbered_areas},
                 {"attribution", a.settings.attribution},
                 {"html", "report.html"},
                 {"pdf", record.report_pdf_text()}};
  if (!c.report.previous.empty()) m["report"]["previous"] = c.report.previous;
  // Areas under each legend row of every public choropleth (the QGIS styles' rules match).
  m["map_legends"] = Json::object();
  for (const auto& [name, rows] : maps.legends) {
    Json rj = Json::array();
    for (const auto& [label, areas] : rows) rj.push_back({{"label", label}, {"areas", areas}});
    m["map_legends"][name] = rj;
  }
  // Every other public file of the output set, with its SHA-256. Nothing about a private/
  // file (its hash, size or rows) is here: private/manifest.json lists those.
  m["outputs"] = outputs_json(files);
  m["versions"] = {{"gdal", gdal_version()}, {"geos", geos_version()}, {"proj", proj_version()}};
  m["threads"] = options.threads;
  return m.dump(2);
}

std::string private_manifest_json(const Analysis& a, const RunRecord& record,
                                  const std::vector<std::pair<std::string, std::string>>& files,
                                  const RunOptions& options) {
  Json m;
  m["about"] =
      "For staff only: the analysis of the true counts (the public one, in manifest.json, is "
      "made from the protected tables), the files of private/ (personal data) with their "
      "SHA-256, the outreach pack and how long each stage of the run took. Never publish this "
      "folder.";
  m["outreach_pack"] = {{"sheets", record.outreach_sheets}, {"folder", "private/outreach"}};
  if (record.outreach_reach_areas_left_out)
    m["outreach_pack"]["reach_area_sheets_left_out"] =
        "the " + std::to_string(record.outreach_reach_areas_left_out) +
        " centres' reach areas: more than " + std::to_string(kMaxReachAreaSheets) +
        "; run each local authority on its own for their sheets";
  std::vector<LayerStatistics> staff;
  for (const auto& l : a.layers) staff.push_back(l.statistics);
  m["analysis"] = analysis_json(a, staff);
  if (const auto& t = a.attendance.carers; t && !t->unmapped.empty())
    m["carer_values_counted_as_other"] = t->unmapped;  // value -> kept rows
  if (!a.attendance.unknown_services.empty())
    m["services_not_listed"] = a.attendance.unknown_services;  // value -> kept rows
  if (a.setting_types)
    if (const auto unlisted = centres_not_listed(*a.setting_types, a.attendance.contacts_by_centre);
        !unlisted.empty())
      m["centres_not_listed"] = unlisted;  // centre_id -> distinct contacts
  if (a.periods) {                         // [run] periods: who counts in each
    Json periods = Json::array();
    for (std::size_t i = 0; i < a.periods->periods.size(); ++i) {
      const NamedPeriod& p = a.periods->periods[i];
      std::size_t counted = 0;
      for (const std::uint64_t bits : a.periods->counted_in) counted += bits >> i & 1;
      periods.push_back({{"name", p.name},
                         {"from", p.period.from.to_string()},
                         {"to", p.period.to.to_string()},
                         {"children_counted", counted}});
    }
    m["periods"] = periods;
  }
  m["outputs"] = outputs_json(files);
  // What the next run into this folder checks its inputs against (input_digests.hpp).
  Json digests = Json::array();
  for (const auto& [path, d] : record.input_digests)
    digests.push_back({{"path", path},
                       {"sha256", d.sha256},
                       {"device", d.file.device},
                       {"inode", d.file.inode},
                       {"size", d.file.size},
                       {"modified_ns", d.file.modified_ns},
                       {"changed_ns", d.file.changed_ns},
                       {"hashed_at_ns", d.hashed_at_ns},
                       {"reused", d.reused}});
  m["input_digests"] = digests;
  m["threads"] = options.threads;
  if (record.audit.ran)
    m["disclosure_audit"] = {{"cells_audited", record.audit.cells_audited},
                             {"rounds", record.audit.rounds},
                             {"cells_added", record.audit.cells_added},
                             {"cells_left_unsafe", record.audit.cells_left_unsafe},
                             {"bands_withdrawn", record.audit.bands_withdrawn},
                             {"lp_parts", record.audit.parts},
                             {"lps", record.audit.lps},
                             {"lp_failures", record.audit.lp_failures},
                             {"counts_released", record.audit.released}};
  Json t = Json::object();
  for (const auto& [stage, seconds] : record.timings) t[stage] = seconds;
  if (record.audit.ran) t["disclosure audit (part of protect)"] = record.audit.seconds;
  m["timings_seconds"] = t;
  Json cpu = Json::object();
  for (const auto& [stage, seconds] : record.cpu_timings) cpu[stage] = seconds;
  m["cpu_seconds"] = cpu;
  return m.dump(2);
}

}  // namespace reachmap
