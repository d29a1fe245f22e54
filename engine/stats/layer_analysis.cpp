#include "engine/stats/layer_analysis.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/core/error.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/stats/empirical_bayes.hpp"
#include "engine/stats/funnel.hpp"
#include "engine/stats/getis_ord.hpp"
#include "engine/stats/priority.hpp"
#include "engine/stats/regression.hpp"

namespace reachmap {

namespace {

const std::string kSeen = name_of(Col::kSeenChildren);

// The neighbours of `areas` (table rows) from those of an analysis of more areas of the same
// layer, by row: contiguity and distance bands do not depend on the other areas, so dropping
// the links to areas not analysed here gives what building them again would.
Neighbours neighbours_among(const std::vector<std::size_t>& areas,
                            const std::vector<std::vector<std::size_t>>& by_row) {
  std::vector<long> position(by_row.size(), -1);
  for (std::size_t i = 0; i < areas.size(); ++i) position[areas[i]] = long(i);
  Neighbours nb(areas.size());
  for (std::size_t i = 0; i < areas.size(); ++i)
    for (std::size_t row : by_row[areas[i]])
      if (position[row] >= 0) nb[i].push_back(std::size_t(position[row]));
  return nb;
}

Neighbours build_neighbours(const BoundaryLayer& boundary, const std::vector<std::size_t>& areas,
                            const AnalysisOptions& cfg, std::string& description,
                            const std::vector<std::vector<std::size_t>>* known, int threads) {
  std::vector<XY> points;
  for (std::size_t a : areas)
    points.push_back({boundary.areas[a].anchor_x, boundary.areas[a].anchor_y});
  char buf[160];
  switch (cfg.weights) {
    case WeightsKind::kKnn:
      std::snprintf(buf, sizeof buf,
                    "%d nearest neighbours (points inside areas), row-standardised", cfg.k);
      description = buf;
      return k_nearest(points, cfg.k);
    case WeightsKind::kDistance:
      std::snprintf(buf, sizeof buf, "distance band %g m (points inside areas), row-standardised",
                    cfg.distance);
      description = buf;
      if (known) return neighbours_among(areas, *known);
      return distance_band(points, cfg.distance);
    default:
      break;
  }
  const bool queen = cfg.weights == WeightsKind::kQueen;
  std::snprintf(buf, sizeof buf, "%s contiguity (snap %g m), row-standardised",
                queen ? "queen" : "rook", cfg.snap);
  description = buf;
  if (known) return neighbours_among(areas, *known);
  std::vector<std::vector<Ring>> polygons;
  for (std::size_t a : areas) polygons.push_back(wkb_rings(boundary.areas[a].wkb));
  return contiguity(polygons, queen, cfg.snap, threads);
}

}  // namespace

const std::vector<std::string>& analysis_columns() {
  static const std::vector<std::string> kNames = {name_of(Col::kSeenReachEb),
                                                  name_of(Col::kSeenReachEbLocal),
                                                  name_of(Col::kFunnelZ),
                                                  name_of(Col::kFunnelFlag),
                                                  name_of(Col::kLisaI),
                                                  name_of(Col::kLisaP),
                                                  name_of(Col::kLisaCluster),
                                                  name_of(Col::kGistarZ),
                                                  name_of(Col::kExpectedSeenReach),
                                                  name_of(Col::kReachGapZ),
                                                  name_of(Col::kReachShortfall),
                                                  name_of(Col::kPriorityScore),
                                                  name_of(Col::kPriorityRank)};
  return kNames;
}

LayerStatistics analyse_layer(Table& t, const BoundaryLayer& boundary, const Covariates& cov,
                              const AnalysisOptions& cfg, std::uint64_t seed, bool has_population,
                              int threads, const std::string& config_file,
                              const std::vector<std::vector<std::size_t>>* known_neighbours) {
  LayerStatistics st;
  st.first_column = t.columns.size();
  const std::size_t n_areas = t.rows.size();
  if (known_neighbours && known_neighbours->size() != n_areas) known_neighbours = nullptr;
  const int c_pop = t.column(Col::kUnder5Population), c_seen = t.column(kSeen);
  // Deprivation and access, published for every area.
  const bool has_decile = !cov.decile.empty(), has_score = !cov.score.empty(),
             has_distance = !cov.nearest_centre_km.empty();
  if (has_decile) t.columns.push_back(Col::kImdDecile);
  if (has_score) t.columns.push_back(Col::kImdScore);
  if (has_distance) t.columns.push_back(Col::kNearestCentreKm);
  for (std::size_t r = 0; r < n_areas; ++r) {
    if (has_decile) t.rows[r].push_back(cov.decile[r] ? Cell(*cov.decile[r]) : Cell());
    if (has_score) t.rows[r].push_back(cov.score[r] ? Cell(*cov.score[r]) : Cell());
    if (has_distance)
      t.rows[r].push_back(boundary.areas[r].wkb.empty() ? Cell() : Cell(cov.nearest_centre_km[r]));
  }
  // The count the LISA and Gi* variable comes from (what disclosure control protects).
  std::string var_source = kSeen;
  if (const int c = t.column(cfg.variable); c >= 0) {
    const TableColumn& v = t.columns[std::size_t(c)];
    if (!v.source.empty()) var_source = v.source;
    if (v.kind == ColumnKind::kCount || v.kind == ColumnKind::kGroupCount) var_source = v.name;
  }
  // The LISA and Gi* variable's statistics come from its count (which may be a group's).
  const auto of_variable = [&](Col id) {
    TableColumn c{id};
    c.source = var_source;
    return c;
  };
  // Kinds, sources (seen_children), locality and published decimals are the registry's: the
  // model value expected_seen_reach is published for every area rounded to 3 decimals, so that
  // the fitted values of all areas cannot be solved back for the counts of hidden ones;
  // reach_shortfall is published in whole children, priority_score to 2 decimals.
  const std::size_t first = t.columns.size();
  t.columns.push_back(Col::kSeenReachEb);
  t.columns.push_back(Col::kSeenReachEbLocal);
  t.columns.push_back(Col::kFunnelZ);
  t.columns.push_back(Col::kFunnelFlag);
  t.columns.push_back(of_variable(Col::kLisaI));
  t.columns.push_back(of_variable(Col::kLisaP));
  t.columns.push_back(Col::kLisaCluster);
  t.columns.push_back(of_variable(Col::kGistarZ));
  t.columns.push_back(Col::kExpectedSeenReach);
  t.columns.push_back(Col::kReachGapZ);
  t.columns.push_back(Col::kReachShortfall);
  t.columns.push_back(Col::kPriorityScore);
  t.columns.push_back(Col::kPriorityRank);
  for (auto& row : t.rows) row.resize(t.columns.size());
  if (const int c = t.column(cfg.variable);
      c < 0 || t.columns[std::size_t(c)].kind == ColumnKind::kText ||
      t.columns[std::size_t(c)].kind == ColumnKind::kBand ||
      t.columns[std::size_t(c)].kind == ColumnKind::kFlag ||
      cfg.variable == name_of(Col::kFunnelFlag) || cfg.variable == name_of(Col::kLisaCluster))
    throw Error(ErrorCode::kBadConfig,
                "[analysis] variable '" + cfg.variable + "' is not a numeric indicator",
                {config_file},
                "e.g. variable = \"" + name_of(Col::kSeenReachEb) + "\" or \"" +
                    name_of(Col::kSeenReach) + "\"");
  const auto col = [&](Col id) {
    const auto& names = analysis_columns();
    return first + std::size_t(std::find(names.begin(), names.end(), name_of(id)) - names.begin());
  };
  st.neighbours_by_row.assign(n_areas, {});
  if (!has_population) {
    st.skipped = "no population for this layer";
    return st;
  }
  // Every area with people and a geometry, however few of its children are seen.
  std::vector<std::size_t> in;
  for (std::size_t r = 0; r < n_areas; ++r) {
    const auto pop = cell_number(t.rows[r][std::size_t(c_pop)]);
    if (pop && *pop > 0 && !boundary.areas[r].wkb.empty()) in.push_back(r);
  }
  st.included = in.size();
  st.left_out = n_areas - in.size();
  if (in.size() < 4) {
    st.skipped = "fewer than 4 areas with a population";
    return st;
  }
  std::vector<double> seen, pop, reach;
  for (std::size_t r : in) {
    seen.push_back(*cell_number(t.rows[r][std::size_t(c_seen)]));
    pop.push_back(*cell_number(t.rows[r][std::size_t(c_pop)]));
    reach.push_back(seen.back() / pop.back());
  }
  std::string description;
  const Neighbours nb = build_neighbours(boundary, in, cfg, description, known_neighbours, threads);
  st.weights = description;
  for (std::size_t i = 0; i < nb.size(); ++i) {
    if (nb[i].empty()) st.islands.push_back(boundary.areas[in[i]].id);
    for (auto j : nb[i]) st.neighbours_by_row[in[i]].push_back(in[std::size_t(j)]);
  }
  // Empirical Bayes (global, and local over the weights); never below 0, never above 1 when
  // the raw rate is a proportion.
  const std::vector<double> eb = eb_global(seen, pop), ebl = eb_local(seen, pop, nb);
  const auto bounded = [&](double v, std::size_t i) {
    v = std::max(0.0, v);
    return reach[i] <= 1 ? std::min(1.0, v) : v;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    t.rows[in[i]][col(Col::kSeenReachEb)] = bounded(eb[i], i);
    t.rows[in[i]][col(Col::kSeenReachEbLocal)] = bounded(ebl[i], i);
  }
  const FunnelResult f = funnel(seen, pop, {cfg.overdispersion, 0.1});
  st.funnel_target = f.target;
  st.funnel_phi = f.phi;
  for (std::size_t i = 0; i < in.size(); ++i) {
    t.rows[in[i]][col(Col::kFunnelZ)] = f.z[i];
    t.rows[in[i]][col(Col::kFunnelFlag)] = f.flag[i];
  }
  // LISA and Gi* on the chosen variable.
  const int c_x = t.column(cfg.variable);
  std::vector<double> x;
  for (std::size_t r : in) x.push_back(cell_number(t.rows[r][std::size_t(c_x)]).value_or(0));
  st.variable = cfg.variable;
  const WeightsMatrix w = row_standardised(nb);
  st.moran = global_moran(x, w, cfg.permutations, seed, threads);
  const LocalMoran lisa =
      local_moran(x, nb, w, cfg.permutations, seed, cfg.alpha, cfg.fdr, threads);
  const std::vector<double> gi = getis_ord_gi_star(x, row_standardised(include_self(nb)));
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto& row = t.rows[in[i]];
    row[col(Col::kLisaI)] = lisa.I[i];
    if (cfg.permutations > 0) row[col(Col::kLisaP)] = lisa.p_sim[i];
    row[col(Col::kLisaCluster)] = std::string(lisa_label(lisa.cluster[i]));
    row[col(Col::kGistarZ)] = gi[i];
    st.low_low += lisa.cluster[i] == LisaCluster::kLowLow;
    st.high_high += lisa.cluster[i] == LisaCluster::kHighHigh;
  }
  // Expected reach: seen reach on deprivation and distance to the nearest centre, weighted by
  // population.
  const auto all_of = [&](const std::vector<std::optional<double>>& v) {
    return !v.empty() &&
           std::all_of(in.begin(), in.end(), [&](std::size_t r) { return v[r].has_value(); });
  };
  const bool use_decile = all_of(cov.decile), use_score = !use_decile && all_of(cov.score);
  std::vector<std::string> terms;
  std::vector<std::vector<double>> columns;
  if (use_decile || use_score) {
    terms.push_back(use_decile ? name_of(Col::kImdDecile) : name_of(Col::kImdScore));
    columns.emplace_back();
    for (std::size_t r : in) columns.back().push_back(*(use_decile ? cov.decile : cov.score)[r]);
  }
  if (has_distance) {
    terms.push_back(name_of(Col::kNearestCentreKm));
    columns.emplace_back();
    for (std::size_t r : in) columns.back().push_back(cov.nearest_centre_km[r]);
  }
  const Regression fit = weighted_least_squares(terms, columns, reach, pop);
  for (std::size_t k = 0; k < fit.terms.size(); ++k)
    st.coefficients.emplace_back(fit.terms[k], fit.coefficients[k]);
  std::vector<PriorityInput> areas(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    areas[i] = {seen[i], pop[i], fit.fitted[i], std::nullopt,
                lisa.cluster[i] == LisaCluster::kLowLow};
    if (use_decile) areas[i].need = -*cov.decile[in[i]];  // decile 1 = most deprived
    if (use_score) areas[i].need = *cov.score[in[i]];
  }
  const Priority p = outreach_priority(areas, cfg.priority);
  st.priority = describe_priority(cfg.priority, p.used_need);
  st.priority_brief = describe_priority_briefly(cfg.priority, p.used_need);
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto& row = t.rows[in[i]];
    row[col(Col::kExpectedSeenReach)] = fit.fitted[i];
    row[col(Col::kReachGapZ)] = p.gap_z[i];
    row[col(Col::kReachShortfall)] = p.shortfall[i];
    row[col(Col::kPriorityScore)] = p.score[i];
    row[col(Col::kPriorityRank)] = static_cast<std::int64_t>(p.rank[i]);
  }
  st.computed = true;
  return st;
}

}  // namespace reachmap
