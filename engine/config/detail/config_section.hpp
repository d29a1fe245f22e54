// Reading the config's TOML one section at a time: the keys each section allows (a key in the
// wrong section names where it belongs), typed values with the line of any error, and input
// paths resolved against the config folder. The schema itself is in engine/config/config.cpp.
#pragma once

#include <toml++/toml.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/config/config.hpp"
#include "engine/core/error.hpp"

namespace reachmap::detail {

namespace fs = std::filesystem;

inline std::size_t line_of(const toml::node& node) {
  return node.source().begin.line;
}

// The keys each section allows. A key found in the wrong section most often means a section
// header was deleted or misspelt, so the message names where the key belongs.
inline const std::map<std::string, std::set<std::string>> kSectionKeys = {
    {"run",
     {"from", "to", "crs", "sustained_min_contacts", "max_rejected_share", "seed",
      "never_seen_by_5", "seen_before_1", "periods", "rolling"}},
    {"postcodes",
     {"path", "postcode", "lat", "lon", "x", "y", "crs", "terminated", "quality", "usertype",
      "layout", "encoding"}},
    {"registrations",
     {"path", "child_id", "family_id", "postcode", "birth_date", "registered_on", "groups",
      "match_id", "encoding"}},
    {"attendance", {"path", "child_id", "date", "centre_id", "service", "carer", "encoding"}},
    {"carers", {}},  // a kind of carer per key (read_carers)
    {"services", {"path", "service_id", "name", "type", "language", "encoding"}},
    {"language_gap", {"language", "provision", "demand", "min_demand", "share_below"}},
    {"known_children", {"path", "child_id", "postcode", "birth_date", "encoding"}},
    {"layers",
     {"name", "path", "layer", "id", "label", "directory_code", "where", "from", "lookup", "area"}},
    {"lookups", {"path", "old", "new", "change", "encoding"}},
    {"population", {"path", "layer", "area", "count", "codes", "scale", "encoding"}},
    {"group_population", {"name", "path", "layer", "area", "count", "codes", "scale", "encoding"}},
    {"centres",
     {"path", "centre_id", "name", "postcode", "x", "y", "crs", "reach_areas", "reach_layer",
      "reach_path", "reach_source_layer", "reach_id", "encoding", "setting_type",
      "headline_types"}},
    {"privacy", {"rule", "min_count", "base", "max_perturbation", "small_counts", "variance"}},
    {"maps", {"layer", "indicator", "classes", "count", "palette", "title", "formats"}},
    {"analysis",
     {"variable", "weights", "k", "distance", "snap", "permutations", "alpha", "fdr",
      "overdispersion", "priority"}},
    {"analysis.priority", {"gap", "shortfall", "need", "unreached", "low_low"}},
    {"deprivation", {"path", "layer", "area", "decile", "score", "codes", "weight", "encoding"}},
    {"map_style", {"attribution", "numbered_areas"}},
    {"basemap", {"path", "layer", "kind", "name", "where"}},
    {"output", {"dir"}},
    {"report", {"title", "previous", "pdf"}},
};

// Reads one TOML table, checking its keys against the allowed set first.
class Section {
 public:
  Section(const toml::table& table, std::string name, const std::string& file)
      : table_(table), name_(std::move(name)), file_(file) {
    const std::set<std::string>& allowed = kSectionKeys.at(name_);
    for (const auto& [key, node] : table_) {
      const std::string k(key.str());
      if (allowed.count(k)) continue;
      std::string list, home;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      for (const auto& [section, keys] : kSectionKeys)
        if (keys.count(k)) home += (home.empty() ? "[" : " or [") + section + "]";
      std::string hint = "allowed keys are: " + list;
      if (!home.empty())
        hint = "'" + k + "' belongs in " + home + ": is that section's header line missing or " +
               "misspelt above line " + std::to_string(line_of(node)) + "? (" + hint + ")";
      throw Error(ErrorCode::kBadConfig, "unknown key '" + k + "' in [" + name_ + "]",
                  {file_, line_of(node)}, hint);
    }
  }

  const toml::node* node(const std::string& key) const { return table_.get(key); }
  const std::string& file() const { return file_; }

