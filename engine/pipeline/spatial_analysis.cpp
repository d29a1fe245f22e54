#include "engine/pipeline/spatial_analysis.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/error.hpp"
#include "engine/geo/placement.hpp"
#include "engine/geo/wkb_rings.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/stats/empirical_bayes.hpp"
#include "engine/stats/funnel.hpp"
#include "engine/stats/getis_ord.hpp"

namespace reachmap {

namespace {

std::optional<double> number(const Cell& c) {
  if (const auto* d = std::get_if<double>(&c)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return static_cast<double>(*i);
  return std::nullopt;
}

// Percentile rank in [0, 1] (ties share the mean rank).
std::vector<double> percentile_ranks(const std::vector<double>& v) {
  const std::size_t n = v.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(n, 0.5);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j + 1 < n && v[order[j + 1]] == v[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2;
    for (std::size_t t = i; t <= j; ++t)
      r[order[t]] = n > 1 ? mean_rank / static_cast<double>(n - 1) : 0.5;
    i = j + 1;
  }
  return r;
}

Neighbours build_neighbours(const LayerResult& layer, const std::vector<std::size_t>& areas,
                            const AnalysisSection& cfg, std::string& description) {
  std::vector<std::vector<Ring>> polygons;
  std::vector<XY> points;
  for (std::size_t a : areas) {
    polygons.push_back(wkb_rings(layer.boundary.areas[a].wkb));
    points.push_back({layer.boundary.areas[a].anchor_x, layer.boundary.areas[a].anchor_y});
  }
  char buf[160];
  if (cfg.weights == "knn") {
    std::snprintf(buf, sizeof buf, "%d nearest neighbours (points inside areas), row-standardised",
                  cfg.k);
    description = buf;
    return k_nearest(points, cfg.k);
  }
  if (cfg.weights == "distance") {
    std::snprintf(buf, sizeof buf, "distance band %g m (points inside areas), row-standardised",
                  cfg.distance);
    description = buf;
    return distance_band(points, cfg.distance);
  }
  std::snprintf(buf, sizeof buf, "%s contiguity (snap %g m), row-standardised", cfg.weights.c_str(),
                cfg.snap);
  description = buf;
  return contiguity(polygons, cfg.weights == "queen", cfg.snap);
}

// Where an area's people live: the mean position of the directory's postcodes inside it (each
// postcode once), a proxy for the population-weighted centroid; a point inside the area when
// no postcode falls in it.
std::vector<XY> people_centroids(const LayerResult& layer, const Analysis& a, int threads) {
  std::vector<Point> points;
  for (const auto& [code, e] : a.directory.entries)
    if (e.has_location) points.push_back({e.x, e.y});
  // Sum in a fixed order so the result does not depend on the hash map's order.
  std::sort(points.begin(), points.end(),
            [](const Point& p, const Point& q) { return p.x != q.x ? p.x < q.x : p.y < q.y; });
  const std::vector<long> area = place_points(layer.boundary, points, threads);
  std::vector<XY> sum(layer.boundary.areas.size(), {0, 0});
  std::vector<double> count(layer.boundary.areas.size(), 0);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (area[i] < 0) continue;
    sum[static_cast<std::size_t>(area[i])].x += points[i].x;
    sum[static_cast<std::size_t>(area[i])].y += points[i].y;
    count[static_cast<std::size_t>(area[i])] += 1;
  }
  std::vector<XY> out(sum.size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& ar = layer.boundary.areas[i];
    out[i] =
        count[i] > 0 ? XY{sum[i].x / count[i], sum[i].y / count[i]} : XY{ar.anchor_x, ar.anchor_y};
  }
  return out;
}

double nearest_centre_km(const Analysis& a, double x, double y) {
  // Squared distances to choose (hypot is slow and 34,753 areas x 4,000 centres is a lot).
  double best = std::numeric_limits<double>::infinity();
  const Centre* nearest = nullptr;
  for (const auto& c : a.centres) {
    const double d = (c.x - x) * (c.x - x) + (c.y - y) * (c.y - y);
    if (d < best) best = d, nearest = &c;
  }
  return nearest ? std::hypot(nearest->x - x, nearest->y - y) / 1000 : best;
}

}  // namespace

LayerStatistics analyse_layer(LayerResult& layer, const Analysis& a,
                              const std::vector<std::optional<double>>& decile,
                              const std::vector<std::optional<double>>& score, int threads) {
  LayerStatistics st;
  const AnalysisSection& cfg = a.config.analysis;
  Table& t = layer.indicators;
  const std::size_t n_areas = t.rows.size();
  const int c_pop = t.column("under5_population"), c_seen = t.column("seen_children");
  const int c_unreached = t.column("unreached_children");
  // Deprivation and access, published for every area.
  const bool has_decile = !decile.empty(), has_score = !score.empty(),
             has_centres = !a.centres.empty();
  if (has_decile) t.columns.push_back({"imd_decile", ColumnKind::kPopulation});
  if (has_score) t.columns.push_back({"imd_score", ColumnKind::kPopulation});
  if (has_centres) t.columns.push_back({"nearest_centre_km", ColumnKind::kPopulation});
  std::vector<double> distance_km(n_areas, 0);
  if (has_centres) {
    const std::vector<XY> where = people_centroids(layer, a, threads);
    for (std::size_t r = 0; r < n_areas; ++r)
      distance_km[r] = nearest_centre_km(a, where[r].x, where[r].y);
  }
  for (std::size_t r = 0; r < n_areas; ++r) {
    const auto& area = layer.boundary.areas[r];
    if (has_decile) t.rows[r].push_back(decile[r] ? Cell(*decile[r]) : Cell());
    if (has_score) t.rows[r].push_back(score[r] ? Cell(*score[r]) : Cell());
    if (has_centres) t.rows[r].push_back(area.wkb.empty() ? Cell() : Cell(distance_km[r]));
  }
  const std::vector<std::string> names = {
      "seen_reach_eb",  "seen_reach_eb_local", "funnel_z", "funnel_flag",         "lisa_i",
      "lisa_p",         "lisa_cluster",        "gistar_z", "expected_seen_reach", "reach_shortfall",
      "priority_score", "priority_rank"};
  const std::size_t first = t.columns.size();
  for (const auto& name : names)
    t.columns.push_back({name, name == "funnel_flag" || name == "lisa_cluster" ? ColumnKind::kText
                               : name == "priority_rank" ? ColumnKind::kDerived
                                                         : ColumnKind::kRate});
  for (auto& row : t.rows) row.resize(t.columns.size());
  const auto col = [&](const std::string& name) {
    return first +
           static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  };
  if (!layer.has_population) {
    st.skipped = "no population for this layer";
    return st;
  }
  // Areas left out: no population (or 0), no geometry, or suppressed in the public outputs.
  Table probe = t;
  apply_disclosure_control(probe, a.config.min_count);
  const int c_flag = probe.column("suppressed");
  std::vector<std::size_t> in;
  for (std::size_t r = 0; r < n_areas; ++r) {
    const auto pop = number(t.rows[r][static_cast<std::size_t>(c_pop)]);
    const bool suppressed = std::get<bool>(probe.rows[r][static_cast<std::size_t>(c_flag)]);
    if (pop && *pop > 0 && !suppressed && !layer.boundary.areas[r].wkb.empty()) in.push_back(r);
  }
  st.included = in.size();
  st.left_out = n_areas - in.size();
  if (in.size() < 4) {
    st.skipped = "fewer than 4 areas with a value";
    return st;
  }
  std::vector<double> seen, pop, reach;
  for (std::size_t r : in) {
    seen.push_back(*number(t.rows[r][static_cast<std::size_t>(c_seen)]));
    pop.push_back(*number(t.rows[r][static_cast<std::size_t>(c_pop)]));
    reach.push_back(seen.back() / pop.back());
  }
  // Empirical Bayes (global, and local over the weights); never below 0, never above 1 when
  // the raw rate is a proportion.
  std::string description;
  const Neighbours nb = build_neighbours(layer, in, cfg, description);
  st.weights = description;
  for (std::size_t i = 0; i < nb.size(); ++i)
    if (nb[i].empty()) st.islands.push_back(layer.boundary.areas[in[i]].id);
  const std::vector<double> eb = eb_global(seen, pop), ebl = eb_local(seen, pop, nb);
  const auto bounded = [&](double v, std::size_t i) {
    v = std::max(0.0, v);
    return reach[i] <= 1 ? std::min(1.0, v) : v;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    t.rows[in[i]][col("seen_reach_eb")] = bounded(eb[i], i);
    t.rows[in[i]][col("seen_reach_eb_local")] = bounded(ebl[i], i);
  }
  const FunnelResult f = funnel(seen, pop, {cfg.overdispersion, 0.1});
  st.funnel_target = f.target;
  st.funnel_phi = f.phi;
  for (std::size_t i = 0; i < in.size(); ++i) {
    t.rows[in[i]][col("funnel_z")] = f.z[i];
    t.rows[in[i]][col("funnel_flag")] = f.flag[i];
  }
  // LISA and Gi* on the chosen variable.
  const int c_var = t.column(cfg.variable);
  if (c_var < 0 || t.columns[static_cast<std::size_t>(c_var)].kind == ColumnKind::kText)
    throw Error(ErrorCode::kBadConfig,
                "[analysis] variable '" + cfg.variable + "' is not a numeric indicator",
                {a.config.file}, "e.g. variable = \"seen_reach_eb\" or \"seen_reach\"");
  std::vector<double> x;
  for (std::size_t r : in)
    x.push_back(number(t.rows[r][static_cast<std::size_t>(c_var)]).value_or(0));
  st.variable = cfg.variable;
  const WeightsMatrix w = row_standardised(nb);
  st.moran = global_moran(x, w, cfg.permutations, a.config.run.seed);
  const LocalMoran lisa =
      local_moran(x, nb, w, cfg.permutations, a.config.run.seed, cfg.alpha, cfg.fdr, threads);
  const std::vector<double> gi = getis_ord_gi_star(x, row_standardised(include_self(nb)));
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto& row = t.rows[in[i]];
    row[col("lisa_i")] = lisa.I[i];
    if (cfg.permutations > 0) row[col("lisa_p")] = lisa.p_sim[i];
    row[col("lisa_cluster")] = std::string(lisa_label(lisa.cluster[i]));
    row[col("gistar_z")] = gi[i];
    st.low_low += lisa.cluster[i] == LisaCluster::kLowLow;
    st.high_high += lisa.cluster[i] == LisaCluster::kHighHigh;
  }
  // Expected reach: seen reach on deprivation and distance to the nearest centre, weighted by
  // population (weighted least squares).
  std::vector<std::string> terms = {"intercept"};
  const bool use_decile = has_decile && std::all_of(in.begin(), in.end(), [&](std::size_t r) {
                            return decile[r].has_value();
                          });
  const bool use_score =
      !use_decile && has_score &&
      std::all_of(in.begin(), in.end(), [&](std::size_t r) { return score[r].has_value(); });
  if (use_decile) terms.push_back("imd_decile");
  if (use_score) terms.push_back("imd_score");
  if (has_centres) terms.push_back("nearest_centre_km");
  Eigen::MatrixXd X(static_cast<long>(in.size()), static_cast<long>(terms.size()));
  Eigen::VectorXd y(static_cast<long>(in.size())), wt(static_cast<long>(in.size()));
  for (std::size_t i = 0; i < in.size(); ++i) {
    const long r = static_cast<long>(i);
    long c = 0;
    X(r, c++) = 1;
    if (use_decile) X(r, c++) = *decile[in[i]];
    if (use_score) X(r, c++) = *score[in[i]];
    if (has_centres) X(r, c++) = distance_km[in[i]];
    y(r) = reach[i];
    wt(r) = pop[i];
  }
  const Eigen::MatrixXd xtw = X.transpose() * wt.asDiagonal();
  const Eigen::VectorXd beta = (xtw * X).ldlt().solve(xtw * y);
  for (std::size_t k = 0; k < terms.size(); ++k)
    st.coefficients.emplace_back(terms[k], beta(static_cast<long>(k)));
  const Eigen::VectorXd expected = X * beta;
  std::vector<double> shortfall(in.size()), unreached(in.size()), need(in.size(), 0),
      low_low(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto& row = t.rows[in[i]];
    row[col("expected_seen_reach")] = expected(static_cast<long>(i));
    shortfall[i] = (expected(static_cast<long>(i)) - reach[i]) * pop[i];
    row[col("reach_shortfall")] = shortfall[i];
    unreached[i] = number(row[static_cast<std::size_t>(c_unreached)]).value_or(0);
    if (use_decile) need[i] = -*decile[in[i]];  // decile 1 = most deprived = most need
    if (use_score) need[i] = *score[in[i]];
    low_low[i] = lisa.cluster[i] == LisaCluster::kLowLow;
  }
  // Priority: 0.35 unreached + 0.25 shortfall + 0.25 need (percentile ranks among the areas
  // analysed) + 0.15 when in a low-low cluster. Without deprivation its weight moves to
  // unreached children.
  const auto pu = percentile_ranks(unreached), ps = percentile_ranks(shortfall),
             pn = percentile_ranks(need);
  const bool have_need = use_decile || use_score;
  std::vector<double> priority(in.size());
  for (std::size_t i = 0; i < in.size(); ++i)
    priority[i] = (have_need ? 0.35 : 0.6) * pu[i] + 0.25 * ps[i] + (have_need ? 0.25 * pn[i] : 0) +
                  0.15 * low_low[i];
  std::vector<std::size_t> order(in.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t p, std::size_t q) { return priority[p] > priority[q]; });
  for (std::size_t k = 0; k < order.size(); ++k) {
    auto& row = t.rows[in[order[k]]];
    row[col("priority_score")] = priority[order[k]];
    row[col("priority_rank")] = static_cast<std::int64_t>(k + 1);
  }
  st.computed = true;
  return st;
}

}  // namespace reachmap
