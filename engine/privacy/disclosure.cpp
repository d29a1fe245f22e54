#include "engine/privacy/disclosure.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "engine/privacy/audit.hpp"
#include "engine/privacy/perturbation.hpp"
#include "engine/privacy/published_tables.hpp"
#include "engine/privacy/relations.hpp"

namespace reachmap {

namespace {

constexpr std::size_t kMaxAuditRounds = 40;

std::optional<std::int64_t> whole(const Cell& c) {
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
  const int threads;                                   // the audit's LPs
  std::vector<std::vector<std::vector<char>>> hidden;  // [table][row][column]
  // Bands of hidden counts, where one is known: [table][row][column] -> (lo, hi).
  std::vector<std::vector<std::vector<std::optional<std::pair<std::int64_t, std::int64_t>>>>> band;

  Table& t(std::size_t i) const { return *tables[i].table; }
  const Cell& cell(const CellRef& r) const { return t(r.table).rows[r.row][r.column]; }
  char& hid(const CellRef& r) { return hidden[r.table][r.row][r.column]; }
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
    if (hidden[r.table][r.row][std::size_t(src)]) return false;  // then it bounds seen
    const auto seen = cell_number(tb.rows[r.row][std::size_t(src)]);
    const auto n = cell_number(tb.rows[r.row][std::size_t(pop)]);
    return seen && n && *seen > *n + 0.5;
  }

