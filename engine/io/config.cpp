#include "engine/io/config.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "engine/core/error.hpp"
#include "engine/core/names.hpp"
#include "engine/io/detail/config_section.hpp"

namespace reachmap {

using namespace detail;  // Section, kSectionKeys, table_at, line_of, fs

const char* class_method_name(ClassMethod m) {
  switch (m) {
    case ClassMethod::kEqual:
      return "equal";
    case ClassMethod::kJenks:
      return "jenks";
    case ClassMethod::kFixed:
      return "fixed";
    default:
      return "quantile";
  }
}

namespace {

// One config file as it is read: its TOML, its folder (paths in it are relative to that) and
// its name for messages. Each section is read by its own function below, in file order.
struct Source {
  const toml::table& root;
  fs::path base;
  const std::string& path;
};

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

// `codes = "old" | "new"` needs [lookups]; "layer" (the default) does not.
CodeVintage code_vintage(const Section& s, const Config& cfg) {
  const std::string v = s.string("codes").value_or("layer");
  if (v == "layer") return CodeVintage::kLayer;
  if (v != "old" && v != "new")
    s.fail("codes", "must be \"layer\", \"old\" or \"new\"",
           "\"old\"/\"new\" say the codes are on the old/new side of [lookups]");
  if (!cfg.lookup)
    s.fail("codes", "needs a [lookups] section to carry \"" + v + "\" codes to the layer",
           "add [lookups] path = \"...lsoa11_lsoa21...csv\", or remove codes");
  return v == "old" ? CodeVintage::kOld : CodeVintage::kNew;
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
  }
}

void read_postcodes(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  {
    Section s(table_at(root, "postcodes", path), "postcodes", path);
    auto& p = cfg.postcodes;
    s.csv(base, p);
    p.layout = s.string("layout").value_or("");
    if (!p.layout.empty() && p.layout != "codepoint")
      s.fail("layout", "must be \"codepoint\" (or left out for a file with a header row)",
             "layout = \"codepoint\" reads OS Code-Point Open CSVs, which have no header");
    const bool codepoint = p.layout == "codepoint";
    p.postcode = s.column("postcode", codepoint ? "postcode" : "pcds");
    p.lat = s.column("lat", codepoint ? "" : "lat");
    p.lon = s.column("lon", codepoint ? "" : "long");
    p.x = s.column("x", "");
    p.y = s.column("y", "");
    if (codepoint && !p.x.explicit_) p.x = {"eastings", true, "[postcodes] x"};
    if (codepoint && !p.y.explicit_) p.y = {"northings", true, "[postcodes] y"};
    p.terminated = s.column("terminated", "doterm");
    p.quality = s.column("quality", codepoint ? "positional_quality_indicator" : "osgrdind");
    p.usertype = s.column("usertype", "usertype");
    p.projected = p.x.explicit_ || p.y.explicit_;
    if (p.projected && !(p.x.explicit_ && p.y.explicit_))
      s.fail(p.x.explicit_ ? "y" : "x", "is required when the other coordinate is given",
             "give both x and y (and crs), or lat and lon");
    if (p.projected && (p.lat.explicit_ || p.lon.explicit_))
      s.fail("x", "cannot be combined with lat/lon", "give either x and y, or lat and lon");
    p.crs = s.string("crs").value_or(p.projected ? "EPSG:27700" : "EPSG:4326");
  }
}

void read_registrations(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  {
    Section s(table_at(root, "registrations", path), "registrations", path);
    auto& r = cfg.registrations;
    s.csv(base, r);
    r.personal = true;
    r.child_id = s.column("child_id", "child_id");
    r.family_id = s.column("family_id", "family_id");
    r.postcode = s.column("postcode", "postcode");
    r.birth_date = s.column("birth_date", "birth_date");
    r.registered_on = s.column("registered_on", "registered_on");
    r.match_id = s.column("match_id", "");
    r.groups = s.strings("groups");
  }
}

void read_attendance(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  {
    Section s(table_at(root, "attendance", path), "attendance", path);
    auto& a = cfg.attendance;
    s.csv(base, a);
    a.personal = true;
    a.child_id = s.column("child_id", "child_id");
    a.date = s.column("date", "date");
    a.centre_id = s.column("centre_id", "centre_id");
    a.service = s.column("service", "service");
    a.carer = s.column("carer", "carer");
  }
}

void read_known_children(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("known_children")) {
    Section s(table_at(root, "known_children", path), "known_children", path);
    KnownChildrenSection k;
    s.csv(base, k);
    k.personal = true;
    k.child_id = s.column("child_id", "");
    k.postcode = s.column("postcode", "postcode");
    k.birth_date = s.column("birth_date", "birth_date");
    cfg.known_children = std::move(k);
  }
}

