// The config's input files: the postcode directory, the families' files, boundary layers,
// lookups, population, centres, deprivation and the basemap: where each is and which columns
// reachmap reads.
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "engine/config/config.hpp"
#include "engine/config/detail/config_readers.hpp"
#include "engine/config/detail/config_section.hpp"
#include "engine/core/error.hpp"
#include "engine/core/names.hpp"
#include "engine/core/number_format.hpp"

namespace reachmap::detail {

namespace {

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

}  // namespace

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
    if (r.groups.size() > kMaxGroups)
      s.fail("groups", "names " + std::to_string(r.groups.size()) + " columns",
             "name at most " + std::to_string(kMaxGroups) + " target groups");
    for (const std::string& g : r.groups)
      if (const std::string clash = group_column_clash(g); !clash.empty())
        s.fail("groups",
               "the group '" + g + "' would make a column '" + clash +
                   "', which reachmap writes for something else",
               "rename the column in the file, or give the group another name");
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

// Carers are counted when [attendance] names its carer column or [carers] lists the kinds;
// without [carers], the built-in kinds (father, mother, grandparent, other).
void read_carers(const Source& in, Config& cfg) {
  const toml::node* n = in.root.get("carers");
  if (!n) {
    if (cfg.attendance.carer.explicit_) cfg.carers = default_carer_kinds();
    return;
  }
  const toml::table* t = n->as_table();
  if (!t)
    throw Error(ErrorCode::kBadConfig, "'carers' must be a section", {in.path, line_of(*n)},
                "write it as [carers] on its own line");
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  std::map<std::string, std::string> kind_of_value;
  const std::string example = "e.g. father = [\"father\", \"dad\", \"male carer\"]";
  for (const auto& [key, node] : *t) {
    const std::string kind(key.str());
    const Location at{in.path, line_of(node)};
    if (!is_plain_name(kind))
      throw Error(ErrorCode::kBadConfig,
                  "[carers] '" + kind + "': a kind of carer may only hold letters, digits and _",
                  at, example);
    const toml::array* values = node.as_array();
    if (!values || values->empty())
      throw Error(ErrorCode::kBadConfig,
                  "[carers] " + kind + ": must list the values an attendance file writes for it",
                  at, example);
    std::vector<std::string> list;
    for (const auto& v : *values) {
      const auto text = v.value<std::string>();
      if (!text)
        throw Error(ErrorCode::kBadConfig, "[carers] " + kind + ": must be a list of strings", at,
                    example);
      std::string folded;
      for (const char c : trim(*text))
        folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const auto [it, fresh] = kind_of_value.emplace(folded, kind);
      if (!fresh && it->second != kind)
        throw Error(ErrorCode::kBadConfig,
                    "[carers] " + kind + ": '" + *text + "' is also listed under " + it->second, at,
                    "a value counts as one kind: remove it from one list");
      list.push_back(*text);
    }
    lists.emplace_back(kind, std::move(list));
  }
  // In the order the config writes them (a TOML table is read in the order of its keys).
  std::stable_sort(lists.begin(), lists.end(), [&](const auto& a, const auto& b) {
    return line_of(*t->get(a.first)) < line_of(*t->get(b.first));
  });
  if (lists.size() > 31)
    throw Error(ErrorCode::kBadConfig,
                "[carers] lists " + std::to_string(lists.size()) + " kinds of carer: at most 31",
                {in.path, line_of(*n)}, "a few kinds (father, mother, grandparent) are the point");
  if (lists.empty() || (lists.size() == 1 && lists.front().first == "other"))
    throw Error(ErrorCode::kBadConfig, "[carers] lists no kind of carer", {in.path, line_of(*n)},
                example + "; or remove [carers] for the built-in kinds");
  cfg.carers = carer_kinds(lists);
  cfg.carers->from_config = true;
}

void read_known_children(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("known_children")) {
    Section s(table_at(root, "known_children", path), "known_children", path);
    KnownChildrenSource k;
    s.csv(base, k);
    k.personal = true;
    k.child_id = s.column("child_id", "");
    k.postcode = s.column("postcode", "postcode");
    k.birth_date = s.column("birth_date", "birth_date");
    cfg.known_children = std::move(k);
  }
}

