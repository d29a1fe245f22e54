// The public audit's linear system (audit_public_folder): every hidden or uncertain count of the
// public files an unknown, every relation a reader knows a row. Internal to public_audit.cpp.
#pragma once

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/core/columns.hpp"
#include "engine/privacy/audit.hpp"
#include "engine/privacy/relations.hpp"
#include "engine/report/report_input.hpp"

namespace reachmap::public_audit_detail {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Tab {
  std::string file;
  const TextTable* t;
};

// An unknown's place: table, row, column.
using Key = std::tuple<std::size_t, std::size_t, std::size_t>;

// A cell in a relation: a published number, or a hidden count (an unknown).
struct Term {
  double value = 0;
  long var = -1;
};

// A whole number the manifest states, or `fallback` (absent, or in words: "not published").
inline long manifest_number(const nlohmann::ordered_json& j, const char* key, long fallback) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<long>() : fallback;
}

inline bool prefixed(const std::string& s, const std::string& p) {
  return s.size() > p.size() && s.compare(0, p.size(), p) == 0;
}

// Whether a column counts children, and whether they add up over areas (unreached does not).
enum class Counting { kNot, kAdds, kDerived };
inline Counting counting(const TextTable& t, const std::string& name) {
  if (const auto id = column_named(name)) {
    const ColumnKind k = column_spec(*id).kind;
    if (k == ColumnKind::kDerivedCount) return Counting::kDerived;
    return k == ColumnKind::kCount || k == ColumnKind::kGroupCount ? Counting::kAdds
                                                                   : Counting::kNot;
  }
  for (const auto& other : t.header)  // a band ("seen_children_band") is not a count
    if (band_of(other) == name) return Counting::kNot;
  if (prefixed(name, seen_inside("")) || prefixed(name, seen_outside(""))) return Counting::kAdds;
  // A target group's pair: seen_<group> beside registered_<group>, in an area or in a centre's
  // reach area.
  const std::string ra_seen = reach_area_seen_in_group(""),
                    ra_reg = reach_area_registered_in_group("");
  if (prefixed(name, ra_seen) &&
      t.column(reach_area_registered_in_group(name.substr(ra_seen.size()))) >= 0)
    return Counting::kAdds;
  if (prefixed(name, ra_reg) && t.column(reach_area_seen_in_group(name.substr(ra_reg.size()))) >= 0)
    return Counting::kAdds;
  const std::string seen = seen_in_group(""), reg = registered_in_group("");
  if (prefixed(name, seen) && t.column(registered_in_group(name.substr(seen.size()))) >= 0)
    return Counting::kAdds;
  if (prefixed(name, reg) && t.column(seen_in_group(name.substr(reg.size()))) >= 0)
    return Counting::kAdds;
  // Services: seen_<type> beside <type>_reach, seen_in_<code> beside <code>_provision_share.
  const std::string in_language = seen_in_language("");
  if (prefixed(name, in_language) &&
      t.column(language_provision_share(name.substr(in_language.size()))) >= 0)
    return Counting::kAdds;
  if (prefixed(name, seen) && t.column(type_reach(name.substr(seen.size()))) >= 0)
    return Counting::kAdds;
  if (prefixed(name, ra_seen) && t.column(type_reach(name.substr(ra_seen.size()))) >= 0)
    return Counting::kAdds;
  // Kinds of setting: seen_by_<kind> beside <kind>_setting_reach (and in a reach area);
  // reach_area_seen_multi_setting beside multi_setting_share.
  const std::string by = seen_by_setting(""), ra_by = reach_area_seen_by_setting("");
  if (prefixed(name, by) && t.column(setting_reach(name.substr(by.size()))) >= 0)
    return Counting::kAdds;
  if (prefixed(name, ra_by) && t.column(setting_reach(name.substr(ra_by.size()))) >= 0)
    return Counting::kAdds;
  if (name == reach_area_seen_in_group("multi_setting") &&
      t.column(name_of(Col::kMultiSettingShare)) >= 0)
    return Counting::kAdds;
  return Counting::kNot;
}

class Builder {
 public:
  explicit Builder(const std::vector<Tab>& tabs) : tabs_(tabs) {}

  AuditProblem p;
  std::vector<Key> cells;  // by unknown; aux unknowns (splits, slacks) have no cell
  std::vector<char> want;
  std::map<std::string, std::size_t> rows_by_kind;