void read_layers(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  {
    const toml::node* n = root.get("layers");
    const toml::array* arr = n ? n->as_array() : nullptr;
    if (!arr || arr->empty())
      throw Error(ErrorCode::kBadConfig, "no boundary layers: add at least one [[layers]] section",
                  {path, n ? line_of(*n) : 0}, "see the README for an example [[layers]] section");
    std::set<std::string> names;
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (!t)
        throw Error(ErrorCode::kBadConfig, "[[layers]] entries must be sections",
                    {path, line_of(item)}, "write each layer as a [[layers]] section");
      Section s(*t, "layers", path);
      LayerSection l;
      l.name = s.required_string("name", "name the layer, e.g. name = \"lsoa\"");
      if (!is_plain_name(l.name))
        s.fail("name", "may only hold letters, digits and _ (64 at most)", "it names output files");
      if (!names.insert(l.name).second)
        s.fail("name", "'" + l.name + "' is used twice", "give each layer its own name");
      s.path(base, l.path, l.display);
      l.layer = s.string("layer").value_or("");
      l.id =
          s.required_string("id", "name the field holding the area code, e.g. id = \"lsoa21cd\"");
      l.label = s.string("label").value_or("");
      l.directory_code = s.string("directory_code").value_or("");
      l.where = s.string("where").value_or("");
      cfg.layers.push_back(std::move(l));
    }
  }
}

void read_lookups(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("lookups")) {
    Section s(table_at(root, "lookups", path), "lookups", path);
    LookupSection l;
    s.csv(base, l);
    l.old_code = s.column("old", "lsoa11cd");
    l.new_code = s.column("new", "lsoa21cd");
    l.change = s.column("change", "chgind");
    cfg.lookup = std::move(l);
  }
}

void read_population(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("population")) {
    Section s(table_at(root, "population", path), "population", path);
    PopulationSection p;
    p.codes = code_vintage(s, cfg);
    p.scale = s.number("scale").value_or(1.0);
    if (!(p.scale > 0))
      s.fail("scale", "must be a number above 0",
             "e.g. scale = 0.3125 for the under-5 share (5 of 16 years) of age_0_15");
    s.csv(base, p);
    p.layer = s.string("layer").value_or(cfg.layers.front().name);
    p.area = s.column("area", "area_id");
    p.count = s.column("count", "under5");
    bool found = false;
    for (const auto& l : cfg.layers) found |= l.name == p.layer;
    if (!found) s.fail("layer", "'" + p.layer + "' is not a [[layers]] name", "use a layer name");
    cfg.population = std::move(p);
  }
}