// A layer of localities dissolved from an earlier layer's areas by a lookup CSV: `id` and
// `label` name the lookup's locality code and name columns, `area` its small-area code column
// (by default the earlier layer's id field's name).
void read_dissolved_layer(const Section& s, const fs::path& base, Config& cfg, LayerSource& l) {
  l.from = s.required_string("from", "name an earlier [[layers]] section, e.g. from = \"lsoa\"");
  const LayerSource* small = nullptr;
  for (const LayerSource& e : cfg.layers)
    if (e.name == l.from) small = &e;
  if (!small)
    s.fail("from", "'" + l.from + "' is not an earlier [[layers]] name",
           "a layer is dissolved from one written above it");
  for (const char* own : {"path", "layer", "directory_code", "where"})
    if (s.node(own))
      s.fail(own, "a layer made with from has none of its own",
             "remove it: the areas are the unions of '" + l.from + "''s areas by the lookup");
  LocalityLookupSource lk;
  const std::string file =
      s.required_string("lookup", "give the CSV of small-area codes and their localities");
  const fs::path p(file);
  lk.path = (p.is_absolute() ? p : base / p).lexically_normal().string();
  lk.display = file;
  lk.section = "layers";
  lk.layer = l.name;
  lk.from = l.from;
  lk.small = s.column("area", small->id);
  lk.id = s.column("id", "");
  if (lk.id.name.empty())
    s.fail("id", "is required", "name the lookup's locality code column, e.g. id = \"ward22cd\"");
  lk.label = s.column("label", "");
  l.path = lk.path;
  l.display = lk.display;
  l.id = lk.id.name;
  l.label = lk.label.name;
  cfg.localities.push_back(std::move(lk));
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
      LayerSource l;
      l.name = s.required_string("name", "name the layer, e.g. name = \"lsoa\"");
      if (!is_plain_name(l.name))
        s.fail("name", "may only hold letters, digits and _ (64 at most)", "it names output files");
      if (!names.insert(l.name).second)
        s.fail("name", "'" + l.name + "' is used twice", "give each layer its own name");
      if (s.node("from")) {
        read_dissolved_layer(s, base, cfg, l);
        cfg.layers.push_back(std::move(l));
        continue;
      }
      if (s.node("lookup") || s.node("area"))
        s.fail(s.node("lookup") ? "lookup" : "area", "belongs to a layer made with from",
               "add from = \"<an earlier layer>\", or remove it");
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
    LookupSource l;
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
    PopulationSource p;
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

// [[group_population]]: read as [population] is, with the group's name. Groups that are not
// [registrations] columns are allowed (a population only, e.g. the demand for Welsh-medium
// provision); the outputs say which groups have a reach.
void read_group_populations(const Source& in, Config& cfg) {
  const toml::node* n = in.root.get("group_population");
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr || !arr->is_array_of_tables())
    throw Error(ErrorCode::kBadConfig, "[group_population] must be written [[group_population]]",
                {in.path, line_of(*n)}, "one [[group_population]] section per target group");
  if (!cfg.population)
    throw Error(ErrorCode::kBadConfig, "[[group_population]] needs a [population] section",
                {in.path, line_of(*n)},
                "a group's reach is set beside the under-5s': add [population] (see the README)");
  std::set<std::string> names;
  for (const auto& item : *arr) {
    Section s(*item.as_table(), "group_population", in.path);
    GroupPopulationSource g;
    g.name = s.required_string("name", "name the group, e.g. name = \"lone_parent\"");
    const auto& flagged = cfg.registrations.groups;
    if (std::find(flagged.begin(), flagged.end(), g.name) == flagged.end() &&
        !is_plain_name(g.name))
      s.fail("name", "may only hold letters, digits and _ (64 at most)",
             "it names columns; or use a [registrations] groups column's name");
    if (const std::string clash = group_column_clash(g.name); !clash.empty())
      s.fail("name",
             "'" + g.name + "' would make a column '" + clash +
                 "', which reachmap writes for something else",
             "give the group another name");
    if (!names.insert(g.name).second)
      s.fail("name", "'" + g.name + "' is used twice", "one [[group_population]] per group");
    g.codes = code_vintage(s, cfg);
    g.scale = s.number("scale").value_or(1.0);
    if (!(g.scale > 0))
      s.fail("scale", "must be a number above 0",
             "e.g. scale = 1.6 for children per lone-parent household with dependent children");
    s.csv(in.base, g);
    g.layer = s.string("layer").value_or(cfg.population->layer);
    g.area = s.column("area", cfg.population->area.name);
    g.count = s.column("count", g.name);
    bool found = false;
    for (const auto& l : cfg.layers) found |= l.name == g.layer;
    if (!found) s.fail("layer", "'" + g.layer + "' is not a [[layers]] name", "use a layer name");
    cfg.group_populations.push_back(std::move(g));
  }
}

void read_centres(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("centres")) {
    Section s(table_at(root, "centres", path), "centres", path);
    CentresSource c;
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
      LayerSource l;
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
    c.setting_type = s.column("setting_type", "");
    if (s.node("headline_types")) {
      if (!c.setting_type.explicit_)
        s.fail("headline_types", "needs setting_type",
               "setting_type = \"...\" names the column of each centre's kind of setting");
      c.headline_types = s.strings("headline_types");
      c.config_file = path;
      c.headline_line = line_of(*s.node("headline_types"));
      if (c.headline_types.empty())
        s.fail("headline_types", "names no kind",
               "e.g. headline_types = [\"children's centre\", \"family hub\"], or leave it out "
               "for all kinds");
    }
    cfg.centres = std::move(c);
  }
}

void read_deprivation(const Source& in, Config& cfg) {
  const toml::table& root = in.root;
  const fs::path& base = in.base;
  const std::string& path = in.path;
  if (root.get("deprivation")) {
    Section s(table_at(root, "deprivation", path), "deprivation", path);
    DeprivationSource d;
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
      BasemapSource b;
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

}  // namespace reachmap::detail