  // Every blank count of children (where it means something) is an unknown, bounded by its band.
  // Under round and perturb every published count of children is one too, bounded by the
  // true counts the rule could have published it from (`stated`); derived counts, made from
  // the published ones, say nothing more and are left out.
  void unknowns(const std::function<std::pair<double, double>(double)>& stated) {
    for (std::size_t ti = 0; ti < tabs_.size(); ++ti) {
      const TextTable& t = *tabs_[ti].t;
      for (std::size_t c = 0; c < t.header.size(); ++c) {
        const std::string& name = t.header[c];
        const Counting how = counting(t, name);
        if (how == Counting::kNot) continue;
        for (std::size_t r = 0; r < t.size(); ++r) {
          if (stated && how == Counting::kAdds) {
            if (const auto v = t.number(r, name)) {
              const auto [lo, hi] = stated(*v);
              var_[{ti, r, c}] = add_unknown(lo, hi, true);
              cells.push_back({ti, r, c});
              stated_.insert(var_[{ti, r, c}]);
              continue;
            }
          }
          if (!t.at(r, c).empty()) continue;
          if (!defined(t, r, name, how)) continue;
          double lo = 0, hi = kInf;
          if (const auto b = parse_band(t.get(r, band_of(name)))) lo = b->first, hi = b->second;
          var_[{ti, r, c}] = add_unknown(lo, hi, true);
          cells.push_back({ti, r, c});
        }
      }
    }
  }

  bool stated(std::size_t v) const { return stated_.count(v) > 0; }

  std::size_t add_unknown(double lo, double hi, bool wanted) {
    p.lo.push_back(lo), p.hi.push_back(hi), p.truth.push_back(lo);
    p.down.push_back(-kInf), p.up.push_back(kInf);
    want.push_back(wanted);
    if (!wanted) cells.push_back({SIZE_MAX, 0, 0});
    return p.lo.size() - 1;
  }

  std::optional<Term> term(std::size_t ti, std::size_t r, const std::string& column) const {
    const TextTable& t = *tabs_[ti].t;
    const int c = t.column(column);
    if (c < 0 || r >= t.size()) return std::nullopt;
    if (const auto it = var_.find({ti, r, std::size_t(c)}); it != var_.end())
      return Term{0, long(it->second)};
    if (const auto v = t.number(r, column)) return Term{*v, -1};
    return std::nullopt;
  }

  // lo <= sum of coef * term <= hi, published terms moved to the bounds; nothing when no term
  // is hidden.
  void add(const std::string& kind, const std::vector<std::pair<Term, double>>& terms, double lo,
           double hi) {
    AuditRow row;
    for (const auto& [tm, coef] : terms) {
      if (tm.var >= 0)
        row.terms.emplace_back(std::size_t(tm.var), coef);
      else
        lo -= coef * tm.value, hi -= coef * tm.value;
    }
    if (row.terms.empty()) return;
    std::sort(row.terms.begin(), row.terms.end());
    row.lo = lo, row.hi = hi;
    p.rows.push_back(std::move(row));
    ++rows_by_kind[kind];
  }

  // total = the sum of parts, per row of every table that has the columns; a population is
  // seen + unreached where unreached = max(0, population - seen) in whole children.
  void row_sums(const std::vector<std::string>& layers) {
    std::vector<std::pair<std::string, std::vector<std::string>>> sums = {
        {name_of(Col::kKnownChildren),
         {name_of(Col::kKnownRegistered), name_of(Col::kKnownNotRegistered)}},
        {name_of(Col::kSeenChildren),
         {name_of(Col::kSeenHereInReachArea), name_of(Col::kSeenHereOutsideReachArea)}},
        {name_of(Col::kReachAreaSeen),
         {name_of(Col::kSeenHereInReachArea), name_of(Col::kReachAreaSeenOnlyElsewhere)}},
        // groups_<layer>.csv: the whole is the group and everyone else.
        {name_of(Col::kRegisteredChildren),
         {name_of(Col::kGroupRegistered), name_of(Col::kOthersRegistered)}},
        {name_of(Col::kSeenChildren), {name_of(Col::kGroupSeen), name_of(Col::kOthersSeen)}}};
    for (const auto& l : layers)
      sums.push_back({name_of(Col::kSeenChildren), {seen_inside(l), seen_outside(l)}});
    const std::vector<std::pair<Col, Col>> populations = {
        {Col::kUnder5Population, Col::kSeenChildren},
        {Col::kReachAreaUnder5Population, Col::kReachAreaSeen}};
    for (std::size_t ti = 0; ti < tabs_.size(); ++ti) {
      const TextTable& t = *tabs_[ti].t;
      for (std::size_t r = 0; r < t.size(); ++r) {
        for (const auto& [total, parts] : sums) {
          std::vector<std::pair<Term, double>> terms;
          if (const auto tt = term(ti, r, total)) terms.emplace_back(*tt, -1.0);
          for (const auto& part : parts)
            if (const auto pt = term(ti, r, part)) terms.emplace_back(*pt, 1.0);
          if (terms.size() == parts.size() + 1) add("row sums", terms, 0, 0);
        }
        for (const auto& [pop_col, seen_col] : populations) {
          if (!stated_.empty()) break;  // unreached made from the published seen
          const std::string unreached =
              name_of(pop_col == Col::kUnder5Population ? Col::kUnreachedChildren
                                                        : Col::kReachAreaUnreached);
          const auto pop = t.number(r, name_of(pop_col));
          const auto seen = term(ti, r, name_of(seen_col)), u = term(ti, r, unreached);
          if (!pop || !seen || !u) continue;
          // Published u > 0: |pop - seen - u| <= 0.5; u = 0: seen >= pop - 0.5; hidden: the
          // hull of both, seen + u >= pop - 0.5 with u <= pop + 0.5.
          const bool exact = u->var < 0 && u->value > 0;
          add("row sums", {{*seen, 1.0}, {*u, 1.0}}, *pop - 0.5, exact ? *pop + 0.5 : kInf);
          if (u->var >= 0) add("row sums", {{*u, 1.0}}, -kInf, std::floor(*pop + 0.5));
        }
      }
    }
  }

