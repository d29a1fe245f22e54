// Disclosure control's working state, internal to engine/privacy: which cells of the tables
// protected together are hidden and with what bands, primary and secondary suppression, and
// the remedies the intruder's audit picks. The audit's rounds are in disclosure_audit.cpp,
// the rules' order of work (protect_tables) in disclosure.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/privacy/audit.hpp"
#include "engine/privacy/disclosure.hpp"
#include "engine/privacy/link_cells.hpp"
#include "engine/privacy/published_tables.hpp"
#include "engine/privacy/relations.hpp"

namespace reachmap::detail {

inline std::optional<std::int64_t> whole(const Cell& c) {
  if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
  if (const auto* d = std::get_if<double>(&c)) return static_cast<std::int64_t>(std::llround(*d));
  return std::nullopt;
}

// Every link between counts the audit writes a row from, numbered: the relations (a relation's
// parts, then its total), then the orders (the lower count, then the higher).
struct Links {
  const std::vector<Relation>& relations;
  const std::vector<std::pair<CellRef, CellRef>>& orders;
  std::size_t size() const { return relations.size() + orders.size(); }
  template <class F>
  void each_cell(std::size_t l, F&& f) const {
    if (l < relations.size()) {
      for (const CellRef& c : relations[l].parts) f(c);
      if (relations[l].total) f(*relations[l].total);
    } else {
      f(orders[l - relations.size()].first);
      f(orders[l - relations.size()].second);
    }
  }
};
struct Protector {
  const std::vector<TableToProtect>& tables;
  const PrivacyRule& rule;
  const int threads;  // the audit's LPs
  const CellNumbers at;
  std::vector<char> hidden;  // [cell number]
  // Bands of hidden counts, where one is known: [cell number] -> (lo, hi).
  std::vector<Band> band;
  // The relations (and the orders between columns) as numbers and values (index_links).
  std::vector<std::pair<CellRef, CellRef>> orders;
  std::optional<LinkCells> links;

  Table& t(std::size_t i) const { return *tables[i].table; }
  const Cell& cell(const CellRef& r) const { return t(r.table).rows[r.row][r.column]; }
  char& hid(const CellRef& r) { return hidden[at(r)]; }
  Band& band_at(const CellRef& r) { return band[at(r)]; }
  HiddenGrid hidden_grid(std::size_t ti) const {
    return {hidden.data() + at.first[ti], at.width[ti]};
  }
  BandGrid band_grid(std::size_t ti) const { return {band.data() + at.first[ti], at.width[ti]}; }
  ColumnKind kind(const CellRef& r) const { return t(r.table).columns[r.column].kind; }

  // A derived count of 0 because more were seen than the population estimate holds
  // (unreached = max(0, population - seen)), beside a published seen count: publishing it says
  // only that seen is above the population, and hiding it would not help, since the seen count
  // bounds it to 0 anyway. Beside a hidden seen count it says seen >= population - 0.5.
  bool clipped_zero(const CellRef& r) const {
    const Table& tb = t(r.table);
    const TableColumn& col = tb.columns[r.column];
    if (col.kind != ColumnKind::kDerivedCount || cell_number(cell(r)).value_or(1) != 0)
      return false;
    const int src = tb.column(col.source), pop = tb.column(Col::kUnder5Population);
    if (src < 0 || pop < 0) return false;
    if (hidden[at({r.table, r.row, std::size_t(src)})]) return false;  // then it bounds seen
    const auto seen = cell_number(tb.rows[r.row][std::size_t(src)]);
    const auto n = cell_number(tb.rows[r.row][std::size_t(pop)]);
    return seen && n && *seen > *n + 0.5;
  }

  Protector(const std::vector<TableToProtect>& ts, const PrivacyRule& r, int th)
      : tables(ts), rule(r), threads(th), at(ts), hidden(at.size(), kShown), band(at.size()) {}

  // Reads `relations` (final: with add_column_relations) and the orders between columns into
  // `links`, for secondary() and audit().
  void index_links(const std::vector<Relation>& relations) {
    orders = column_orders(tables);
    links.emplace(at, tables, relations, orders);
  }

