#include "engine/config/config.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "engine/config/detail/config_readers.hpp"
#include "engine/config/detail/config_section.hpp"
#include "engine/core/error.hpp"
#include "engine/core/names.hpp"
#include "engine/core/number_format.hpp"

namespace reachmap {

using namespace detail;  // Section, kSectionKeys, table_at, line_of, fs

namespace {

toml::table parse_config(const std::string& path) {
  toml::table root;
  if (fs::is_directory(path))
    throw Error(ErrorCode::kBadConfig, "is a folder, not a config file", {path},
                "give the path of a .toml file, e.g. reachmap run my.toml");
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (!fs::exists(path))
      throw Error(ErrorCode::kBadConfig, "the config file does not exist", {path},
                  "give the path of a .toml file, e.g. reachmap run my.toml");
    const std::string what(e.description());
    std::string hint = "the config must be valid TOML (https://toml.io)";
    if (what.find("redefin") != std::string::npos)
      hint =
          "a key is given twice in one section; if the second one belongs to the next "
          "section, that section's [header] line is missing above it";
    throw Error(ErrorCode::kBadConfig, what, {path, e.source().begin.line}, hint);
  }
  return root;
}

void check_section_names(const toml::table& root, const std::string& path) {
  std::string section_list;
  for (const auto& [name, keys] : kSectionKeys)
    if (name.find('.') == std::string::npos)
      section_list += (section_list.empty() ? "[" : ", [") + name + "]";
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (kSectionKeys.count(k)) continue;
    std::string home;
    for (const auto& [section, keys] : kSectionKeys)
      if (keys.count(k)) home += (home.empty() ? "[" : " or [") + section + "]";
    if (!node.is_table() && !node.is_array_of_tables() && !home.empty())
      throw Error(ErrorCode::kBadConfig, "the key '" + k + "' is outside any section",
                  {path, line_of(node)},
                  "'" + k + "' belongs in " + home + ": put it below that section's header line");
    throw Error(ErrorCode::kBadConfig, "unknown section [" + k + "]", {path, line_of(node)},
                "sections are " + section_list);
  }
}

// [run] periods and rolling: "monthly", "quarterly", "annual", or a list of named ranges
// ({ name = "...", from = ..., to = ... }), each ending by the run's last day.
void read_periods(const Section& s, RunSection& run) {
  using Every = PeriodsOption::Every;
  PeriodsOption& out = run.periods;
  const char* const kHint =
      "write periods = \"quarterly\" (or \"monthly\", \"annual\"), or a list of ranges: "
      "periods = [{ name = \"Autumn term\", from = 2025-09-01, to = 2025-12-19 }]";
  if (const toml::node* n = s.node("periods")) {
    if (auto v = n->value<std::string>()) {
      if (*v == "monthly")
        out.every = Every::kMonth;
      else if (*v == "quarterly")
        out.every = Every::kQuarter;
      else if (*v == "annual")
        out.every = Every::kYear;
      else
        s.fail("periods", "'" + *v + "' is not a kind of period", kHint);
    } else if (const toml::array* list = n->as_array()) {
      out.every = Every::kNamed;
      std::set<std::string> names;
      for (const toml::node& item : *list) {
        const toml::table* t = item.as_table();
        const auto bad = [&](const std::string& what) {
          throw Error(ErrorCode::kBadConfig, "[run] periods: " + what, {s.file(), line_of(item)},
                      kHint);
        };
        if (!t) bad("each range must be { name = ..., from = ..., to = ... }");
        for (const auto& [key, value] : *t)
          if (key.str() != "name" && key.str() != "from" && key.str() != "to")
            bad("unknown key '" + std::string(key.str()) + "' in a range (name, from, to)");
        const auto date = [&](const char* key) {
          const toml::node* d = t->get(key);
          std::optional<Date> out;
          if (!d) bad(std::string("a range needs '") + key + "'");
          if (auto v = d->value_exact<toml::date>())
            out = parse_date(Date{v->year, v->month, v->day}.to_string(), false);
          else if (auto v = d->value<std::string>())
            out = parse_date(*v, false);
          if (!out) bad(std::string("'") + key + "' must be a date like 2025-04-01");
          return *out;
        };
        NamedPeriod p;
        if (auto v = t->get("name") ? t->get("name")->value<std::string>() : std::nullopt)
          p.name = *v;
        if (p.name.empty()) bad("a range needs a name, e.g. name = \"Autumn term\"");
        if (!names.insert(p.name).second) bad("the name '" + p.name + "' is given twice");
        p.period = {date("from"), date("to")};
        if (p.period.to < p.period.from) bad("'" + p.name + "' ends before it starts");
        if (p.period.to > run.to)
          bad("'" + p.name + "' ends after the run's last day (" + run.to.to_string() +
              "): a period is counted from the inputs up to [run] to");
        out.named.push_back(std::move(p));
      }
      if (out.named.empty()) s.fail("periods", "is an empty list", kHint);
    } else {
      s.fail("periods", "must be a kind of period or a list of ranges", kHint);
    }
  }
  out.rolling = s.flag("rolling", "write rolling = true for each period's 12 months up to its end")
                    .value_or(false);
  if (out.rolling && (out.every == Every::kNone || out.every == Every::kNamed))
    s.fail("rolling", "needs periods = \"monthly\", \"quarterly\" or \"annual\"",
           "rolling makes each of those periods the 12 months up to its end; a named range is "
           "already the window it names");
  if (const auto n = run_periods(out, {run.from, run.to}).size(); n > kMaxPeriods)
    s.fail("periods",
           "makes " + std::to_string(n) + " periods, more than " + std::to_string(kMaxPeriods),
           "use longer periods, or a shorter run from 'from' to 'to'");
}