void read_centres(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("centres")) {
    Section s(table_at(root, "centres", path), "centres", path);
    CentresSection c;
    s.csv(base, c);
    c.centre_id = s.column("centre_id", "centre_id");
    c.name = s.column("name", "name");
    c.postcode = s.column("postcode", "postcode");
    c.x = s.column("x", "x");
    c.y = s.column("y", "y");
    c.crs = s.string("crs").value_or(c.crs);
    c.reach_areas = s.column("reach_areas", "");
    if (c.reach_areas.explicit_) {
      c.reach_layer = s.required_string(
          "reach_layer", "name the [[layers]] layer whose area ids reach_areas lists");
      bool found = false;
      for (const auto& l : cfg.layers) found |= l.name == c.reach_layer;
      if (!found)
        s.fail("reach_layer", "'" + c.reach_layer + "' is not a [[layers]] name",
               "use a layer name");
    } else if (s.node("reach_layer")) {
      s.fail("reach_layer", "needs reach_areas", "reach_areas = \"...\" names the column of ids");
    }
    if (s.node("reach_path")) {
      if (c.reach_areas.explicit_)
        s.fail("reach_path", "cannot be combined with reach_areas",
               "give reach areas either as lists of area ids or as polygons");
      LayerSection l;
      l.name = "reach_areas";
      l.display = s.required_string("reach_path", "the polygon file of reach areas");
      fs::path rp(l.display);
      l.path = (rp.is_absolute() ? rp : base / rp).lexically_normal().string();
      l.layer = s.string("reach_source_layer").value_or("");
      l.id = s.string("reach_id").value_or("centre_id");
      c.reach_boundaries = std::move(l);
    } else if (s.node("reach_source_layer") || s.node("reach_id")) {
      s.fail(s.node("reach_id") ? "reach_id" : "reach_source_layer", "needs reach_path",
             "reach_path = \"reach_areas.gpkg\" names the polygons");
    }
    cfg.centres = std::move(c);
  }
}

void read_privacy(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const std::string& path = in.path;
  if (root.get("privacy")) {
    Section s(table_at(root, "privacy", path), "privacy", path);
    auto& p = cfg.privacy;
    const std::string rule = s.string("rule").value_or("suppress");
    if (rule != "suppress" && rule != "round")
      s.fail("rule", "must be \"suppress\" or \"round\"",
             "\"suppress\" hides counts below min_count (with secondary suppression); \"round\" "
             "rounds every count to a multiple of base");
    p.rule = rule == "round" ? DisclosureRule::kRound : DisclosureRule::kSuppress;
    if (auto v = s.integer("min_count")) {
      if (*v < 0 || *v > 1000)
        s.fail("min_count", "must be from 0 (off) to 1000", "e.g. min_count = 5");
      if (p.rule == DisclosureRule::kRound)
        s.fail("min_count", "is for rule = \"suppress\"", "with rule = \"round\" set base");
      p.min_count = static_cast<int>(*v);
    }
    if (auto v = s.integer("base")) {
      if (*v < 2 || *v > 1000) s.fail("base", "must be from 2 to 1000", "e.g. base = 5");
      if (p.rule != DisclosureRule::kRound)
        s.fail("base", "is for rule = \"round\"", "add rule = \"round\" or remove base");
      p.base = static_cast<int>(*v);
    }
  }
}

