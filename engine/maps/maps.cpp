#include "engine/maps/maps.hpp"

#include <functional>
#include <map>
#include <memory>
#include <set>

#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/core/parallel.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/outreach/families.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/render/funnel_plot.hpp"
#include "engine/render/map_composition.hpp"
#include "engine/render/map_renderer.hpp"
#include "engine/render/style_export.hpp"

namespace reachmap {

// Said wherever an estimated denominator is used: how the under-5 population was estimated.
std::string population_note(const LayerResult& layer) {
  std::string note = "Under-5 population is an estimate:";
  const Population& p = *layer.population;
  std::string parts;
  if (p.scale != 1) parts += " '" + p.scaled_column + "' x " + format_number(p.scale);
  if (p.vintage && p.vintage->split > 0)
    parts += std::string(parts.empty() ? "" : ";") +
             " split areas' counts shared equally between their parts";
  if (p.carried && p.carried->areas_estimated > 0)
    parts += std::string(parts.empty() ? "" : ";") + " shared from " + p.carried->from +
             " areas by where their postcodes fall (" + std::to_string(p.carried->areas_estimated) +
             " areas)";
  return note + parts + ".";
}

namespace {

[[noreturn]] void bad_map(const Analysis& a, const MapSpec& m, const std::string& what,
                          const std::string& hint) {
  throw Error(ErrorCode::kBadConfig, "[[maps]] " + what, {a.settings.config_file, m.line}, hint);
}

// Each layer's areas' rings, decoded once for every map of a draw_maps call.
class LayerShapes {
 public:
  const std::vector<SharedRings>& of(const LayerResult& layer) {
    auto& shapes = decoded_[&layer];
    if (shapes.empty())
      for (const auto& area : layer.boundary.areas) shapes.emplace_back(wkb_rings(area.wkb));
    return shapes;
  }