void read_run(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const std::string& path = in.path;
  {
    Section s(table_at(root, "run", path), "run", path);
    auto from = s.date("from"), to = s.date("to");
    if (!from) s.fail("from", "is required", "write from = 2025-04-01 (the first day counted)");
    if (!to) s.fail("to", "is required", "write to = 2026-03-31 (the last day counted)");
    if (*to < *from) s.fail("to", "is before 'from'", "the period runs from 'from' to 'to'");
    cfg.run.from = *from;
    cfg.run.to = *to;
    cfg.run.crs = s.string("crs").value_or(cfg.run.crs);
    if (auto v = s.integer("sustained_min_contacts")) {
      if (*v < 1) s.fail("sustained_min_contacts", "must be at least 1", "e.g. 3");
      cfg.run.sustained_min_contacts = static_cast<int>(*v);
    }
    if (auto v = s.number("max_rejected_share")) {
      if (*v < 0 || *v > 1) s.fail("max_rejected_share", "must be from 0 to 1", "e.g. 0.05");
      cfg.run.max_rejected_share = *v;
    }
    if (auto v = s.integer("seed")) {
      if (*v < 0) s.fail("seed", "must be 0 or more", "e.g. seed = 20250401");
      cfg.run.seed = static_cast<std::uint64_t>(*v);
    }
    cfg.run.cohorts.never_seen_by_5 =
        s.flag("never_seen_by_5",
               "write never_seen_by_5 = true to count the children who "
               "turned 5 in the period unseen")
            .value_or(false);
    cfg.run.cohorts.seen_before_1 =
        s.flag("seen_before_1",
               "write seen_before_1 = true to count the children seen before "
               "their first birthday")
            .value_or(false);
    read_periods(s, cfg.run);
  }
}

// rule = "perturb": its parameters (engine/core/perturbation_table.hpp), each only with it.
void read_perturbation(const Section& s, PrivacyRule& p) {
  const bool perturb = p.rule == DisclosureRule::kPerturb;
  const auto only_perturb = [&](const char* key) {
    if (!perturb)
      s.fail(key, "is for rule = \"perturb\"",
             std::string("add rule = \"perturb\" or remove ") + key);
  };
  if (auto v = s.integer("max_perturbation")) {
    only_perturb("max_perturbation");
    if (*v < 1 || *v > 10)
      s.fail("max_perturbation", "must be from 1 to 10", "e.g. max_perturbation = 2");
    p.max_perturbation = static_cast<int>(*v);
  }
  if (auto v = s.integer("small_counts")) {
    only_perturb("small_counts");
    if (*v < 0 || *v > p.max_perturbation)
      s.fail("small_counts",
             "must be from 0 to max_perturbation (" + std::to_string(p.max_perturbation) + ")",
             "counts from 1 to small_counts are never published as themselves; a count of 1 "
             "must be able to reach 0 and small_counts + 1 within max_perturbation: e.g. "
             "small_counts = 2");
    p.small_counts = static_cast<int>(*v);
  } else if (p.small_counts > p.max_perturbation) {
    p.small_counts = p.max_perturbation;  // max_perturbation = 1 keeps only 1 from showing
  }
  if (auto v = s.number("variance")) {
    only_perturb("variance");
    const double most = double(p.max_perturbation) * p.max_perturbation;
    if (!(*v > 0 && *v < most))
      s.fail("variance",
             "must be above 0 and below max_perturbation squared (" + format_number(most) + ")",
             "e.g. variance = 1");
    p.variance = *v;
  }
}