  Protector(const std::vector<TableToProtect>& ts, const PrivacyRule& r, int th)
      : tables(ts), rule(r), threads(th) {
    for (const auto& tp : tables) {
      hidden.emplace_back(tp.table->rows.size(), std::vector<char>(tp.table->columns.size(), 0));
      band.emplace_back(tp.table->rows.size(),
                        std::vector<std::optional<std::pair<std::int64_t, std::int64_t>>>(
                            tp.table->columns.size()));
    }
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
            hidden[ti][r][c] = kPrimary;
            // 0 to k-1, not 1 to k-1: the range a small count is published with must hold 0.
            band[ti][r][c] = std::pair<std::int64_t, std::int64_t>{0, k - 1};
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

  void secondary(const std::vector<Relation>& relations) {
    for (bool changed = true; changed;) {
      changed = false;
      for (const Relation& rel : relations) {
        if (rel.total && !cell_number(cell(*rel.total))) continue;  // no total to subtract from
        const bool total_known = !rel.total || !hid(*rel.total);
        std::size_t unknown = 0;
        const CellRef* single = nullptr;
        for (const auto& p : rel.parts)
          if (hid(p) || !cell_number(cell(p))) ++unknown, single = &p;
        if (total_known && unknown == 1 && hid(*single))
          changed |= hide_complement(rel, single);
        else if (!total_known && unknown == 0 && !rel.parts.empty())
          changed |= hide_complement(Relation{std::nullopt, rel.parts}, nullptr);
      }
    }
    // A hidden pair under a published total (population = seen + unreached): each one's band
    // follows from the other's.
    for (const Relation& rel : relations) {
      if (!rel.total || hid(*rel.total) || rel.parts.size() != 2) continue;
      const auto total = whole(cell(*rel.total));
      const CellRef &a = rel.parts[0], &b = rel.parts[1];
      if (!total || !hid(a) || !hid(b)) continue;
      auto& ba = band[a.table][a.row][a.column];
      auto& bb = band[b.table][b.row][b.column];
      const auto mirror = [&](const std::pair<std::int64_t, std::int64_t>& from) {
        return std::pair<std::int64_t, std::int64_t>{
            std::max<std::int64_t>(0, *total - from.second),
            std::max<std::int64_t>(0, *total - from.first)};
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
    const auto& b = band[r.table][r.row][r.column];
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
  // Per count, the counts an order puts below it (-1) or above it (+1): sustained <= seen.
  std::unordered_map<std::uint64_t, std::vector<std::pair<CellRef, int>>> ordered_with;

  // Every relation and order as rows over the hidden counts (the unknowns), with the bounds
  // and thresholds of audit.hpp. A row's key is the link it is written from (a relation, then
  // an order), the same from one round to the next.
  AuditProblem audit_problem_of(const std::vector<Relation>& relations,
                                const std::vector<std::pair<CellRef, CellRef>>& orders,
                                std::vector<CellRef>& cells) const {
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const double k = double(rule.min_count);
    AuditProblem p;
    // Each cell's unknown (-1: published), in one array by table, row and column: a relation's
    // terms are looked up a million times a round nationally.
    std::vector<std::size_t> first(tables.size() + 1, 0);
    for (std::size_t ti = 0; ti < tables.size(); ++ti)
      first[ti + 1] = first[ti] + t(ti).rows.size() * t(ti).columns.size();
    std::vector<std::int32_t> var(first.back(), -1);
    const auto var_of = [&](const CellRef& r) -> std::int32_t& {
      return var[first[r.table] + r.row * t(r.table).columns.size() + r.column];
    };
    for (std::size_t ti = 0; ti < tables.size(); ++ti)
      for (std::size_t r = 0; r < t(ti).rows.size(); ++r)
        for (std::size_t c = 0; c < t(ti).columns.size(); ++c) {
          const CellRef ref{ti, r, c};
          if (!hidden[ti][r][c] || !is_count_kind(kind(ref))) continue;
          const auto v = cell_number(cell(ref));
          if (!v) continue;
          var_of(ref) = std::int32_t(cells.size());
          cells.push_back(ref);
          p.var_keys.push_back(key(ref));
          double lo = 0, hi = kInf;
          if (const auto b = written_band(ref)) lo = double(b->first), hi = double(b->second);
          p.lo.push_back(std::min(lo, *v));  // the truth is a solution whatever happens
          p.hi.push_back(std::max(hi, *v));
          p.truth.push_back(*v);
          // A small count of children (unreached too) must be able to be 0 or k+; any other
          // hidden count must not be pinned.
          const bool small = hidden[ti][r][c] == kPrimary;
          p.down.push_back(small ? 0.0 : *v - 1);
          p.up.push_back(small ? k : *v + 1);
        }
    // A relation's parts minus its total is what the true counts make it: 0 for counts, within
    // a half for a population (unreached is rounded, and never negative); a total published
    // elsewhere is the true sum.
    std::size_t link = 0;  // the link (relation, then order) the row is written from
    const auto add_row = [&](std::span<const std::pair<CellRef, double>> terms, double lo,
                             double hi) {
      AuditRow row;
      for (const auto& [ref, coef] : terms) {
        if (const std::int32_t v = var_of(ref); v >= 0)
          row.terms.emplace_back(std::size_t(v), coef);
        else if (const auto v = cell_number(cell(ref)))
          lo -= coef * *v, hi -= coef * *v;
      }
      if (row.terms.empty()) return;
      std::sort(row.terms.begin(), row.terms.end());
      row.lo = lo, row.hi = hi;
      p.rows.push_back(std::move(row));
      p.row_keys.push_back(link);
    };
    // A link over published counts alone writes no row: most of them, nationally.
    const auto hidden_in = [&](const Relation& rel) {
      return (rel.total && var_of(*rel.total) >= 0) ||
             std::any_of(rel.parts.begin(), rel.parts.end(),
                         [&](const CellRef& c) { return var_of(c) >= 0; });
    };
    std::vector<std::pair<CellRef, double>> terms;
    for (const Relation& rel : relations) {
      if (!hidden_in(rel)) continue;
      link = std::size_t(&rel - relations.data());
      terms.clear();
      double truth = 0;
      for (const auto& part : rel.parts) {
        terms.emplace_back(part, 1.0);
        truth += cell_number(cell(part)).value_or(0);
      }
      if (!rel.total) {
        add_row(terms, truth, truth);
        continue;
      }
      const auto total = cell_number(cell(*rel.total));
      if (!total) continue;
      terms.emplace_back(*rel.total, -1.0);
      const double d = truth - *total;
      if (is_count_kind(kind(*rel.total)))
        add_row(terms, d, d);
      else
        add_row(terms, std::min(d, -0.5), d <= 0.5 ? 0.5 : kInf);
    }
    for (std::size_t o = 0; o < orders.size(); ++o) {
      const auto& [below, above] = orders[o];
      if (var_of(below) < 0 && var_of(above) < 0) continue;
      link = relations.size() + o;
      const std::array<std::pair<CellRef, double>, 2> order{{{below, 1.0}, {above, -1.0}}};
      add_row(order, -kInf, 0);
    }
    return p;
  }

  // Audits the hidden counts under every relation and order at once, and hides more cells
  // until none is pinned or narrowed.
  AuditSummary audit(const std::vector<Relation>& relations) {
    const auto start = std::chrono::steady_clock::now();
    AuditSummary s;
    s.ran = true;
    const auto orders = column_orders(tables);
    const Links links{relations, orders};
    ordered_with.reserve(2 * orders.size());
    for (const auto& [a, b] : orders) {
      ordered_with[key(a)].emplace_back(b, +1);
      ordered_with[key(b)].emplace_back(a, -1);
    }
    {
      std::set<std::vector<std::uint64_t>> elsewhere;
      const auto parts_of = [](const Relation& rel) {
        std::vector<std::uint64_t> out;
        for (const auto& p : rel.parts) out.push_back(key(p));
        std::sort(out.begin(), out.end());
        return out;
      };
      for (const Relation& rel : relations)
        if (!rel.total) elsewhere.insert(parts_of(rel));
      for (const Relation& rel : relations)
        if (rel.total && elsewhere.count(parts_of(rel))) known_elsewhere.insert(key(*rel.total));
    }
    std::unordered_map<std::uint64_t, AuditVerdict> verdict;  // the last verdict of each cell
    AuditBasis basis;  // where large parts' LPs ended last round
    const auto before = count_hidden();
    for (;;) {
      ++s.rounds;
      std::vector<CellRef> cells;
      AuditProblem p = audit_problem_of(relations, orders, cells);
      p.dirty.resize(cells.size());
      p.protected_before.resize(cells.size());
      for (std::size_t v = 0; v < cells.size(); ++v) {
        const auto it = verdict.find(key(cells[v]));
        p.dirty[v] = it == verdict.end();
        p.protected_before[v] = it != verdict.end() && it->second.protected_;
      }
      AuditWork work;
      const auto verdicts = audit_problem(p, &work, threads, &basis);
      s.parts += work.parts, s.lps += work.lps, s.lp_failures += work.failures;
      s.cells_audited = cells.size();
      std::vector<std::size_t> unsafe;
      for (std::size_t v = 0; v < cells.size(); ++v) {
        if (verdicts[v].audited && !p.protected_before[v]) verdict[key(cells[v])] = verdicts[v];
        const auto it = verdict.find(key(cells[v]));
        if (it == verdict.end() || !it->second.protected_) unsafe.push_back(v);
      }
      // What holds each unsafe count in (the duals of its LPs), as links; then, per count, the
      // cheapest remedy: a derived count's band withdrawn (unreached 0-4 beside a hidden seen
      // under a population of 6), else the cheapest published count in those links hidden
      // (tau-Argus's cost: the cell's value; a zero last), else the other bands withdrawn, else
      // the smallest count of its column, else its own band if a partner's mirror. A count whose
      // links changed this round waits for the next audit. Only the count's own verdict is
      // dropped: the system only loosens, so every count shown protected stays so.
      std::vector<char> touched(links.size(), 0);
      std::size_t changed = 0;
      for (std::size_t v : unsafe) {
        const auto it = verdict.find(key(cells[v]));
        if (it == verdict.end()) continue;
        const AuditVerdict vd = it->second;
        std::vector<std::size_t> held;
        for (std::size_t r : vd.binding_rows) held.push_back(p.row_keys[r]);
        std::sort(held.begin(), held.end());
        held.erase(std::unique(held.begin(), held.end()), held.end());
        if (std::any_of(held.begin(), held.end(), [&](std::size_t l) { return touched[l]; }))
          continue;
        const auto done = [&](const std::vector<std::size_t>& ls) {
          ++changed;
          for (std::size_t l : ls) touched[l] = 1;
          verdict.erase(key(cells[v]));
        };
        const auto withdraw = [&](bool derived_only, bool own_mirror) {
          bool any = false;
          for (std::size_t b : vd.binding_bounds) {
            const CellRef& c = cells[b];
            // A small count's own band (0-4) never pins it; one mirrored from a partner can (1-4).
            const bool own_small = b == v && hid(c) == kPrimary &&
                                   !(own_mirror && written_band(c) && written_band(c)->first > 0);
            if (own_small || !written_band(c) ||
                (derived_only && kind(c) != ColumnKind::kDerivedCount))
              continue;
            band[c.table][c.row][c.column].reset();
            withdrawn.insert(key(c));
            verdict.erase(key(c));
            ++s.bands_withdrawn;
            any = true;
          }
          return any;
        };
        if (withdraw(true, false) || hide_cheapest(links, held) || withdraw(false, false)) {
          done(held);
        } else if (const auto sibling = hide_sibling(cells[v])) {
          done(held);
          verdict.erase(key(*sibling));
        } else if (withdraw(false, true)) {
          done(held);
        }
      }
      // Bounded, so that a national set finishes: what is left unsafe is counted in the
      // manifest (want: 0), never hidden from the reader.
      if (changed == 0 || s.rounds >= kMaxAuditRounds) {
        s.cells_left_unsafe = unsafe.size();
        break;
      }
      secondary(relations);  // what the new cells leave alone in a sum
    }
    if (!intervals_stated) implied_bands(relations, orders);
    s.cells_added = count_hidden() - before;
    for (const auto& [k, vd] : verdict) {
      if (!hidden_key(k)) continue;
      const auto values =
          std::size_t(std::floor(vd.seen_hi + 1e-6) - std::ceil(vd.seen_lo - 1e-6) + 1);
      s.narrowest_range = s.narrowest_range ? std::min(s.narrowest_range, values) : values;
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return s;
  }

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
          interval) {
    add_column_relations(relations);
    std::erase_if(relations, [](const Relation& rel) { return !rel.total; });
    const std::int64_t k = rule.min_count;
    for (std::size_t ti = 0; ti < tables.size(); ++ti)
      for (std::size_t r = 0; r < t(ti).rows.size(); ++r)
        for (std::size_t c = 0; c < t(ti).columns.size(); ++c) {
          const CellRef ref{ti, r, c};
          const auto v = whole(cell(ref));
          if (!is_count_kind(kind(ref)) || !v) continue;
          hid(ref) = *v >= 1 && *v < k ? kPrimary : kSecondary;
          // A derived count (unreached) is made from the published ones: no interval of its
          // own, but the population and seen's interval bound it, and a small one must still
          // be able to be 0 or min_count (population 8.1 less seen 3 to 7 leaves 1 to 5).
          if (kind(ref) != ColumnKind::kDerivedCount) band[ti][r][c] = interval(ref, *v);
        }
    intervals_stated = true;
    AuditSummary s = audit(relations);
    intervals_stated = false;
    s.cells_added = withdrawn.size();  // published blank
    s.cells_audited = 0;
    for (std::size_t ti = 0; ti < tables.size(); ++ti)
      for (std::size_t r = 0; r < t(ti).rows.size(); ++r)
        for (std::size_t c = 0; c < t(ti).columns.size(); ++c) {
          s.cells_audited += hidden[ti][r][c] != kShown;
          hidden[ti][r][c] = kShown, band[ti][r][c].reset();
        }
    return s;
  }

  void blank_withdrawn(std::size_t ti) {
    blank_counts(t(ti), [&](std::size_t r, std::size_t c) {
      return withdrawn.count(key({ti, r, c})) > 0;
    });
  }

  // A seen count hidden to protect another is given the range every published figure together
  // already leaves it (an intruder's range: publishing it tells nothing more), so that its
  // area stays in the public analysis at its band's middle. None where the range is unbounded
  // or its part of the system too large (audit.hpp).
  void implied_bands(const std::vector<Relation>& relations,
                     const std::vector<std::pair<CellRef, CellRef>>& orders) {
    std::vector<CellRef> cells;
    const AuditProblem p = audit_problem_of(relations, orders, cells);
    std::vector<char> want(cells.size(), 0);
    for (std::size_t v = 0; v < cells.size(); ++v) {
      const CellRef& c = cells[v];
      want[v] = hid(c) == kSecondary && !withdrawn.count(key(c)) &&
                t(c.table).columns[c.column].name == name_of(Col::kSeenChildren) &&
                t(c.table).column(band_of(Col::kSeenChildren)) >= 0;
    }
    const auto ranges = exact_ranges(p, want, threads);
    for (std::size_t v = 0; v < cells.size(); ++v)
      if (ranges[v] && ranges[v]->first < ranges[v]->second)
        band[cells[v].table][cells[v].row][cells[v].column] = std::pair<std::int64_t, std::int64_t>{
            std::int64_t(ranges[v]->first), std::int64_t(ranges[v]->second)};
  }

  bool hidden_key(std::uint64_t k) const {
    return hidden[k >> 48][(k >> 16) & 0xffffffffu][k & 0xffffu] != kShown;
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
    if (const auto it = ordered_with.find(key(c)); it != ordered_with.end())
      for (const auto& [other, side] : it->second) {
        if (hid(other)) continue;
        const auto w = cell_number(cell(other));
        if (!w) continue;
        if (side < 0 && *w >= v) down = false;
        if (side > 0 && *w <= v) up = false;
      }
    return int(down) + int(up);
  }

  // Hides the cheapest published count in the links `ls` (hide_cost) among those that give
  // the most room (room()), a non-zero one before a zero. The cell hidden, or nullopt when
  // there is none.
  std::optional<CellRef> hide_cheapest(const Links& links, const std::vector<std::size_t>& ls) {
    std::optional<CellRef> best;
    std::tuple<int, bool, double> best_rank{};
    for (std::size_t l : ls)
      links.each_cell(l, [&](const CellRef& c) {
        if (hid(c) || !is_count_kind(kind(c)) || known_elsewhere.count(key(c)) || clipped_zero(c))
          return;
        const auto v = cell_number(cell(c));
        if (!v) return;
        const std::tuple<int, bool, double> rank{-room(c, *v), *v <= 0, hide_cost(c, *v)};
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
    std::size_t n = 0;
    for (const auto& tb : hidden)
      for (const auto& row : tb)
        for (char h : row) n += h != kShown;
    return n;
  }
};

}  // namespace

std::vector<DisclosureSummary> protect_tables(const std::vector<TableToProtect>& tables,
                                              std::vector<Relation> relations,
                                              const PrivacyRule& rule, AuditSummary* audit,
                                              int threads) {
  std::vector<DisclosureSummary> out(tables.size());
  Protector p(tables, rule, threads);
  if (rule.active()) {
    if (rule.rule == DisclosureRule::kRound) {
      const std::int64_t base = rule.base;
      const AuditSummary a = p.audit_published(
          relations, [base](const CellRef&, std::int64_t v) { return rounding_interval(v, base); });
      if (audit) *audit = a;
      for (std::size_t i = 0; i < tables.size(); ++i) {
        out[i] = apply_rounding(*tables[i].table, base);
        p.blank_withdrawn(i);
      }
    } else if (rule.rule == DisclosureRule::kPerturb) {
      const PerturbationTable ptable(rule);
      const AuditSummary a = p.audit_published(relations, [&](const CellRef& c, std::int64_t v) {
        // The counts the table can move to what v is moved to by its key.
        const Table& tb = *tables[c.table].table;
        const auto keys = tb.cell_keys.find(tb.columns[c.column].name);
        if (keys == tb.cell_keys.end() || c.row >= keys->second.size())
          return std::pair{v, v};  // apply_perturbation says what is wrong
        const std::int64_t pub = ptable.perturbed(v, keys->second[c.row]);
        const int d = ptable.max_perturbation();
        std::int64_t lo = v, hi = v;
        for (std::int64_t n = std::max<std::int64_t>(0, pub - d); n <= pub + d; ++n)
          if (pub - n >= -d && pub - n <= d && ptable.slots(n)[std::size_t(pub - n + d)] > 0)
            lo = std::min(lo, n), hi = std::max(hi, n);
        return std::pair{lo, hi};
      });
      if (audit) *audit = a;
      for (std::size_t i = 0; i < tables.size(); ++i) {
        out[i] = apply_perturbation(*tables[i].table, ptable);
        p.blank_withdrawn(i);
      }
    } else {
      p.add_column_relations(relations);
      p.primary();
      p.secondary(relations);
      const AuditSummary a = p.audit(relations);
      if (audit) *audit = a;
      for (std::size_t i = 0; i < tables.size(); ++i)
        out[i] = write_suppression(tables[i], p.hidden[i], p.band[i]);
    }
  }
  for (const auto& tp : tables) round_published_decimals(*tp.table);
  return out;
}

DisclosureSummary protect_table(Table& table, const PrivacyRule& rule) {
  return protect_tables({TableToProtect{&table, nullptr}}, {}, rule).front();
}

}  // namespace reachmap