 private:
  std::map<const LayerResult*, std::vector<SharedRings>> decoded_;
};

MapData base_map(const Analysis& a, const LayerResult& layer, MapAudience audience,
                 LayerShapes& shapes) {
  MapData map;
  const auto& rings = shapes.of(layer);
  for (std::size_t i = 0; i < layer.boundary.areas.size(); ++i) {
    const auto& area = layer.boundary.areas[i];
    map.areas.push_back(
        {rings[i], std::nullopt, false, {area.anchor_x, area.anchor_y}, -1, area.label});
  }
  for (const auto& c : a.centres) map.centres.push_back({c.x, c.y, c.name});
  map.attribution = a.settings.attribution;
  map.basemap = a.basemap;
  // The next coarser layer (fewest areas above none, at most half as many as this one), as
  // outlines with names: wards on a neighbourhood map.
  const LayerResult* coarser = nullptr;
  for (const auto& other : a.layers)
    if (other.boundary.areas.size() * 2 <= layer.boundary.areas.size() &&
        (!coarser || other.boundary.areas.size() > coarser->boundary.areas.size()))
      coarser = &other;
  if (coarser) {
    const auto& coarser_rings = shapes.of(*coarser);
    for (std::size_t i = 0; i < coarser->boundary.areas.size(); ++i) {
      const auto& area = coarser->boundary.areas[i];
      map.outlines.push_back({coarser_rings[i], {area.anchor_x, area.anchor_y}, area.label});
    }
    map.outlines_label = coarser->boundary.name + " boundaries and names";
  }
  const PrivacyRule& rule = a.settings.privacy;
  std::string note = "Made with reachmap. ";
  if (audience == MapAudience::kStaff)
    note += "NOT FOR PUBLICATION: small numbers are not suppressed.";
  else if (!rule.active())
    note += "Small numbers not suppressed (disclosure control is off).";
  else if (rule.rule == DisclosureRule::kPerturb)
    note += perturbation_text(rule);
  else if (rule.rule == DisclosureRule::kRound)
    note +=
        "Counts are rounded to multiples of " + std::to_string(rule.base) + " to protect privacy.";
  else
    note += "Areas with 1 to " + std::to_string(rule.min_count - 1) +
            " children in a count are hatched unless their class is certain, to protect privacy.";
  if (audience == MapAudience::kPublic && rule.active() && rule.rule == DisclosureRule::kSuppress)
    // Hatched: a count of 1 to min_count-1 whose class is not certain, a count hidden so that
    // none of those can be worked out, and (on maps of the public analysis) an area it leaves
    // out because such a count is its seen count.
    map.suppressed_label = "hidden: fewer than " + std::to_string(rule.min_count) +
                           " children, or would reveal such a count";
  map.attribution.push_back(note);
  if (layer.population && layer.population->estimate)
    map.attribution.push_back(population_note(layer));
  if (audience == MapAudience::kStaff) map.banner = "NOT FOR PUBLICATION - small numbers shown.";
  return map;
}

std::string period(const Analysis& a) {
  return a.settings.period.to_string();
}

MapWording wording_of(const Analysis& a, const LayerResult& layer) {
  const AnalysisOptions& an = a.settings.analysis;
  return {period(a),
          "Local Moran's I of " + an.variable + ", " + std::to_string(an.permutations) +
              " conditional permutations, p <= " + format_number(an.alpha) +
              (an.fdr ? " (FDR)." : "."),
          layer.statistics.priority_brief, a.settings.numbered_areas};
}

// The layer index of a [[maps]] section, after checking its layer, indicator and palette.
std::size_t checked_layer(const Analysis& a, const MapSpec& m) {
  std::size_t li = 0;
  while (li < a.layers.size() && a.layers[li].boundary.name != m.layer) ++li;
  if (li == a.layers.size())
    bad_map(a, m, "layer '" + m.layer + "' is not a [[layers]] name", "use one of the layer names");
  const Table& table = a.layers[li].indicators;
  const int col = table.column(m.indicator.name());
  const bool categorical = indicator_categories(m.indicator) != nullptr && col >= 0;
  if (!categorical &&
      (col < 0 || table.columns[static_cast<std::size_t>(col)].kind == ColumnKind::kText ||
       table.columns[static_cast<std::size_t>(col)].kind == ColumnKind::kBand ||
       table.columns[static_cast<std::size_t>(col)].kind == ColumnKind::kFlag)) {
    std::string numeric_columns;
    for (const auto& c : table.columns)
      if (c.kind != ColumnKind::kText && c.kind != ColumnKind::kFlag &&
          c.kind != ColumnKind::kBand && !indicator_categories(Indicator(c.name)))
        numeric_columns += (numeric_columns.empty() ? "" : ", ") + c.name;
    bad_map(a, m,
            "indicator '" + m.indicator.name() + "' is not a numeric column of indicators_" +
                m.layer + ".csv",
            "use one of: " + numeric_columns);
  }
  if (!is_brewer_palette(m.palette)) {
    std::string list;
    for (const auto& n : brewer_palette_names()) list += (list.empty() ? "" : ", ") + n;
    bad_map(a, m, "unknown palette '" + m.palette + "'", "use a ColorBrewer scheme: " + list);
  }
  return li;
}

void draw_map(const MapData& map, const std::string& path, const std::vector<MapFormat>& f) {
  render_map(map, path, f);
}

// Queues the drawing of `what`, one job per format, to run in parallel: the files are the
// same bytes at any thread count (SVG too: the canvas renumbers Cairo's process-wide surface
// ids).
template <typename What, typename Draw>
void add_jobs(std::vector<std::function<void()>>& jobs, std::shared_ptr<What> what,
              const std::string& path, const std::vector<MapFormat>& formats, Draw draw) {
  for (MapFormat f : formats) jobs.push_back([what, path, f, draw] { draw(*what, path, {f}); });
}

}  // namespace

void check_maps(const Analysis& a, const std::vector<MapSpec>& requested) {
  for (const MapSpec& m : maps_to_draw(a, requested)) checked_layer(a, m);
}

std::vector<MapSpec> maps_to_draw(const Analysis& a, const std::vector<MapSpec>& requested) {
  if (!requested.empty()) return requested;
  std::vector<MapSpec> out;
  for (const auto& layer : a.layers) {
    const std::string name = layer.boundary.name;
    const std::size_t first = out.size();
    if (layer.population) {
      for (const Col indicator :
           {Col::kSeenReach, Col::kUnreachedChildren, Col::kRegisteredReach}) {
        MapSpec m;
        m.layer = name;
        m.indicator = indicator;
        out.push_back(m);
      }
      if (a.known) {  // the children no centre has met: where outreach starts
        MapSpec known;
        known.layer = name;
        known.indicator = Col::kKnownNotRegistered;
        out.push_back(known);
      }
      // Fathers' engagement: of the children seen, the share who came with a father.
      if (layer.indicators.column(Col::kSeenWithFatherShare) >= 0) {
        MapSpec fathers;
        fathers.layer = name;
        fathers.indicator = Col::kSeenWithFatherShare;
        fathers.palette = "PuBu";
        out.push_back(fathers);
      }
      // Each language's provision against its demand ([[language_gap]]): darkest, least.
      for (const LanguageGapRule& r : a.settings.language_gaps)
        if (layer.indicators.column(language_provision_share(r.language)) >= 0) {
          MapSpec gap;
          gap.layer = name;
          gap.indicator = Indicator(language_provision_share(r.language));
          gap.palette = "PuBu";
          gap.title = "Provision in '" + r.language + "' against demand: share of " + r.demand +
                      " seen at a session run in it";
          out.push_back(gap);
        }
      if (layer.statistics.computed) {
        MapSpec lisa;
        lisa.layer = name;
        lisa.indicator = Col::kLisaCluster;
        out.push_back(lisa);
        MapSpec priority;
        priority.layer = name;
        priority.indicator = Col::kPriorityScore;
        priority.palette = "YlOrRd";
        out.push_back(priority);
      }
    } else {  // no denominator: no rates to map, so map where the children seen live
      MapSpec m;
      m.layer = name;
      m.indicator = Col::kSeenChildren;
      out.push_back(m);
    }
    // Vector maps of very many areas are files of 35-190 MB that viewers choke on: PNG only
    // (a [[maps]] section can still ask for SVG or PDF).
    if (layer.boundary.areas.size() > kVectorMapAreaLimit)
      for (std::size_t i = first; i < out.size(); ++i) out[i].formats = {MapFormat::kPng};
  }
  return out;
}

LayerFigures LayerFigures::of(const std::vector<Table>& tables,
                              const std::vector<LayerStatistics>& statistics) {
  LayerFigures out;
  for (const Table& t : tables) out.tables.push_back(&t);
  for (const LayerStatistics& s : statistics) out.statistics.push_back(&s);
  return out;
}

LayerFigures LayerFigures::staff_of(const Analysis& a) {
  LayerFigures out;
  for (const auto& layer : a.layers) {
    out.tables.push_back(&layer.indicators);
    out.statistics.push_back(&layer.statistics);
  }
  return out;
}

void prepare_map_pages(const Analysis& a, const std::vector<MapSpec>& requested) {
  std::vector<const LayerResult*> layers;
  for (const MapSpec& m : maps_to_draw(a, requested)) {
    const LayerResult* layer = &a.layers[checked_layer(a, m)];
    if (std::find(layers.begin(), layers.end(), layer) == layers.end()) layers.push_back(layer);
  }
  std::stable_sort(layers.begin(), layers.end(), [](const LayerResult* x, const LayerResult* y) {
    return x->boundary.areas.size() > y->boundary.areas.size();
  });
  layers.resize(std::min<std::size_t>(layers.size(), 2));
  LayerShapes shapes;
  for (const LayerResult* layer : layers)
    prepare_png_pages(base_map(a, *layer, MapAudience::kPublic, shapes));
}

MapsResult draw_maps(const Analysis& a, const std::vector<MapSpec>& requested,
                     const LayerFigures& figures, const std::string& out_dir, int threads,
                     MapAudience audience, const std::vector<Table>* underlay,
                     const std::vector<PostcodeChildren>* families_of,
                     const std::function<void(const MapsResult&)>& planned, StaffMaps staff_maps) {
  const bool staff = audience == MapAudience::kStaff;
  const bool figures_maps = !staff || staff_maps != StaffMaps::kFamilies;
  const bool families_maps = staff && staff_maps != StaffMaps::kFigures;
  MapsResult result;
  // Maps are built here in order and drawn afterwards, several at a time: drawing (Cairo) is
  // most of the time of a large run, and each map writes only its own files.
  std::vector<std::function<void()>> jobs;
  LayerShapes shapes;
  ensure_folder(out_dir + "/maps");
  std::vector<LayerStyle> styles;
  std::set<std::string> styled;  // layers with a choropleth style
  for (const MapSpec& m : figures_maps ? maps_to_draw(a, requested) : std::vector<MapSpec>{}) {
    const std::size_t li = checked_layer(a, m);
    const Table& table = *figures.tables[li];
    MapData map = base_map(a, a.layers[li], audience, shapes);
    compose_map(map, table, m, wording_of(a, a.layers[li]));
    const std::string& indicator = m.indicator.name();
    const std::string base = "maps/" + indicator + "_" + m.layer;
    if (staff) {  // the staff's copy of each public map: PNG only
      add_jobs(jobs, std::make_shared<MapData>(std::move(map)), out_dir + "/" + base,
               {MapFormat::kPng}, draw_map);
      continue;
    }
    for (MapFormat f : m.formats) result.files.push_back(base + "." + extension(f));
    if (map.kind == MapKind::kChoropleth) {
      styles.push_back({m.layer, "reachmap: " + indicator, choropleth_qml(map, indicator),
                        choropleth_sld(map, m.layer, indicator), map.title,
                        styled.insert(m.layer).second});
      result.legends[indicator + "_" + m.layer] = legend_counts(map);
    }
    add_jobs(jobs, std::make_shared<MapData>(std::move(map)), out_dir + "/" + base, m.formats,
             draw_map);
  }
  // Every layer gets a style; one without a choropleth gets outlines with the privacy rules.
  for (std::size_t li = 0; li < a.layers.size() && !staff; ++li) {
    const std::string& name = a.layers[li].boundary.name;
    if (styled.count(name)) continue;
    MapData outline = base_map(a, a.layers[li], audience, shapes);
    styles.push_back({name, "reachmap: outlines", outline_qml(outline), outline_sld(outline, name),
                      name + ": the areas, hidden ones hatched", true});
  }
  // Layer by layer, the default first, then in map order.
  std::stable_sort(styles.begin(), styles.end(), [](const LayerStyle& x, const LayerStyle& y) {
    return x.table != y.table ? x.table < y.table : x.is_default > y.is_default;
  });
  result.styles = std::move(styles);
  if (!a.centres.empty() && !staff)
    result.styles.push_back({"centres", "reachmap: centres", centres_qml(), centres_sld("centres"),
                             "children's centres and family hubs", true});

  // Funnel plots, for layers with statistics.
  for (std::size_t li = 0; li < a.layers.size() && figures_maps; ++li) {
    const LayerStatistics& st = *figures.statistics[li];
    if (!st.computed) continue;
    const Table& t = *figures.tables[li];
    const int c_pop = t.column(Col::kUnder5Population), c_reach = t.column(Col::kSeenReach),
              c_flag = t.column(Col::kFunnelFlag), c_name = t.column(Col::kAreaName);
    FunnelPlot plot;
    plot.title = "Seen reach against population, " + period(a);
    plot.target = st.funnel_target;
    plot.phi = st.funnel_phi;
    plot.attribution = base_map(a, a.layers[li], audience, shapes).attribution;
    for (const auto& row : t.rows) {
      const auto n = cell_number(row[static_cast<std::size_t>(c_pop)]);
      const auto p = cell_number(row[static_cast<std::size_t>(c_reach)]);
      const auto* flag = std::get_if<std::string>(&row[static_cast<std::size_t>(c_flag)]);
      const auto* name = std::get_if<std::string>(&row[static_cast<std::size_t>(c_name)]);
      if (n && p && flag) plot.points.push_back({*n, *p, *flag, name ? *name : ""});
    }
    // Areas whose seen count is hidden cannot be placed without showing it; their flags are in
    // the tables and on the funnel-flag map.
    const std::size_t hidden = st.included - std::min(st.included, plot.points.size());
    plot.subtitle =
        a.layers[li].boundary.name + ": " + std::to_string(plot.points.size()) + " areas" +
        (hidden ? " (" + std::to_string(hidden) + " with a hidden count not plotted)" : "") +
        (st.left_out ? ", " + std::to_string(st.left_out) + " without population" : "") +
        ". Spiegelhalter (2005) funnel limits.";
    const std::string base = "maps/funnel_" + a.layers[li].boundary.name;
    const bool vector = plot.points.size() <= kVectorMapAreaLimit && !staff;
    add_jobs(jobs, std::make_shared<FunnelPlot>(std::move(plot)), out_dir + "/" + base,
             vector ? std::vector<MapFormat>{MapFormat::kPng, MapFormat::kSvg}
                    : std::vector<MapFormat>{MapFormat::kPng},
             [](const FunnelPlot& p, const std::string& path, const std::vector<MapFormat>& f) {
               render_funnel_plot(p, path, f);
             });
    if (staff) continue;
    result.files.push_back(base + ".png");
    if (vector) result.files.push_back(base + ".svg");
  }

  // The private families map: where the children live, by what services know of them, one
  // symbol per postcode and kind, over the public seen-reach classes (what the public sees).
  std::vector<std::function<void()>> families;
  if (families_maps) {
    // Not `families_of ? *families_of : children_by_postcode(a)`: that copies a million
    // postcodes' records (0.9 s nationally).
    auto points =
        families_of ? family_points(*families_of) : family_points(children_by_postcode(a));
    for (std::size_t li = 0; li < a.layers.size(); ++li) {
      MapData map = base_map(a, a.layers[li], audience, shapes);
      if (a.layers[li].population) {
        MapSpec reach;
        reach.layer = a.layers[li].boundary.name;
        reach.indicator = Col::kSeenReach;
        compose_map(map, underlay ? (*underlay)[li] : *figures.tables[li], reach,
                    wording_of(a, a.layers[li]));
        map.ranked.clear();
        // Paler classes, so the children's symbols stay the strongest thing on the page.
        for (Rgb& c : map.colours) c = {0.45 + 0.55 * c.r, 0.45 + 0.55 * c.g, 0.45 + 0.55 * c.b};
      } else {
        for (auto& area : map.areas) area.value = 1.0;  // outlines only
      }
      map.kind = MapKind::kFamilies;
      // The last layer's map takes them: a copy is 32 bytes a point, 50 MB nationally.
      map.points = li + 1 < a.layers.size() ? points : std::move(points);
      map.point_groups = family_groups(a.known.has_value());
      map.title = "Where the children live: seen, not seen" +
                  std::string(a.known ? ", not registered" : "") + ", " + period(a);
      map.subtitle = a.layers[li].boundary.name +
                     (a.layers[li].population ? ": seen reach as published (darkest: lowest); "
                                              : " outlines; ") +
                     "one symbol per postcode and kind of child, its area by number of children.";
      map.legend_title = a.layers[li].population ? "Seen reach (public classes)" : "Children";
      map.banner = "PERSONAL DATA - NOT FOR PUBLICATION. Shows the home postcodes of children.";
      add_jobs(families, std::make_shared<MapData>(std::move(map)),
               out_dir + "/maps/families_" + a.layers[li].boundary.name, {MapFormat::kPng},
               draw_map);
    }
  }
  // The families maps (a dot per postcode) take longest: started first, they finish with the
  // rest instead of after them.
  jobs.insert(jobs.begin(), families.begin(), families.end());
  if (planned) planned(result);
  run_jobs(jobs, threads);
  return result;
}

}  // namespace reachmap
