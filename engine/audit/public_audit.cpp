#include "engine/audit/public_audit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "engine/audit/detail/audit_builder.hpp"
#include "engine/audit/detail/period_tabs.hpp"
#include "engine/core/columns.hpp"
#include "engine/core/error.hpp"
#include "engine/core/number_format.hpp"
#include "engine/geo/boundary_layer.hpp"
#include "engine/geo/overlap.hpp"
#include "engine/io/vector_reader.hpp"
#include "engine/privacy/audit.hpp"
#include "engine/privacy/relations.hpp"
#include "engine/report/report_input.hpp"

namespace reachmap {

namespace {

// A fine area sharing less of its area than this with a coarse one is taken to lie outside it:
// the slivers two digitisations of one boundary leave.
constexpr double kSliver = 1e-4;
// Under round and perturb, a count an intruder can narrow to within 1 to kSmall-1 is disclosed.
constexpr int kSmall = 5;

using namespace public_audit_detail;

// Areas of a fine layer inside those of a coarser one, by their geometry: each child placed in
// a fine area (by code or point) is in one of the coarse areas it overlaps, give or take the
// children the manifest says were placed against the geometry; a fine area's children are split
// over the coarse areas it overlaps (unknown shares, when more than one).
// The counts of the equity table that are its areas' sums (the cohorts' when the run counted
// them).
constexpr Col kDecileCounts[] = {
    Col::kRegisteredChildren, Col::kSeenChildren,    Col::kSustainedChildren, Col::kTurned5Children,
    Col::kNeverSeenBy5,       Col::kTurned1Children, Col::kSeenBefore1};

void nesting(Builder& b, const ReportInput& in, const std::vector<std::size_t>& layer_tab,
             const std::string& gpkg, std::vector<std::string>& notes) {
  const auto& layers_json = in.manifest.value("layers", nlohmann::ordered_json::object());
  for (std::size_t f = 0; f < in.layers.size(); ++f)
    for (std::size_t c = 0; c < in.layers.size(); ++c) {
      const ReportLayer &F = in.layers[f], &C = in.layers[c];
      if (f == c || F.areas.size() <= C.areas.size()) continue;
      const auto lf = layers_json.value(F.name, nlohmann::ordered_json::object());
      const auto lc = layers_json.value(C.name, nlohmann::ordered_json::object());
      const long placed_f = manifest_number(lf, "children_placed", -1);
      const long out_f = manifest_number(lf, "children_outside", -1);
      const long placed_c = manifest_number(lc, "children_placed", -1);
      const long out_c = manifest_number(lc, "children_outside", -1);
      if (out_c < 0) continue;
      if (placed_f < 0 || out_f != 0 || placed_f != placed_c + out_c) continue;
      long k = 0;  // children placed by code, not checked against the geometry
      if (lf.value("placement", std::string()).rfind("point in polygon", 0) != 0) {
        const auto agr = lf.value("code_geometry_agreement", nlohmann::ordered_json::object());
        if (!agr.contains("agree")) continue;
        k = placed_f - manifest_number(agr, "agree", placed_f);
      }
      BoundaryLayer coarse;
      for (auto& feature : read_vector_layer(gpkg, "reachmap.gpkg", C.name, name_of(Col::kAreaId),
                                             name_of(Col::kAreaName))
                               .features)
        coarse.areas.push_back({feature.id, feature.label, std::move(feature.wkb), 0, 0});
      std::map<std::string, std::size_t> coarse_row;
      for (std::size_t r = 0; r < C.areas.size(); ++r)
        coarse_row[C.areas.get(r, name_of(Col::kAreaId))] = r;
      std::map<std::string, std::string> fine_wkb;
      for (auto& feature : read_vector_layer(gpkg, "reachmap.gpkg", F.name, name_of(Col::kAreaId),
                                             name_of(Col::kAreaName))
                               .features)
        fine_wkb[feature.id] = std::move(feature.wkb);
      // Per fine row, the coarse rows it overlaps.
      std::vector<std::vector<std::size_t>> over(F.areas.size());
      std::size_t whole = 0;
      for (std::size_t r = 0; r < F.areas.size(); ++r) {
        const auto it = fine_wkb.find(F.areas.get(r, name_of(Col::kAreaId)));
        if (it == fine_wkb.end()) continue;
        for (const auto& [t, share] : overlap_shares(it->second, coarse))
          if (share >= kSliver)
            if (const auto cr = coarse_row.find(coarse.areas[t].id); cr != coarse_row.end())
              over[r].push_back(cr->second);
        whole += over[r].size() == 1;
      }
      if (std::any_of(over.begin(), over.end(), [](const auto& o) { return o.empty(); })) {
        notes.push_back(F.name + " in " + C.name + ": not used (an area with no geometry)");
        continue;
      }
      const std::size_t ft = layer_tab[f], ct = layer_tab[c];
      std::size_t used = 0;
      for (const auto& column : F.areas.header) {
        if (counting(F.areas, column) != Counting::kAdds || C.areas.column(column) < 0) continue;
        // The children who turned 5 are placed apart: the manifest's placed and outside, the
        // slack below, say nothing of them.
        if (column == name_of(Col::kTurned5Children) || column == name_of(Col::kNeverSeenBy5))
          continue;
        std::vector<std::vector<std::pair<Term, double>>> parts(C.areas.size());
        bool ok = true;
        for (std::size_t r = 0; r < over.size() && ok; ++r) {
          const auto x = b.term(ft, r, column);
          if (!x) {
            ok = false;
            break;
          }
          if (over[r].size() == 1) {
            parts[over[r][0]].emplace_back(*x, 1.0);
            continue;
          }
          std::vector<std::pair<Term, double>> split{{*x, -1.0}};
          for (std::size_t w : over[r]) {
            const Term y{0, long(b.add_unknown(0, kInf, false))};
            split.emplace_back(y, 1.0);
            parts[w].emplace_back(y, 1.0);
          }
          b.add("nesting", split, 0, 0);
        }
        if (!ok) continue;
        std::vector<std::pair<Term, double>> plus, minus;
        for (std::size_t w = 0; w < parts.size(); ++w) {
          const auto total = b.term(ct, w, column);
          if (!total) {
            ok = false;
            break;
          }
          auto terms = parts[w];
          terms.emplace_back(*total, -1.0);
          if (k > 0) {
            const Term dp{0, long(b.add_unknown(0, double(k), false))};
            terms.emplace_back(dp, 1.0), plus.emplace_back(dp, 1.0);
          }
          if (k + out_c > 0) {
            const Term dm{0, long(b.add_unknown(0, double(k + out_c), false))};
            terms.emplace_back(dm, -1.0), minus.emplace_back(dm, 1.0);
          }
          b.add("nesting", terms, 0, 0);
        }
        if (!ok) continue;
        if (!plus.empty()) b.add("nesting", plus, 0, double(k));
        if (!minus.empty()) {
          b.add("nesting", minus, 0, double(k + out_c));
          auto net = minus;
          for (const auto& [tm, coef] : plus) net.emplace_back(tm, -coef);
          b.add("nesting", net, 0, double(out_c));
        }
        ++used;
      }
      notes.push_back(F.name + " in " + C.name + ": " + std::to_string(whole) + " of " +
                      std::to_string(F.areas.size()) + " areas inside one, " +
                      std::to_string(used) + " columns");
    }
}

std::string range_text(double lo, double hi) {
  return format_number(lo) + (std::isfinite(hi) ? " to " + format_number(hi) : " or more");
}

}  // namespace

bool PublicAudit::safe() const {
  return std::all_of(tables.begin(), tables.end(),
                     [](const PublicAuditTable& t) { return t.unsafe.empty() && t.unranged == 0; });
}

PublicAudit audit_public_folder(const std::string& folder, int threads) {
  const auto start = std::chrono::steady_clock::now();
  const ReportInput in = read_report_input(folder);
  PublicAudit out;
  const auto privacy = in.manifest.value("privacy", nlohmann::ordered_json::object());
  out.rule = privacy.value("rule", std::string("suppress"));
  std::vector<Tab> tabs;
  std::vector<std::size_t> layer_tab, equity_tab, groups_tab;
  std::vector<std::string> layer_names;
  for (const auto& l : in.layers) {
    layer_tab.push_back(tabs.size());
    tabs.push_back({"indicators_" + l.name + ".csv", &l.areas});
    layer_names.push_back(l.name);
  }
  for (const auto& l : in.layers) {
    equity_tab.push_back(l.equity.header.empty() ? SIZE_MAX : tabs.size());
    if (!l.equity.header.empty()) tabs.push_back({"equity_" + l.name + ".csv", &l.equity});
  }
  for (const auto& l : in.layers) {
    groups_tab.push_back(l.groups.header.empty() ? SIZE_MAX : tabs.size());
    if (!l.groups.header.empty()) tabs.push_back({"groups_" + l.name + ".csv", &l.groups});
  }
  const std::size_t centre_tab = tabs.size();
  if (!in.centres.header.empty()) tabs.push_back({"centres.csv", &in.centres});
  // [run] periods: each period's tables, and where the run's own and each period's sit.
  const std::vector<PeriodTables> periods = read_period_tables(folder, layer_names);
  std::vector<PeriodAt> period_at;
  if (!periods.empty()) {
    const auto run = in.manifest.value("period", nlohmann::ordered_json::object());
    period_at.push_back(
        {run.value("from", std::string()), run.value("to", std::string()), layer_tab});
    period_at.back().tabs.push_back(in.centres.header.empty() ? SIZE_MAX : centre_tab);
  }
  for (const PeriodTables& p : periods) {
    PeriodAt& at = period_at.emplace_back(PeriodAt{p.from, p.to, {}});
    const auto add = [&](const std::string& file, const TextTable& t) {
      at.tabs.push_back(t.header.empty() ? SIZE_MAX : tabs.size());
      if (!t.header.empty()) tabs.push_back({file + " (" + p.label + ")", &t});
    };
    for (std::size_t l = 0; l < p.layers.size(); ++l)
      add("indicators_" + layer_names[l] + "_by_period.csv", p.layers[l]);
    add("centres_by_period.csv", p.centres);
  }

  // What each rule leaves of a published count (the manifest states the parameters).
  std::function<std::pair<double, double>(double)> stated;
  if (out.rule == "round") {
    const long base = manifest_number(privacy, "base", 5);
    stated = [base](double v) {  // the whole numbers that round to v (halves up)
      return std::pair{std::max(0.0, v - double((base - 1) / 2) - (base % 2 == 0 ? 1 : 0)),
                       v + double((base - 1) / 2)};
    };
  } else if (out.rule == "perturb") {
    const long d = manifest_number(privacy, "max_perturbation", 2);
    const long js = manifest_number(privacy, "small_counts_never_shown", 2);
    stated = [d, js](double v) {  // a 0 stays 0 and comes from 0 to js
      return v == 0 ? std::pair{0.0, double(js)}
                    : std::pair{std::max(0.0, v - double(d)), v + double(d)};
    };
  }
  Builder b(tabs);
  b.unknowns(stated);
  b.row_sums(layer_names);
  b.orders();
  // A layer's totals: the equity table's rows (every area with a population, then each decile)
  // and the manifest's children placed.
  const auto& layers_json = in.manifest.value("layers", nlohmann::ordered_json::object());
  for (std::size_t l = 0; l < in.layers.size(); ++l) {
    const TextTable& areas = in.layers[l].areas;
    std::vector<std::size_t> all_rows(areas.size());
    for (std::size_t r = 0; r < all_rows.size(); ++r) all_rows[r] = r;
    const long placed =
        manifest_number(layers_json.value(in.layers[l].name, nlohmann::ordered_json::object()),
                        "children_placed", -1);
    if (placed >= 0) {  // rounded or perturbed too under those rules
      Term total{double(placed), -1};
      if (stated) {
        const auto [lo, hi] = stated(double(placed));
        total = Term{0, long(b.add_unknown(lo, hi, false))};
      }
      b.sum_over("layer totals", total, layer_tab[l], name_of(Col::kRegisteredChildren), all_rows);
    }
    if (equity_tab[l] == SIZE_MAX) continue;
    const TextTable& eq = in.layers[l].equity;
    std::vector<std::vector<std::size_t>> members(11);
    for (std::size_t r = 0; r < areas.size(); ++r) {
      if (!areas.number(r, name_of(Col::kUnder5Population))) continue;
      members[0].push_back(r);
      const auto d = areas.number(r, name_of(Col::kImdDecile));
      if (d && *d >= 1 && *d <= 10) members[std::size_t(std::lround(*d))].push_back(r);
    }
    long whole = -1;
    std::vector<std::size_t> deciles;
    std::vector<const std::vector<std::size_t>*> in_deciles;
    for (std::size_t r = 0; r < eq.size(); ++r) {
      const auto d = eq.number(r, name_of(Col::kImdDecile));
      const auto& rows = members[d ? std::size_t(std::lround(*d)) % 11 : 0];
      if (eq.number(r, name_of(Col::kAreas)) != double(rows.size()))
        continue;  // not the run's grouping
      if (d)
        deciles.push_back(r), in_deciles.push_back(&rows);
      else
        whole = long(r);
      for (const Col col : kDecileCounts)
        if (eq.column(col) >= 0 && in.layers[l].areas.column(col) >= 0)
          b.sum_over("equity deciles", b.term(equity_tab[l], r, name_of(col)), layer_tab[l],
                     name_of(col), rows);
    }
    // The row for all areas is its deciles' and the other areas' sum, as the run states it
    // (privacy/relations.hpp, whole_of_pieces): short rows the long ones imply.
    if (whole < 0 || deciles.empty()) continue;
    const auto rest = areas_in_no_piece(members[0], in_deciles);
    for (const Col col : kDecileCounts)
      if (eq.column(col) >= 0 && in.layers[l].areas.column(col) >= 0)
        b.whole_of_pieces("equity deciles", equity_tab[l], std::size_t(whole), deciles,
                          name_of(col), layer_tab[l], name_of(col), rest);
  }
  // Each target group's rows: sums over the areas with both populations (the run's grouping
  // when the count of areas agrees).
  for (std::size_t l = 0; l < in.layers.size(); ++l) {
    if (groups_tab[l] == SIZE_MAX) continue;
    const TextTable& areas = in.layers[l].areas;
    const TextTable& gt = in.layers[l].groups;
    // Each count of a group's row with the same count's column in the areas' table (empty:
    // none, everyone else's, which is the whole less the group).
    const auto columns_of = [](const std::string& group) {
      return std::vector<std::pair<std::string, std::string>>{
          {name_of(Col::kRegisteredChildren), name_of(Col::kRegisteredChildren)},
          {name_of(Col::kSeenChildren), name_of(Col::kSeenChildren)},
          {name_of(Col::kGroupRegistered), registered_in_group(group)},
          {name_of(Col::kGroupSeen), seen_in_group(group)},
          {name_of(Col::kOthersRegistered), std::string()},
          {name_of(Col::kOthersSeen), std::string()}};
    };
    std::map<std::string, std::pair<long, std::vector<std::size_t>>> rows_of;  // whole, deciles
    std::vector<std::vector<std::size_t>> members(gt.size());
    for (std::size_t r = 0; r < gt.size(); ++r) {
      const std::string group = gt.get(r, name_of(Col::kTargetGroup));
      const auto d = gt.number(r, name_of(Col::kImdDecile));
      std::vector<std::size_t>& rows = members[r];
      for (std::size_t a = 0; a < areas.size(); ++a) {
        if (!areas.number(a, name_of(Col::kUnder5Population)) ||
            !areas.number(a, group_population(group)))
          continue;
        const auto ad = areas.number(a, name_of(Col::kImdDecile));
        if (!d || (ad && std::lround(*ad) == std::lround(*d))) rows.push_back(a);
      }
      if (gt.number(r, name_of(Col::kAreas)) != double(rows.size())) continue;
      auto& [whole, deciles] =
          rows_of.try_emplace(group, -1, std::vector<std::size_t>{}).first->second;
      d ? deciles.push_back(r) : void(whole = long(r));
      for (const auto& [here, there] : columns_of(group))
        if (!there.empty())
          b.sum_over("target groups", b.term(groups_tab[l], r, here), layer_tab[l], there, rows);
    }
    // Each group's row for all areas is its deciles' and the other areas' sum, as the run
    // states it (privacy/relations.hpp, whole_of_pieces): short rows the long ones imply.
    for (const auto& [group, wd] : rows_of) {
      const auto& [whole, deciles] = wd;
      if (whole < 0 || deciles.empty()) continue;
      std::vector<const std::vector<std::size_t>*> in_deciles;
      for (const std::size_t r : deciles) in_deciles.push_back(&members[r]);
      const auto rest = areas_in_no_piece(members[std::size_t(whole)], in_deciles);
      for (const auto& [here, there] : columns_of(group))
        b.whole_of_pieces("target groups", groups_tab[l], std::size_t(whole), deciles, here,
                          layer_tab[l], there, rest);
    }
  }
  // Reach areas made of a layer's areas (reachmap.gpkg's area_ids).
  const std::string source = in.manifest.value("centres", nlohmann::ordered_json::object())
                                 .value("reach_areas", nlohmann::ordered_json::object())
                                 .value("source", std::string());
  const auto q1 = source.find('\''), q2 = source.find('\'', q1 + 1);
  // Each centre's reach area made of its areas, in the run's tables and in each period's (a
  // centre's row found by its id: a period's table lists the same centres).
  const auto reach_sums = [&](std::size_t areas_tab, std::size_t centres_tab) {
    const TextTable& areas = *tabs[areas_tab].t;
    const TextTable& centres = *tabs[centres_tab].t;
    std::map<std::string, std::size_t> row_of, centre_row;
    for (std::size_t r = 0; r < areas.size(); ++r) row_of[areas.get(r, name_of(Col::kAreaId))] = r;
    for (std::size_t r = 0; r < centres.size(); ++r)
      centre_row[centres.get(r, name_of(Col::kCentreId))] = r;
    std::vector<std::pair<std::string, std::string>> sums;
    for (const auto& [total, part] :
         {std::pair{Col::kReachAreaRegistered, Col::kRegisteredChildren},
          {Col::kReachAreaSeen, Col::kSeenChildren},
          {Col::kReachAreaSustained, Col::kSustainedChildren},
          // the early-years cohorts, when the run counted them
          {Col::kReachAreaTurned5Children, Col::kTurned5Children},
          {Col::kReachAreaNeverSeenBy5, Col::kNeverSeenBy5},
          {Col::kReachAreaTurned1Children, Col::kTurned1Children},
          {Col::kReachAreaSeenBefore1, Col::kSeenBefore1}})
      if (centres.column(total) >= 0 && areas.column(part) >= 0)
        sums.emplace_back(name_of(total), name_of(part));
    const std::string ra_seen = reach_area_seen_in_group("");  // and each group's
    for (const auto& name : centres.header)
      if (!column_named(name) && prefixed(name, ra_seen)) {
        const std::string g = name.substr(ra_seen.size());
        sums.emplace_back(name, seen_in_group(g));
        sums.emplace_back(reach_area_registered_in_group(g), registered_in_group(g));
      }
    for (const ReportCentre& centre : in.centre_places) {
      if (centre.area_ids.empty()) continue;
      const auto here = centre_row.find(in.centres.get(centre.row, name_of(Col::kCentreId)));
      if (here == centre_row.end()) continue;
      std::vector<std::size_t> rows;
      for (const auto& id : centre.area_ids)
        if (const auto it = row_of.find(id); it != row_of.end()) rows.push_back(it->second);
      if (rows.size() != centre.area_ids.size()) continue;
      for (const auto& [total, part] : sums)
        b.sum_over("reach areas", b.term(centres_tab, here->second, total), areas_tab, part, rows);
    }
  };
  if (centre_tab < tabs.size() && q1 != std::string::npos && q2 != std::string::npos) {
    const std::string reach_layer = source.substr(q1 + 1, q2 - q1 - 1);
    for (std::size_t l = 0; l < in.layers.size(); ++l) {
      if (in.layers[l].name != reach_layer) continue;
      reach_sums(layer_tab[l], centre_tab);
      for (std::size_t p = 1; p < period_at.size(); ++p)
        if (period_at[p].tabs[l] != SIZE_MAX && period_at[p].tabs.back() != SIZE_MAX)
          reach_sums(period_at[p].tabs[l], period_at[p].tabs.back());
    }
  }
  nesting(b, in, layer_tab, in.folder + "/reachmap.gpkg", out.relations);
  period_ties(b, tabs, period_at);
  for (const auto& [kind, n] : b.rows_by_kind)
    out.relations.insert(out.relations.begin(), kind + ": " + std::to_string(n) + " rows");

  out.unknowns = b.p.lo.size();
  out.rows = b.p.rows.size();
  const auto ranges = value_ranges(b.p, b.want, threads);
  out.tables.resize(tabs.size());
  for (std::size_t i = 0; i < tabs.size(); ++i) out.tables[i].file = tabs[i].file;
  for (std::size_t v = 0; v < b.cells.size(); ++v) {
    if (!b.want[v]) continue;
    const auto [ti, r, c] = b.cells[v];
    PublicAuditTable& t = out.tables[ti];
    const TextTable& tb = *tabs[ti].t;
    ++t.hidden;
    const std::string where = std::string(tb.at(r, 0)) + " " + tb.header[c];
    if (!ranges[v]) {
      ++t.unranged;
      t.unsafe.push_back(where + ": no range (an LP failed)");
      continue;
    }
    const auto [lo, hi] = *ranges[v];
    const std::size_t values =
        std::isfinite(hi) ? std::size_t(std::max(0.0, hi - lo + 1)) : std::size_t(1) << 30;
    t.narrowest = t.narrowest ? std::min(t.narrowest, values) : values;
    if (b.stated(v)) {  // published rounded or perturbed
      ++t.stated;
      --t.hidden;
      if (values < 2)
        t.unsafe.push_back(where + ": exactly " + format_number(lo) + " (published " +
                           std::string(tb.at(r, c)) + ")");
      else if (lo >= 1 && hi < double(kSmall))
        t.unsafe.push_back(where + ": " + range_text(lo, hi) + " (published " +
                           std::string(tb.at(r, c)) + ": neither 0 nor " + std::to_string(kSmall) +
                           " or more)");
      continue;
    }
    // A band from 0 says "fewer than k": its count must still be able to be 0.
    const auto band = parse_band(tb.get(r, band_of(tb.header[c])));
    const bool small = band && band->first == 0;
    if (small && lo > 0)
      t.unsafe.push_back(where + ": " + range_text(lo, hi) + " (published as " +
                         tb.get(r, band_of(tb.header[c])) + ": it must still be able to be 0)");
    else if (!small && values < 2)
      t.unsafe.push_back(where + ": exactly " + format_number(lo));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::string public_audit_text(const PublicAudit& a) {
  std::ostringstream s;
  s << "rule: " << a.rule << "; " << a.unknowns << " unknowns, " << a.rows
    << " relations written down:\n";
  for (const auto& r : a.relations) s << "  " << r << "\n";
  for (const auto& t : a.tables) {
    s << t.file << ": " << t.hidden << " counts hidden";
    if (t.stated)
      s << ", " << t.stated << " published " << (a.rule == "round" ? "rounded" : "perturbed");
    if (t.hidden + t.stated)
      s << ", the narrowest can still take "
        << (t.narrowest >= (std::size_t(1) << 30) ? std::string("any number of")
                                                  : std::to_string(t.narrowest))
        << " values";
    if (t.unsafe.empty()) {
      s << ": safe to publish\n";
      continue;
    }
    s << ": NOT SAFE, " << t.unsafe.size() << " counts an intruder can pin down:\n";
    for (const auto& u : t.unsafe) s << "  " << u << "\n";
  }
  return s.str();
}

}  // namespace reachmap
