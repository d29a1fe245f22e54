// The intruder's audit of a set of protected tables, in rounds: every relation and order written
// down at once as a linear system over the hidden counts (audit.hpp solves it), and one more
// cell hidden beside each count it finds pinned or narrowed, until none is.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <set>
#include <span>
#include <unordered_set>

#include "engine/privacy/audit_release.hpp"
#include "engine/privacy/protector.hpp"

namespace reachmap::detail {

namespace {
constexpr std::size_t kMaxAuditRounds = 40;
// Rounds of the usual remedies (the cheapest count in any link holding a count in), after
// which a count still held in after kRemediesBeforeOthers of them is remedied in its links one
// at a time, the shortest first: hiding the cheapest count of a long link (a layer's sustained
// children) again and again while a short one (a decile's three areas) holds the count in
// never frees it. A set the usual remedies make safe is protected as before. A count held in
// by more than kWideHold links gets them from the start: the cheapest count of hundreds of
// links is seldom in the few that hold it (nationally, the last rounds were four small
// unreached counts held in by some 360 links through the Welsh areas' rows: 21 rounds and 942
// counts hidden when they waited for round 13 and three remedies, 18 and 932 now). For every
// count, or from 64 links, it hid more of Birmingham's and Cardiff's areas; at 256 the
// examples have no such count.
constexpr std::size_t kPatientRounds = 20, kRemediesBeforeOthers = 3;
constexpr std::size_t kWideHold = 256;
// When the usual remedies run out (a round changes nothing, or kMaxAuditRounds) with counts
// still unsafe, up to kReleaseRounds more rounds give each the remedy that looks ahead
// (release_stubborn), which frees it for good. Only then: a set the usual remedies make safe
// is protected as before (tried from the first round, it hid 1,784 counts of the national set
// where they hide 919).
constexpr std::size_t kReleaseRounds = 10;
constexpr double kZeroCost = 1e5;  // more than a count of a city's areas costs
// The remedy's LP: the cells around the count first, through links of at most kShortLink
// cells (a layer's total runs through every area).
constexpr std::size_t kNearCells = 400, kShortLink = 64;
}  // namespace

std::vector<std::uint32_t> Protector::cells_near(std::size_t cell, std::size_t most,
                                                 bool short_only) {
  std::unordered_set<std::uint32_t> in{std::uint32_t(cell)};
  std::vector<std::uint32_t> order{std::uint32_t(cell)};
  std::unordered_set<std::uint32_t> seen_links;
  for (std::size_t next = 0; next < order.size() && order.size() < most; ++next)
    for (const std::uint32_t l : links->links_of(order[next])) {
      if (!seen_links.insert(l).second) continue;
      std::size_t n = 0;
      links->each_at(l, [&](std::uint32_t) { ++n; });
      if (short_only && n > kShortLink) continue;
      links->each_at(l, [&](std::uint32_t c) {
        if (order.size() < most && in.insert(c).second) order.push_back(c);
      });
    }
  std::sort(order.begin(), order.end());
  return order;
}

std::vector<CellRef> Protector::release_stubborn(const std::vector<Relation>& relations,
                                                 const std::vector<CellRef>& stubborn) {
  links->index_cells();
  std::vector<CellRef> left;
  std::vector<std::int32_t> var(at.size(), -1);
  for (const CellRef& c : stubborn) {
    std::optional<std::vector<std::size_t>> best;
    std::vector<CellRef> cells;
    // Near it first, through the short links; then further, through every link.
    for (const auto& [most, short_only] :
         {std::pair{kNearCells, true}, {4 * kNearCells, false}, {50 * kNearCells, false}}) {
      const auto near = cells_near(at(c), most, short_only);
      cells.clear();
      const AuditProblem p = audit_problem_of(relations, cells, var, &near);
      std::vector<double> cost(cells.size(), 0.0);
      std::optional<std::size_t> target;
      for (std::size_t v = 0; v < cells.size(); ++v) {
        if (cells[v] == c) target = v;
        // As hide_cheapest ranks them: a zero last (hidden, it says little, and it moves only
        // up), a precious count (a centre page's) at ten times its value.
        if (!hid(cells[v]))
          cost[v] = p.truth[v] <= 0
                        ? kZeroCost
                        : (1 + hide_cost(cells[v], p.truth[v])) * (precious(cells[v]) ? 10 : 1);
      }
      if (!target) break;
      const ReleaseLp lp(p, std::move(cost));
      double best_cost = 0;
      for (const int direction : {-1, 1}) {
        auto moved = lp.cheapest(*target, direction);
        if (!moved) continue;
        double total = 0;
        for (std::size_t u : *moved) total += lp.cost(u);
        if (!best || total < best_cost) best = std::move(moved), best_cost = total;
      }
      if (best) break;
    }
    if (!best) {
      left.push_back(c);
      continue;
    }
    for (std::size_t u : *best) hid(cells[u]) = kSecondary;
  }
  return left;
}

AuditProblem Protector::audit_problem_of(const std::vector<Relation>& relations,
                                         std::vector<CellRef>& cells,
                                         std::vector<std::int32_t>& var,
                                         const std::vector<std::uint32_t>* near) {
  const bool every_count = near != nullptr;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const double k = double(rule.min_count);
  const LinkCells& ls = *links;
  AuditProblem p;
  const std::size_t first_cell = cells.size();
  std::vector<std::pair<std::size_t, double>> values;
  auto last = unknown_values.cbegin();
  const auto consider = [&](const CellRef& ref) {
    const std::size_t n = at(ref);
    if (!is_count_kind(kind(ref))) return;
    if (every_count) {
      // A published count that may move: not a total known elsewhere, nor an unreached 0
      // (max(0, population - seen), rounded, holds it at 0 further than the LP's rows say:
      // with this remedy from the first round, Birmingham's intruder recovered such zeros).
      if (!hidden[n] &&
          (known_elsewhere.count(key(ref)) ||
           (kind(ref) == ColumnKind::kDerivedCount && cell_number(cell(ref)).value_or(1) == 0)))
        return;
    } else if (!hidden[n]) {
      return;
    }
    while (!every_count && last != unknown_values.cend() && last->first < n) ++last;
    const auto v = !every_count && last != unknown_values.cend() && last->first == n
                       ? std::optional<double>(last->second)
                       : cell_number(cell(ref));
    if (!v) return;
    if (!every_count) values.emplace_back(n, *v);
    var[n] = std::int32_t(cells.size() - first_cell);
    cells.push_back(ref);
    p.var_keys.push_back(key(ref));
    double lo = 0, hi = kInf;
    if (const auto b = written_band(ref)) lo = double(b->first), hi = double(b->second);
    p.lo.push_back(std::min(lo, *v));  // the truth is a solution whatever happens
    p.hi.push_back(std::max(hi, *v));
    p.truth.push_back(*v);
    // A small count of children (unreached too) must be able to be 0 or k+; any other
    // hidden count must not be pinned.
    const bool small = hidden[n] == kPrimary;
    p.down.push_back(small ? 0.0 : *v - 1);
    p.up.push_back(small ? k : *v + 1);
  };
  if (near) {
    for (const std::uint32_t n : *near) consider(links->cell_ref(n));
  } else {
    for (std::size_t ti = 0; ti < tables.size(); ++ti)
      for (std::size_t r = 0; r < t(ti).rows.size(); ++r)
        for (std::size_t c = 0; c < t(ti).columns.size(); ++c) consider({ti, r, c});
  }
  // A cell's unknown: hidden first, the smaller array, since most cells a link names are not.
  const auto var_of = [&](const LinkCells::Cell& c) {
    return hidden[c.at] || every_count ? var[c.at] : std::int32_t{-1};
  };
  // A relation's parts minus its total is what the true counts make it: 0 for counts, within
  // a half for a population (unreached is rounded, and never negative); a total published
  // elsewhere is the true sum.
  std::size_t link = 0;  // the link (relation, then order) the row is written from
  const auto add_row = [&](std::span<const std::pair<const LinkCells::Cell*, double>> terms,
                           double lo, double hi, bool drop_when_implied = false) {
    AuditRow row;
    for (const auto& [c, coef] : terms) {
      if (const std::int32_t v = var_of(*c); v >= 0)
        row.terms.emplace_back(std::size_t(v), coef);
      else if (c->value)
        lo -= coef * *c->value, hi -= coef * *c->value;
    }
    if (row.terms.empty()) return;
    // A bound the unknowns' own bounds already keep (a centre's children seen, 440, against the
    // 6,000 its weeks' published children add up to): it tells the intruder nothing, and
    // written it would tie every hidden week of a centre into one part with the centres' table.
    if (drop_when_implied && !std::isfinite(hi)) {
      double least = 0;
      for (const auto& [v, coef] : row.terms) least += coef > 0 ? coef * p.lo[v] : coef * p.hi[v];
      if (least >= lo) return;
    }
    std::sort(row.terms.begin(), row.terms.end());
    row.lo = lo, row.hi = hi;
    p.rows.push_back(std::move(row));
    p.row_keys.push_back(link);
  };
  std::vector<std::pair<const LinkCells::Cell*, double>> terms;
  const auto write_relation = [&](std::size_t i) {
    const LinkCells::Cell& total = ls.totals[i];
    const auto parts = ls.parts(i);
    const bool has_total = total.at != LinkCells::kNone;
    // A link over published counts alone writes no row: most of them, nationally.
    if (!(has_total && var_of(total) >= 0) &&
        std::none_of(parts.begin(), parts.end(),
                     [&](const LinkCells::Cell& c) { return var_of(c) >= 0; }))
      return;
    link = i;
    terms.clear();
    double truth = 0;
    for (const LinkCells::Cell& part : parts) {
      terms.emplace_back(&part, 1.0);
      truth += part.value.value_or(0);
    }
    if (!has_total) {
      add_row(terms, truth, truth);
      return;
    }
    if (!total.value) return;
    terms.emplace_back(&total, -1.0);
    const double d = truth - *total.value;
    if (relations[i].at_least)
      add_row(terms, 0.0, kInf, true);  // the truth is in it: d >= 0
    else if (ls.total_counts[i])
      add_row(terms, d, d);
    else
      add_row(terms, std::min(d, -0.5), d <= 0.5 ? 0.5 : kInf);
  };
  const auto write_order = [&](std::size_t o) {
    const auto& [below, above] = ls.orders[o];
    if (var_of(below) < 0 && var_of(above) < 0) return;
    link = relations.size() + o;
    const std::array<std::pair<const LinkCells::Cell*, double>, 2> order{
        {{&below, 1.0}, {&above, -1.0}}};
    add_row(order, -kInf, 0);
  };
  const auto write = [&](std::size_t l) {
    l < relations.size() ? write_relation(l) : write_order(l - relations.size());
  };
  if (near) {
    std::vector<std::uint32_t> around;  // the links of the cells near
    for (const std::uint32_t n : *near) {
      const auto of = links->links_of(n);
      around.insert(around.end(), of.begin(), of.end());
    }
    std::sort(around.begin(), around.end());
    around.erase(std::unique(around.begin(), around.end()), around.end());
    for (const std::uint32_t l : around) write(l);
  } else {
    for (std::size_t l = 0; l < relations.size() + ls.orders.size(); ++l) write(l);
  }
  for (std::size_t v = first_cell; v < cells.size(); ++v) var[at(cells[v])] = -1;
  if (!every_count) unknown_values = std::move(values);
  return p;
}

AuditSummary Protector::audit(const std::vector<Relation>& relations) {
  const auto start = std::chrono::steady_clock::now();
  AuditSummary s;
  s.ran = true;
  if (!links) index_links(relations);
  const Links links{relations, orders};
  std::vector<std::int32_t> var(at.size(), -1);  // every cell's unknown, by round
  index_ordered_with();
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
  std::unordered_map<std::uint64_t, std::size_t> remedies;  // cells hidden for each count
  std::set<std::uint64_t> not_released;  // counts release_stubborn could not free
  bool releasing = false;                // the usual remedies ran out
  std::size_t last_round = kMaxAuditRounds;
  AuditBasis basis;  // where large parts' LPs ended last round
  const auto before = count_hidden();
  for (;;) {
    ++s.rounds;
    std::vector<CellRef> cells;
    AuditProblem p = audit_problem_of(relations, cells, var);
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
    // (tau-Argus's cost: the cell's value; a zero last; through the patient rounds a centre's
    // reach-area counts last: its page's figures), else the other bands withdrawn, else
    // the smallest count of its column, else its own band if a partner's mirror. A count whose
    // links changed this round waits for the next audit. Only the count's own verdict is
    // dropped: the system only loosens, so every count shown protected stays so.
    std::vector<char> touched(links.size(), 0);
    std::size_t changed = 0;
    std::vector<CellRef> stubborn;  // for release_stubborn, after the usual remedies
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
      // Past kPatientRounds, a count still held in after kRemediesBeforeOthers cells hidden for
      // it, or one held in by more than kWideHold links: its links one at a time, the shortest
      // first.
      std::vector<std::vector<std::size_t>> tries{held};
      if (const auto tried = remedies.find(key(cells[v]));
          held.size() > kWideHold || (s.rounds > kPatientRounds && tried != remedies.end() &&
                                      tried->second >= kRemediesBeforeOthers)) {
        std::vector<std::pair<std::size_t, std::size_t>> by_size;  // (cells, link)
        for (std::size_t l : held) {
          std::size_t n = 0;
          links.each_cell(l, [&](const CellRef&) { ++n; });
          by_size.emplace_back(n, l);
        }
        std::sort(by_size.begin(), by_size.end());
        tries.clear();
        for (const auto& [n, l] : by_size) tries.push_back({l});
      }
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
          band_at(c).reset();
          withdrawn.insert(key(c));
          verdict.erase(key(c));
          ++s.bands_withdrawn;
          any = true;
        }
        return any;
      };
      const auto hide_in_turn = [&] {
        for (const auto& ls : tries)
          if (hide_cheapest(links, ls, s.rounds <= kPatientRounds)) return true;
        return false;
      };
      if (withdraw(true, false)) {
        ++remedies[key(cells[v])];
        done(held);
      } else if (releasing && !not_released.count(key(cells[v]))) {
        stubborn.push_back(cells[v]);  // released below, after the bands
      } else if (hide_in_turn() || withdraw(false, false)) {
        ++remedies[key(cells[v])];
        done(held);
      } else if (const auto sibling = hide_sibling(cells[v])) {
        done(held);
        verdict.erase(key(*sibling));
      } else if (withdraw(false, true)) {
        done(held);
      }
    }
    if (!stubborn.empty()) {
      const auto left = release_stubborn(relations, stubborn);
      for (const CellRef& c : left) not_released.insert(key(c));
      for (const CellRef& c : stubborn)
        if (std::find(left.begin(), left.end(), c) == left.end()) {
          ++changed, ++remedies[key(c)], ++s.released;
          verdict.erase(key(c));
        }
    }
    // Bounded, so that a national set finishes: what is left unsafe is counted in the
    // manifest (want: 0), never hidden from the reader.
    if (changed == 0 || s.rounds >= last_round) {
      if (!releasing && !intervals_stated && !unsafe.empty()) {
        releasing = true;
        last_round = s.rounds + kReleaseRounds;
        continue;
      }
      s.cells_left_unsafe = unsafe.size();
      break;
    }
    secondary(relations);  // what the new cells leave alone in a sum
  }
  if (!intervals_stated) implied_bands(relations);
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
        if (kind(ref) != ColumnKind::kDerivedCount) band_at(ref) = interval(ref, *v);
      }
  index_links(relations);
  intervals_stated = true;
  AuditSummary s = audit(relations);
  intervals_stated = false;
  s.cells_added = withdrawn.size();  // published blank
  s.cells_audited = count_hidden();
  std::fill(hidden.begin(), hidden.end(), kShown);
  std::fill(band.begin(), band.end(), std::nullopt);
  return s;
}

void Protector::implied_bands(const std::vector<Relation>& relations) {
  std::vector<CellRef> cells;
  std::vector<std::int32_t> var(at.size(), -1);
  const AuditProblem p = audit_problem_of(relations, cells, var);
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
      band_at(cells[v]) = std::pair<std::int64_t, std::int64_t>{std::int64_t(ranges[v]->first),
                                                                std::int64_t(ranges[v]->second)};
}

}  // namespace reachmap::detail