void read_maps(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const std::string& path = in.path;
  if (const toml::node* n = root.get("maps")) {
    const toml::array* arr = n->as_array();
    if (!arr)
      throw Error(ErrorCode::kBadConfig, "maps must be [[maps]] sections", {path, line_of(*n)},
                  "write each map as a [[maps]] section");
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (!t)
        throw Error(ErrorCode::kBadConfig, "[[maps]] entries must be sections",
                    {path, line_of(item)}, "write each map as a [[maps]] section");
      Section s(*t, "maps", path);
      MapSection m;
      m.line = line_of(*t);
      m.layer = s.required_string("layer", "name a [[layers]] layer, e.g. layer = \"lsoa\"");
      m.indicator = s.required_string("indicator", "e.g. indicator = \"seen_reach\"");
      if (const toml::node* c = s.node("classes")) {
        if (const toml::array* breaks = c->as_array()) {
          for (const auto& b : *breaks) {
            auto v = b.value<double>();
            if (!v)
              s.fail("classes", "fixed breaks must be numbers", "e.g. classes = [0.2, 0.4, 0.6]");
            if (!m.breaks.empty() && *v <= m.breaks.back())
              s.fail("classes", "fixed breaks must increase", "e.g. classes = [0.2, 0.4, 0.6]");
            m.breaks.push_back(*v);
          }
          if (m.breaks.empty()) s.fail("classes", "give at least one break", "e.g. [0.25, 0.5]");
          m.classes = ClassMethod::kFixed;
        } else {
          const std::string method = s.string("classes").value_or("");
          if (method == "quantile")
            m.classes = ClassMethod::kQuantile;
          else if (method == "equal")
            m.classes = ClassMethod::kEqual;
          else if (method == "jenks")
            m.classes = ClassMethod::kJenks;
          else
            s.fail("classes", "must be quantile, equal, jenks or a list of breaks",
                   "e.g. classes = \"jenks\" or classes = [0.2, 0.4, 0.6]");
        }
      }
      if (auto v = s.integer("count")) {
        if (*v < 2 || *v > 9) s.fail("count", "must be from 2 to 9", "e.g. count = 5");
        m.count = static_cast<int>(*v);
      }
      m.palette = s.string("palette").value_or(m.palette);
      m.title = s.string("title").value_or("");
      if (s.node("formats")) {
        m.formats.clear();
        for (const auto& f : s.strings("formats")) {
          if (f == "png")
            m.formats.push_back(MapFormat::kPng);
          else if (f == "svg")
            m.formats.push_back(MapFormat::kSvg);
          else if (f == "pdf")
            m.formats.push_back(MapFormat::kPdf);
          else
            s.fail("formats", "unknown format '" + f + "'",
                   "formats are \"png\", \"svg\", \"pdf\"");
        }
      }
      cfg.maps.push_back(std::move(m));
    }
  }
}

void read_analysis(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const std::string& path = in.path;
  if (root.get("analysis")) {
    const toml::table& analysis = table_at(root, "analysis", path);
    Section s(analysis, "analysis", path);
    auto& a = cfg.analysis;
    a.variable = s.string("variable").value_or(a.variable);
    const std::string weights = s.string("weights").value_or("queen");
    if (weights == "queen")
      a.weights = WeightsKind::kQueen;
    else if (weights == "rook")
      a.weights = WeightsKind::kRook;
    else if (weights == "knn")
      a.weights = WeightsKind::kKnn;
    else if (weights == "distance")
      a.weights = WeightsKind::kDistance;
    else
      s.fail("weights", "must be queen, rook, knn or distance", "e.g. weights = \"queen\"");
    if (analysis.get("priority")) {
      Section p(table_at(analysis, "priority", path), "analysis.priority", path);
      auto& w = a.priority;
      double total = 0;
      for (auto [key, value] : {std::pair{"gap", &w.gap},
                                {"shortfall", &w.shortfall},
                                {"need", &w.need},
                                {"unreached", &w.unreached},
                                {"low_low", &w.low_low}}) {
        if (auto v = p.number(key)) {
          if (*v < 0 || *v > 1)
            p.fail(key, "must be from 0 to 1", "e.g. " + std::string(key) + " = 0.2");
          *value = *v;
        }
        total += *value;
      }
      if (!(total > 0))
        p.fail("gap", "the weights add up to 0", "give at least one weight above 0");
    }
    if (auto v = s.integer("k")) {
      if (*v < 1) s.fail("k", "must be at least 1", "e.g. k = 6");
      a.k = static_cast<int>(*v);
    }
    if (auto v = s.number("distance")) {
      if (*v <= 0) s.fail("distance", "must be positive (metres)", "e.g. distance = 1500");
      a.distance = *v;
    }
    if (auto v = s.number("snap")) {
      if (*v < 0) s.fail("snap", "must be 0 or more (metres)", "e.g. snap = 0.5");
      a.snap = *v;
    }
    if (auto v = s.integer("permutations")) {
      if (*v < 0 || *v > 99999) s.fail("permutations", "must be from 0 to 99999", "e.g. 999");
      a.permutations = static_cast<int>(*v);
    }
    if (auto v = s.number("alpha")) {
      if (*v <= 0 || *v >= 1) s.fail("alpha", "must be between 0 and 1", "e.g. alpha = 0.05");
      a.alpha = *v;
    }
    if (const toml::node* n = s.node("fdr")) {
      auto v = n->value<bool>();
      if (!v) s.fail("fdr", "must be true or false", "e.g. fdr = true");
      a.fdr = *v;
    }
    if (const toml::node* n = s.node("overdispersion")) {
      auto v = n->value<bool>();
      if (!v) s.fail("overdispersion", "must be true or false", "e.g. overdispersion = true");
      a.overdispersion = *v;
    }
  }
}