  // The orders any reader knows from what the columns mean (sustained <= seen <= registered,
  // a group's count <= its whole, ...).
  void orders() {
    for (std::size_t ti = 0; ti < tabs_.size(); ++ti) {
      const TextTable& t = *tabs_[ti].t;
      std::vector<std::string> groups;  // seen_<g>, registered_<g> (not seen_inside_<layer>)
      for (const auto& name : t.header)
        if (!column_named(name) && counting(t, name) == Counting::kAdds &&
            !prefixed(name, seen_inside("")) && !prefixed(name, seen_outside("")))
          groups.push_back(name);
      const bool settings = t.column(name_of(Col::kSeenAnySetting)) >= 0 ||
                            t.column(reach_area_seen_in_group("any_setting")) >= 0;
      const auto pairs = meaning_orders(groups, settings);
      for (const auto& [a, b] : pairs)
        for (std::size_t r = 0; r < t.size(); ++r) {
          const auto ta = term(ti, r, a), tb = term(ti, r, b);
          if (ta && tb && !(ta->var < 0 && tb->var < 0))
            add("orders", {{*ta, 1.0}, {*tb, -1.0}}, -kInf, 0);
        }
    }
  }

  // Row `whole` of table `t` = the sum of its rows `pieces` and, in the areas' table, of the
  // areas `rest` no piece holds, in `column` (`area_column` in the areas' table; none, empty:
  // only when there is no such area). What privacy/relations.hpp's whole_of_pieces states.
  void whole_of_pieces(const std::string& kind, std::size_t t, std::size_t whole,
                       const std::vector<std::size_t>& pieces, const std::string& column,
                       std::size_t areas, const std::string& area_column,
                       const std::vector<std::size_t>& rest) {
    if (!rest.empty() && area_column.empty()) return;
    const auto total = term(t, whole, column);
    if (!total) return;
    std::vector<std::pair<Term, double>> terms{{*total, -1.0}};
    for (const std::size_t r : pieces) {
      const auto pt = term(t, r, column);
      if (!pt) return;
      terms.emplace_back(*pt, 1.0);
    }
    for (const std::size_t a : rest) {
      const auto pt = term(areas, a, area_column);
      if (!pt) return;
      terms.emplace_back(*pt, 1.0);
    }
    add(kind, terms, 0, 0);
  }

  // A sum over rows of table `part`: total = sum of column over `rows` (a published total when
  // `total` is a number, not a term).
  void sum_over(const std::string& kind, std::optional<Term> total, std::size_t part,
                const std::string& column, const std::vector<std::size_t>& rows) {
    if (!total) return;
    std::vector<std::pair<Term, double>> terms{{*total, -1.0}};
    for (std::size_t r : rows) {
      const auto pt = term(part, r, column);
      if (!pt) return;
      terms.emplace_back(*pt, 1.0);
    }
    add(kind, terms, 0, 0);
  }

 private:
  // A blank count that means something: a derived count needs its population, a reach area's
  // counts a reach area.
  static bool defined(const TextTable& t, std::size_t r, const std::string& name, Counting how) {
    if (how == Counting::kDerived) {
      const bool ra = name == name_of(Col::kReachAreaUnreached);
      return t.number(r, name_of(ra ? Col::kReachAreaUnder5Population : Col::kUnder5Population))
          .has_value();
    }
    if (prefixed(name, "reach_area_"))
      return t.number(r, name_of(Col::kReachAreaUnder5Population)).has_value();
    return true;
  }

  const std::vector<Tab>& tabs_;
  std::map<Key, std::size_t> var_;
  std::set<std::size_t> stated_;  // unknowns published rounded or perturbed
};

}  // namespace reachmap::public_audit_detail
