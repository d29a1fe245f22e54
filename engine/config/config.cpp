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