  [[noreturn]] void fail(const std::string& key, const std::string& what,
                         const std::string& hint) const {
    const toml::node* n = node(key);
    throw Error(ErrorCode::kBadConfig, "[" + name_ + "] " + key + ": " + what,
                {file_, n ? line_of(*n) : line_of(table_)}, hint);
  }

  std::optional<std::string> string(const std::string& key) const {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>()) return *v;
    fail(key, "must be a quoted string", "write " + key + " = \"...\"");
  }

  std::string required_string(const std::string& key, const std::string& hint) const {
    auto v = string(key);
    if (!v || v->empty()) fail(key, "is required", hint);
    return *v;
  }

  Column column(const std::string& key, const std::string& default_name) const {
    Column c;
    c.key = "[" + name_ + "] " + key;
    if (auto v = string(key)) {
      c.name = *v;
      c.explicit_ = true;
    } else {
      c.name = default_name;
    }
    return c;
  }

  std::optional<std::int64_t> integer(const std::string& key) const {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto v = n->value_exact<std::int64_t>()) return *v;
    fail(key, "must be a whole number", "write " + key + " = 3 (no quotes)");
  }

  std::optional<bool> flag(const std::string& key, const std::string& hint) const {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto v = n->value_exact<bool>()) return *v;
    fail(key, "must be true or false", hint);
  }

  std::optional<double> number(const std::string& key) const {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<double>()) return *v;
    fail(key, "must be a number", "write " + key + " = 0.1 (no quotes)");
  }

  std::optional<Date> date(const std::string& key) const {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (auto d = n->value_exact<toml::date>()) {
      Date out{d->year, d->month, d->day};
      if (parse_date(out.to_string(), false)) return out;
    } else if (auto s = n->value<std::string>()) {
      if (auto out = parse_date(*s, false)) return out;
    }
    fail(key, "must be a date like 2025-04-01", "write " + key + " = 2025-04-01");
  }

  std::vector<std::string> strings(const std::string& key) const {
    std::vector<std::string> out;
    const toml::node* n = node(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) fail(key, "must be a list of strings", "write " + key + " = [\"a\", \"b\"]");
    for (const auto& item : *arr) {
      auto v = item.value<std::string>();
      if (!v) fail(key, "must be a list of strings", "write " + key + " = [\"a\", \"b\"]");
      out.push_back(*v);
    }
    return out;
  }

  // Input path resolved against the config folder; `display` keeps the user's spelling.
  void path(const fs::path& base, std::string& resolved, std::string& display) const {
    display = required_string("path", "give the input file, relative to the config file");
    fs::path p(display);
    resolved = (p.is_absolute() ? p : base / p).lexically_normal().string();
  }

  // A CSV input: its path and its text encoding ("utf-8", the default, or "windows-1252",
  // also spelled "latin1": what older Windows programs and Excel's plain "CSV" write).
  void csv(const fs::path& base, CsvSource& source) const {
    path(base, source.path, source.display);
    source.section = name_;
    const std::string e = string("encoding").value_or("utf-8");
    std::string key;
    for (char c : e) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "utf-8" || key == "utf8")
      source.encoding = TextEncoding::kUtf8;
    else if (key == "windows-1252" || key == "cp1252" || key == "latin1" || key == "latin-1" ||
             key == "iso-8859-1")
      source.encoding = TextEncoding::kWindows1252;
    else
      fail("encoding", "must be \"utf-8\" or \"windows-1252\" (also called \"latin1\")",
           "reachmap reads UTF-8; \"windows-1252\" converts files from older Windows programs");
  }

 private:
  const toml::table& table_;
  std::string name_;
  const std::string& file_;
};

inline const toml::table& table_at(const toml::table& root, const std::string& key,
                                   const std::string& file) {
  const toml::node* n = root.get(key);
  if (!n)
    throw Error(ErrorCode::kBadConfig, "missing section [" + key + "]", {file},
                "see the README for an example config");
  if (const toml::table* t = n->as_table()) return *t;
  throw Error(ErrorCode::kBadConfig, "'" + key + "' must be a section", {file, line_of(*n)},
              "write it as [" + key + "] on its own line");
}

}  // namespace reachmap::detail