  void add_column_relations(std::vector<Relation>& relations) const {
    for (std::size_t ti = 0; ti < tables.size(); ++ti) {
      const Table& tb = t(ti);
      for (std::size_t c = 0; c < tb.columns.size(); ++c) {
        for (const auto& parts : tb.columns[c].sums) {
          std::vector<std::size_t> part_columns;
          for (const auto& name : parts)
            if (const int p = tb.column(name); p >= 0) part_columns.push_back(std::size_t(p));
          if (part_columns.size() != parts.size()) continue;
          for (std::size_t r = 0; r < tb.rows.size(); ++r) {
            // A row without the figures (a centre with no reach area, say) states no sum.
            const auto blank = [&](std::size_t col) {
              return std::holds_alternative<std::monostate>(tb.rows[r][col]);
            };
            if (blank(c) || std::any_of(part_columns.begin(), part_columns.end(), blank)) continue;
            Relation rel{CellRef{ti, r, c}, {}};
            for (std::size_t p : part_columns) rel.parts.push_back({ti, r, p});
            relations.push_back(std::move(rel));
          }
        }
      }
    }
  }

  void primary() {
    const std::int64_t k = rule.min_count;
    for (std::size_t ti = 0; ti < tables.size(); ++ti)
      for (std::size_t r = 0; r < t(ti).rows.size(); ++r)
        for (std::size_t c = 0; c < t(ti).columns.size(); ++c) {
          if (!is_count_kind(t(ti).columns[c].kind)) continue;
          const auto v = whole(t(ti).rows[r][c]);
          if (v && *v >= 1 && *v < k) {
            hidden[at({ti, r, c})] = kPrimary;
            // 0 to k-1, not 1 to k-1: the range a small count is published with must hold 0.
            band[at({ti, r, c})] = std::pair<std::int64_t, std::int64_t>{0, k - 1};
          }
        }
  }

  // Hides one more part of `rel` so that its single hidden part cannot be recovered: the
  // smallest non-zero published part, else a zero part, else the total itself.
  bool hide_complement(const Relation& rel, const CellRef* except) {
    const CellRef* best = nullptr;
    std::int64_t best_value = 0;
    for (const auto& p : rel.parts) {
      if ((except && p == *except) || hid(p) || !is_count_kind(kind(p)) || clipped_zero(p))
        continue;
      const auto v = whole(cell(p));
      if (!v) continue;
      const bool better = !best || (*v > 0 && (best_value == 0 || *v < best_value));
      if (better) best = &p, best_value = *v;
    }
    if (best) {
      hid(*best) = kSecondary;
      return true;
    }
    if (rel.total && !hid(*rel.total) && is_count_kind(kind(*rel.total))) {
      hid(*rel.total) = kSecondary;
      return true;
    }
    return false;
  }