void read_deprivation(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("deprivation")) {
    Section s(table_at(root, "deprivation", path), "deprivation", path);
    DeprivationSection d;
    d.codes = code_vintage(s, cfg);
    d.weight = s.column("weight", "");
    s.csv(base, d);
    d.layer = s.string("layer").value_or(cfg.layers.front().name);
    bool found = false;
    for (const auto& l : cfg.layers) found |= l.name == d.layer;
    if (!found) s.fail("layer", "'" + d.layer + "' is not a [[layers]] name", "use a layer name");
    d.area = s.column("area", "area_id");
    d.decile = s.column("decile", "imd_decile");
    d.score = s.column("score", "");
    cfg.deprivation = std::move(d);
  }
}

void read_basemap(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (const toml::node* n = root.get("basemap")) {
    const toml::array* arr = n->as_array();
    if (!arr)
      throw Error(ErrorCode::kBadConfig, "basemap must be [[basemap]] sections",
                  {path, line_of(*n)}, "write each basemap layer as a [[basemap]] section");
    for (const auto& item : *arr) {
      const toml::table* t = item.as_table();
      if (!t)
        throw Error(ErrorCode::kBadConfig, "[[basemap]] entries must be sections",
                    {path, line_of(item)}, "write each basemap layer as a [[basemap]] section");
      Section s(*t, "basemap", path);
      BasemapSection b;
      b.line = line_of(*t);
      s.path(base, b.path, b.display);
      b.layer = s.string("layer").value_or("");
      b.where = s.string("where").value_or("");
      b.name = s.string("name").value_or("");
      const std::string kind = s.required_string(
          "kind", "say how to draw it: kind = \"road\", \"water\", \"green\" or \"place\"");
      if (kind == "road")
        b.kind = BasemapKind::kRoad;
      else if (kind == "water")
        b.kind = BasemapKind::kWater;
      else if (kind == "green")
        b.kind = BasemapKind::kGreen;
      else if (kind == "place")
        b.kind = BasemapKind::kPlace;
      else
        s.fail("kind", "must be \"road\", \"water\", \"green\" or \"place\"",
               "road: lines (streets); water: rivers and lakes; green: parks and woods; place: "
               "settlement names (points)");
      cfg.basemap.push_back(std::move(b));
    }
  }
}

void read_map_style(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const std::string& path = in.path;
  if (root.get("map_style")) {
    Section s(table_at(root, "map_style", path), "map_style", path);
    cfg.attribution = s.strings("attribution");
    if (auto n = s.integer("numbered_areas")) {
      if (*n < 0 || *n > 50)
        s.fail("numbered_areas", "must be from 0 to 50",
               "how many areas of the outreach list the priority map numbers (default 10)");
      cfg.numbered_areas = static_cast<std::size_t>(*n);
    }
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
  read_known_children(in, cfg);
  read_layers(in, cfg);
  read_lookups(in, cfg);
  read_population(in, cfg);
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