void read_privacy(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const std::string& path = in.path;
  if (root.get("privacy")) {
    Section s(table_at(root, "privacy", path), "privacy", path);
    auto& p = cfg.privacy;
    const std::string rule = s.string("rule").value_or("suppress");
    if (rule != "suppress" && rule != "round" && rule != "perturb")
      s.fail("rule", "must be \"suppress\", \"round\" or \"perturb\"",
             "\"suppress\" hides counts below min_count (with secondary suppression); \"round\" "
             "rounds every count to a multiple of base; \"perturb\" adds a small amount from "
             "each count's cell key (at most max_perturbation)");
    p.rule = rule == "round"     ? DisclosureRule::kRound
             : rule == "perturb" ? DisclosureRule::kPerturb
                                 : DisclosureRule::kSuppress;
    if (auto v = s.integer("min_count")) {
      if (*v < 0 || *v > 1000)
        s.fail("min_count", "must be from 0 (off) to 1000", "e.g. min_count = 5");
      if (p.rule != DisclosureRule::kSuppress)
        s.fail("min_count", "is for rule = \"suppress\"",
               "with rule = \"" + rule + "\" remove min_count");
      p.min_count = static_cast<int>(*v);
    }
    if (auto v = s.integer("base")) {
      if (*v < 2 || *v > 1000) s.fail("base", "must be from 2 to 1000", "e.g. base = 5");
      if (p.rule != DisclosureRule::kRound)
        s.fail("base", "is for rule = \"round\"", "add rule = \"round\" or remove base");
      p.base = static_cast<int>(*v);
    }
    read_perturbation(s, p);
  }
}

void read_report(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("report")) {
    Section s(table_at(root, "report", path), "report", path);
    cfg.report.title = s.string("title").value_or("");
    if (auto v = s.string("previous"); v && !v->empty()) {
      fs::path p(*v);
      cfg.report.previous = (p.is_absolute() ? p : base / p).lexically_normal().string();
    }
    if (const toml::node* n = s.node("pdf")) {
      const auto b = n->value_exact<bool>();
      if (!b) s.fail("pdf", "must be true or false", "write pdf = false to skip report.pdf");
      cfg.report.pdf = *b;
    }
  }
}

void read_output(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  cfg.output_dir = (base / "out").string();
  if (root.get("output")) {
    Section s(table_at(root, "output", path), "output", path);
    if (auto v = s.string("dir")) {
      fs::path p(*v);
      cfg.output_dir = (p.is_absolute() ? p : base / p).lexically_normal().string();
    }
  }
}

}  // namespace

Config load_config(const std::string& path) {
  Config cfg;
  cfg.file = path;
  const toml::table root = parse_config(path);
  check_section_names(root, path);
  const Source in{root, fs::absolute(path).parent_path(), path};
  // In this order: a later section checks its names against an earlier one's ([[layers]]).
  read_run(in, cfg);
  read_postcodes(in, cfg);
  read_registrations(in, cfg);
  read_attendance(in, cfg);
  read_carers(in, cfg);
  read_known_children(in, cfg);
  read_layers(in, cfg);
  read_lookups(in, cfg);
  read_population(in, cfg);
  read_group_populations(in, cfg);
  read_services(in, cfg);
  read_centres(in, cfg);
  read_privacy(in, cfg);
  read_maps(in, cfg);
  read_analysis(in, cfg);
  read_deprivation(in, cfg);
  read_basemap(in, cfg);
  read_map_style(in, cfg);
  read_report(in, cfg);
  read_output(in, cfg);
  return cfg;
}

}  // namespace reachmap