  // `relations` as given to index_links.
  void secondary(const std::vector<Relation>& relations) {
    const LinkCells& ls = *links;
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < relations.size(); ++i) {
        const LinkCells::Cell& total = ls.totals[i];
        const bool has_total = total.at != LinkCells::kNone;
        if (has_total && !total.value) continue;  // no total to subtract from
        const bool total_known = !has_total || !hidden[total.at];
        std::size_t unknown = 0, single = 0;
        const auto parts = ls.parts(i);
        for (std::size_t j = 0; j < parts.size(); ++j)
          if (hidden[parts[j].at] || !parts[j].value) ++unknown, single = j;
        const Relation& rel = relations[i];
        if (rel.at_least) continue;
        if (total_known && unknown == 1 && hidden[parts[single].at])
          changed |= hide_complement(rel, &rel.parts[single]);
        else if (!total_known && unknown == 0 && !rel.parts.empty())
          changed |= hide_complement(Relation{std::nullopt, rel.parts}, nullptr);
      }
    }
    // A hidden pair under a published total (population = seen + unreached): each one's band
    // follows from the other's.
    for (std::size_t i = 0; i < relations.size(); ++i) {
      const LinkCells::Cell& total = ls.totals[i];
      const auto parts = ls.parts(i);
      if (total.at == LinkCells::kNone || hidden[total.at] || parts.size() != 2 ||
          !hidden[parts[0].at] || !hidden[parts[1].at])
        continue;
      const Relation& rel = relations[i];
      if (rel.at_least) continue;
      const auto total_count = whole(cell(*rel.total));
      const CellRef &a = rel.parts[0], &b = rel.parts[1];
      if (!total_count) continue;
      auto& ba = band_at(a);
      auto& bb = band_at(b);
      const auto mirror = [&](const std::pair<std::int64_t, std::int64_t>& from) {
        return std::pair<std::int64_t, std::int64_t>{
            std::max<std::int64_t>(0, *total_count - from.second),
            std::max<std::int64_t>(0, *total_count - from.first)};
      };
      if (ba && !bb && !withdrawn.count(key(b)))
        bb = mirror(*ba);
      else if (bb && !ba && !withdrawn.count(key(a)))
        ba = mirror(*bb);
    }
  }

  // ------------------------------------------------------------------ the intruder's audit
  // Round and perturb: every count is published changed, and the intruder knows the interval
  // the rule leaves it (the bands below stand for those intervals).
  bool intervals_stated = false;

  // The band a hidden count is published with, if any.
  std::optional<std::pair<std::int64_t, std::int64_t>> written_band(const CellRef& r) const {
    const auto& b = band[at(r)];
    if (b && intervals_stated) return b;  // round, perturb: every count's interval
    if (!b || b->first >= b->second ||
        t(r.table).column(band_of(t(r.table).columns[r.column].name)) < 0)
      return std::nullopt;
    return b;
  }

  static std::uint64_t key(const CellRef& r) {
    return (std::uint64_t(r.table) << 48) | (std::uint64_t(r.row) << 16) | std::uint64_t(r.column);
  }

  std::unordered_set<std::uint64_t> withdrawn;  // bands the audit took back: never written

  // Totals whose parts also make a total published elsewhere (an equity table's "all areas"
  // row is the layer's total): hiding one would hide nothing.
  std::unordered_set<std::uint64_t> known_elsewhere;
  // Per count (by key), the counts an order puts below it (-1) or above it (+1): sustained <=
  // seen. One sorted array: a map of a vector per count took 120 bytes a count, 220 MB for the
  // 1.8 million counts of the national carers' orders.
  struct OrderedWith {
    std::uint64_t key;
    CellRef other;
    int side;
  };
  std::vector<OrderedWith> ordered_with;
  void index_ordered_with() {
    ordered_with.clear();
    ordered_with.reserve(2 * orders.size());
    for (const auto& [a, b] : orders) {
      ordered_with.push_back({key(a), b, +1});
      ordered_with.push_back({key(b), a, -1});
    }
    std::stable_sort(ordered_with.begin(), ordered_with.end(),
                     [](const OrderedWith& x, const OrderedWith& y) { return x.key < y.key; });
  }

  // Every relation and order as rows over the hidden counts (the unknowns), with the bounds
  // and thresholds of audit.hpp. A row's key is the link it is written from (a relation, then
  // an order), the same from one round to the next.
  // `relations` as given to index_links. `var`: every cell's unknown, -1 where none, on the
  // way in and out (a round's cells are set and put back). With `near` (cell numbers, sorted),
  // the counts there that could be hidden are the unknowns, published or not, the rest held at
  // their values, and only their links are written (release_stubborn's LP).
  AuditProblem audit_problem_of(const std::vector<Relation>& relations, std::vector<CellRef>& cells,
                                std::vector<std::int32_t>& var,
                                const std::vector<std::uint32_t>* near = nullptr);
  // The cells around `cell` through the links, nearest first: the short links (an area's row,
  // its reach area) only while `short_only`, at most `most` cells; sorted.
  std::vector<std::uint32_t> cells_near(std::size_t cell, std::size_t most, bool short_only);
  // Hides, for each count of `stubborn` (cells), the cheapest published counts whose moving
  // lets it leave its protection interval (audit_release.hpp); the counts no such solution
  // frees. Not under stated intervals (round, perturb), where nothing is published to hide.
  std::vector<CellRef> release_stubborn(const std::vector<Relation>& relations,
                                        const std::vector<CellRef>& stubborn);
  // The last problem's unknowns (cell number, value) in order: most are the next one's too,
  // and their cells (each a variant in a row of its own) are not read again. A Protector's
  // tables keep their values until it has decided.
  std::vector<std::pair<std::size_t, double>> unknown_values;

  // Audits the hidden counts under every relation and order at once, and hides more cells
  // until none is pinned or narrowed. `relations` as given to index_links.
  AuditSummary audit(const std::vector<Relation>& relations);

  // Round and perturb: every count is published changed, and an intruder who knows the rule
  // can say which true counts give each published one (`interval`: those that round to it,
  // those the perturbation table can move to it). The audit asks of each count what it asks of
  // a hidden one (a count of 1 to min_count-1 must still be able to be 0 or min_count, any
  // other must not be pinned), under every relation at once; derived counts, made from the
  // published ones, are unknowns with no interval. A count that fails gets the interval of one
  // beside it that holds it in withdrawn: that count is published blank (blank_withdrawn), and
  // the audit runs again. Layer totals published elsewhere are rounded or perturbed there too,
  // so they are not exact sums here. Before the rule is applied (the cells hold the truth).
  AuditSummary audit_published(
      std::vector<Relation> relations,
      const std::function<std::pair<std::int64_t, std::int64_t>(const CellRef&, std::int64_t)>&
          interval);

  void blank_withdrawn(std::size_t ti) {
    blank_counts(t(ti), [&](std::size_t r, std::size_t c) {
      return withdrawn.count(key({ti, r, c})) > 0;
    });
  }

  // A seen count hidden to protect another is given the range every published figure together
  // already leaves it (an intruder's range: publishing it tells nothing more), so that its
  // area stays in the public analysis at its band's middle. None where the range is unbounded
  // or its part of the system too large (audit.hpp).
  void implied_bands(const std::vector<Relation>& relations);

  bool hidden_key(std::uint64_t k) const {
    return hidden[at({k >> 48, (k >> 16) & 0xffffffffu, k & 0xffffu})] != kShown;
  }

  // What hiding a published count costs the public: its value (tau-Argus's cost), but an
  // area's seen count its under-5 population: hiding it leaves the area out of the public
  // analysis, and by its value alone the least reached areas, the ones outreach needs, would
  // go first.
  double hide_cost(const CellRef& c, double value) const {
    const Table& tb = t(c.table);
    if (tb.columns[c.column].name != name_of(Col::kSeenChildren)) return value;
    const int pop = tb.column(Col::kUnder5Population);
    const auto n = pop >= 0 ? cell_number(tb.rows[c.row][std::size_t(pop)]) : std::nullopt;
    return std::max(value, n.value_or(value));
  }

  // How much room hiding a published count gives the system: 2 when the published counts
  // ordered with it leave it free both ways (registered 12 beside seen 9), 1 one way only
  // (registered 9 beside seen 9 can only go up: hidden, it frees nothing that is held at
  // its lowest), 0 none.
  int room(const CellRef& c, double v) {
    bool down = v > 0, up = true;
    const auto [first, last] =
        std::equal_range(ordered_with.begin(), ordered_with.end(), OrderedWith{key(c), {}, 0},
                         [](const OrderedWith& x, const OrderedWith& y) { return x.key < y.key; });
    for (auto it = first; it != last; ++it) {
      const auto& [k, other, side] = *it;
      if (hid(other)) continue;
      const auto w = cell_number(cell(other));
      if (!w) continue;
      if (side < 0 && *w >= v) down = false;
      if (side > 0 && *w <= v) up = false;
    }
    return int(down) + int(up);
  }

  // A centre's reach-area counts (registered, seen, sustained) are its page's first figures:
  // hidden only when no other count in the links can be.
  bool precious(const CellRef& c) const {
    const std::string& name = t(c.table).columns[c.column].name;
    return name == name_of(Col::kReachAreaSeen) || name == name_of(Col::kReachAreaRegistered) ||
           name == name_of(Col::kReachAreaSustained);
  }

  // Hides the cheapest published count in the links `ls` (hide_cost) among those that give
  // the most room (room()), a non-zero one before a zero, a precious one last while
  // `spare_precious`. The cell hidden, or nullopt when there is none.
  std::optional<CellRef> hide_cheapest(const Links& links, const std::vector<std::size_t>& ls,
                                       bool spare_precious = false) {
    std::optional<CellRef> best;
    std::tuple<bool, int, bool, double> best_rank{};
    for (std::size_t l : ls)
      links.each_cell(l, [&](const CellRef& c) {
        if (hid(c) || !is_count_kind(kind(c)) || known_elsewhere.count(key(c)) || clipped_zero(c))
          return;
        const auto v = cell_number(cell(c));
        if (!v) return;
        const std::tuple<bool, int, bool, double> rank{spare_precious && precious(c), -room(c, *v),
                                                       *v <= 0, hide_cost(c, *v)};
        if (!best || rank < best_rank) best = c, best_rank = rank;
      });
    if (best) hid(*best) = kSecondary;
    return best;
  }

  std::optional<CellRef> hide_sibling(const CellRef& of) {
    std::optional<CellRef> best;
    double best_value = 0;
    for (std::size_t r = 0; r < t(of.table).rows.size(); ++r) {
      const CellRef c{of.table, r, of.column};
      if (hid(c) || known_elsewhere.count(key(c))) continue;
      const auto v = cell_number(cell(c));
      if (!v || *v <= 0) continue;
      if (!best || *v < best_value) best = c, best_value = *v;
    }
    if (best) hid(*best) = kSecondary;
    return best;
  }

  std::size_t count_hidden() const {
    return hidden.size() - std::size_t(std::count(hidden.begin(), hidden.end(), kShown));
  }
};

}  // namespace reachmap::detail
