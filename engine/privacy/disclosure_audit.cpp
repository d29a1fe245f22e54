// The intruder's audit of a set of protected tables, in rounds: every relation and order written
// down at once as a linear system over the hidden counts (audit.hpp solves it), and one more
// cell hidden beside each count it finds pinned or narrowed, until none is.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <set>
#include <span>

#include "engine/privacy/protector.hpp"

namespace reachmap::detail {

namespace {
constexpr std::size_t kMaxAuditRounds = 40;
}  // namespace

AuditProblem Protector::audit_problem_of(const std::vector<Relation>& relations,
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

AuditSummary Protector::audit(const std::vector<Relation>& relations) {
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

AuditSummary Protector::audit_published(
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

void Protector::implied_bands(const std::vector<Relation>& relations,
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

}  // namespace reachmap::detail
