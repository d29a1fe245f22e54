// The config's choices of what is computed and drawn: [analysis] (spatial statistics and the
// outreach priority), [[maps]] and [map_style].
#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "engine/config/config.hpp"
#include "engine/config/detail/config_readers.hpp"
#include "engine/config/detail/config_section.hpp"
#include "engine/core/error.hpp"
#include "engine/core/names.hpp"

namespace reachmap::detail {

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
      MapSpec m;
      m.line = line_of(*t);
      m.layer = s.required_string("layer", "name a [[layers]] layer, e.g. layer = \"lsoa\"");
      m.indicator = Indicator(s.required_string("indicator", "e.g. indicator = \"seen_reach\""));
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

}  // namespace reachmap::detail
