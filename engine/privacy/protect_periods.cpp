#include "engine/privacy/protect_periods.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <numeric>
#include <utility>

#include "engine/core/error.hpp"
#include "engine/measure/service_columns.hpp"
#include "engine/periods/by_period.hpp"
#include "engine/privacy/protect.hpp"
#include "engine/privacy/public_analysis.hpp"
#include "engine/privacy/relations.hpp"

namespace reachmap {

struct PeriodDoor::Node {
  std::vector<const Table*> layers;  // by layer, then the centres last
  std::vector<std::size_t> at;       // where each sits among the tables protected together
};

namespace {

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// The birth cohorts' counts, their bands and shares: staff only by period (see the header).
bool is_cohort(const std::string& name) {
  for (const Col c :
       {Col::kTurned5Children, Col::kNeverSeenBy5, Col::kTurned1Children, Col::kSeenBefore1,
        Col::kReachAreaTurned5Children, Col::kReachAreaNeverSeenBy5, Col::kReachAreaTurned1Children,
        Col::kReachAreaSeenBefore1})
    if (name == name_of(c) || name == band_of(name_of(c))) return true;
  return false;
}

Table without_cohorts(Table t) {
  std::vector<std::size_t> keep;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    if (!is_cohort(t.columns[c].name) && !is_cohort(t.columns[c].source)) keep.push_back(c);
  if (keep.size() == t.columns.size()) return t;
  std::vector<TableColumn> columns;
  for (const std::size_t c : keep) columns.push_back(t.columns[c]);
  t.columns = std::move(columns);
  for (auto& row : t.rows) {
    std::vector<Cell> kept;
    kept.reserve(keep.size());
    for (const std::size_t c : keep) kept.push_back(std::move(row[c]));
    row = std::move(kept);
  }
  for (auto it = t.cell_keys.begin(); it != t.cell_keys.end();)
    it = is_cohort(it->first) ? t.cell_keys.erase(it) : std::next(it);
  return t;
}

// Each row of `x` with the row of `y` for the same area or centre (its first column's id).
std::vector<std::pair<std::size_t, std::size_t>> same_rows(const Table& x, const Table& y) {
  std::map<std::string, std::size_t> in_y;
  for (std::size_t r = 0; r < y.rows.size(); ++r)
    if (const auto* id = std::get_if<std::string>(&y.rows[r][0])) in_y.emplace(*id, r);
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t r = 0; r < x.rows.size(); ++r)
    if (const auto* id = std::get_if<std::string>(&x.rows[r][0]))
      if (const auto it = in_y.find(*id); it != in_y.end()) out.emplace_back(r, it->second);
  return out;
}

bool has_number(const Table& t, std::size_t r, std::size_t c) {
  return cell_number(t.rows[r][c]).has_value();
}

void add_summary(DisclosureSummary& to, const DisclosureSummary& more) {
  to.rows_suppressed += more.rows_suppressed;
  to.primary_cells += more.primary_cells;
  to.secondary_cells += more.secondary_cells;
  to.rounded_cells += more.rounded_cells;
  to.perturbed_cells += more.perturbed_cells;
}

}  // namespace

SameEnd same_end(const std::string& name) {
  // Who is registered depends on the last day alone.
  if (name == name_of(Col::kRegisteredChildren) || starts_with(name, registered_in_group("")) ||
      name == name_of(Col::kReachAreaRegistered) ||
      starts_with(name, reach_area_registered_in_group("")) ||
      name == name_of(Col::kKnownChildren) || name == name_of(Col::kKnownRegistered) ||
      name == name_of(Col::kKnownNotRegistered))
    return SameEnd::kEqual;
  // Seen only elsewhere in the shorter period may be seen here earlier in the longer one.
  if (name == name_of(Col::kReachAreaSeenOnlyElsewhere)) return SameEnd::kNothing;
  // Anyone seen (in a way, at a place, by a birthday) in the shorter period is in the longer.
  return SameEnd::kAtMost;
}

PeriodDoor::PeriodDoor(const Analysis& a) : a_(a) {
  if (!a.periods) return;
  periods_.push_back(a.settings.period);
  for (const NamedPeriod& p : a.periods->periods) periods_.push_back(p.period);
  tables_ = std::exchange(a.periods->measures, {});  // taken: see RunPeriods::measures
  if (tables_.size() != a.periods->periods.size())
    throw Error(ErrorCode::kInternal, "the periods' measures were protected once already", {},
                "report this: a run's tables go through the door once");
  for (RunPeriods::Measures& m : tables_) {
    for (Table& t : m.layers) t = without_cohorts(std::move(t));
    m.centres = without_cohorts(std::move(m.centres));
  }
  at_.resize(tables_.size());
  added_.resize(tables_.size());
  disclosure_.resize(tables_.size());
  // The sets: nodes tied by their last day.
  set_.resize(periods_.size());
  std::iota(set_.begin(), set_.end(), 0);
  copy_of_.assign(tables_.size(), kCopy);
  for (std::size_t n = 1; n < periods_.size(); ++n)
    for (std::size_t m = 0; m < n && copy_of_[n - 1] == kCopy; ++m)
      if (periods_[m].from == periods_[n].from && periods_[m].to == periods_[n].to &&
          (m == 0 || copy_of_[m - 1] == kCopy))
        copy_of_[n - 1] = m;
  const auto root = [&](std::size_t n) {
    while (set_[n] != n) n = set_[n];
    return n;
  };
  const auto tie = [&](std::size_t x, std::size_t y) {
    const std::size_t rx = root(x), ry = root(y);
    set_[std::max(rx, ry)] = std::min(rx, ry);
  };
  // A copy's ties are its original's.
  const auto original = [&](std::size_t n) {
    return n == 0 ? 0 : copy_of_[n - 1] == kCopy ? n : copy_of_[n - 1];
  };
  for (std::size_t x = 0; x < periods_.size(); ++x)
    for (std::size_t y = x + 1; y < periods_.size(); ++y)
      if (periods_[x].to == periods_[y].to) tie(original(x), original(y));
  for (std::size_t n = 0; n < set_.size(); ++n) set_[n] = original(n) == n ? root(n) : kCopy;
}

PeriodDoor::Node PeriodDoor::node(std::size_t n) {
  Node out;
  if (n == 0) {
    out.layers = own_layers_;
    out.layers.push_back(own_centres_);
    out.at = own_at_.layers;
    out.at.push_back(own_at_.centres);
    return out;
  }
  for (const Table& t : tables_[n - 1].layers) out.layers.push_back(&t);
  out.layers.push_back(&tables_[n - 1].centres);
  out.at = at_[n - 1].layers;
  out.at.push_back(at_[n - 1].centres);
  return out;
}

void PeriodDoor::add_period(std::size_t i, std::vector<TableToProtect>& tables,
                            std::vector<Relation>& relations) {
  RunPeriods::Measures& m = tables_[i];
  std::vector<const Table*> layers;
  for (Table& t : m.layers) {
    at_[i].layers.push_back(tables.size());
    added_[i].push_back(tables.size());
    tables.push_back({&t, nullptr});
    layers.push_back(&t);
  }
  at_[i].centres = tables.size();
  added_[i].push_back(tables.size());
  tables.push_back({&m.centres, nullptr});
  auto within = period_relations(a_, layers, m.centres, at_[i]);
  relations.insert(relations.end(), std::make_move_iterator(within.begin()),
                   std::make_move_iterator(within.end()));
}

void PeriodDoor::add_ties(const std::vector<std::size_t>& set, std::vector<Relation>& relations) {
  std::vector<Node> nodes;
  for (const std::size_t n : set) nodes.push_back(node(n));
  // The same last day, x the shorter (no two of a set have the same days: a copy publishes
  // its original's tables and is in no set).
  for (std::size_t i = 0; i < set.size(); ++i)
    for (std::size_t j = 0; j < set.size(); ++j) {
      const Period &x = periods_[set[i]], &y = periods_[set[j]];
      if (i == j || x.to != y.to || x.from <= y.from) continue;
      for (std::size_t k = 0; k < nodes[i].layers.size(); ++k) {
        const Table &tx = *nodes[i].layers[k], &ty = *nodes[j].layers[k];
        const auto rows = same_rows(tx, ty);
        for (std::size_t c = 0; c < tx.columns.size(); ++c) {
          const int cy = ty.column(tx.columns[c].name);
          if (!adds_over_areas(tx.columns[c].kind) || cy < 0) continue;
          const SameEnd how = same_end(tx.columns[c].name);
          if (how == SameEnd::kNothing) continue;
          for (const auto& [rx, ry] : rows) {
            if (!has_number(tx, rx, c) || !has_number(ty, ry, std::size_t(cy))) continue;
            const CellRef cx{nodes[i].at[k], rx, c}, cyr{nodes[j].at[k], ry, std::size_t(cy)};
            if (how == SameEnd::kEqual)
              relations.push_back({cyr, {cx}});
            else
              relations.push_back({cx, {cyr}, true});  // x <= y
          }
        }
      }
    }
}

void PeriodDoor::join_the_run(const std::vector<const Table*>& own_layers, const Table& own_centres,
                              const PeriodTablesAt& own_at, std::vector<TableToProtect>& tables,
                              std::vector<Relation>& relations) {
  own_layers_ = own_layers, own_centres_ = &own_centres, own_at_ = own_at;
  std::vector<std::size_t> set{0};
  for (std::size_t n = 1; n < set_.size(); ++n)
    if (set_[n] == 0) {
      add_period(n - 1, tables, relations);
      set.push_back(n);
    }
  if (set.size() > 1) add_ties(set, relations);
}

void PeriodDoor::take_summaries(const std::vector<DisclosureSummary>& all, std::size_t first) {
  own_disclosure_ = {};
  for (std::size_t t : own_at_.layers) add_summary(own_disclosure_, all[t]);
  add_summary(own_disclosure_, all[own_at_.centres]);
  for (std::size_t i = 0; i < added_.size(); ++i)
    if (set_[i + 1] == 0)
      for (const std::size_t t : added_[i])
        if (t >= first && t < all.size()) add_summary(disclosure_[i], all[t]);
}

PublicPeriods PeriodDoor::finish(const PublicTables& own, AuditSummary& audit, int threads) {
  PublicPeriods out;
  if (tables_.empty()) return out;
  for (std::size_t root = 1; root < set_.size(); ++root) {
    if (set_[root] != root) continue;
    std::vector<TableToProtect> tables;
    std::vector<Relation> relations;
    std::vector<std::size_t> set;
    for (std::size_t n = root; n < set_.size(); ++n)
      if (set_[n] == root) {
        add_period(n - 1, tables, relations);
        set.push_back(n);
      }
    add_ties(set, relations);
    AuditSummary work;
    const auto summaries =
        protect_tables(tables, std::move(relations), a_.settings.privacy, &work, threads);
    add_audit(audit, work);
    for (const std::size_t n : set)
      for (const std::size_t t : added_[n - 1]) add_summary(disclosure_[n - 1], summaries[t]);
  }
  out.layers.resize(a_.layers.size());
  std::vector<char> copied(tables_.size(), 0);  // some later period publishes its tables
  for (const std::size_t n : copy_of_)
    if (n != kCopy && n > 0) copied[n - 1] = 1;
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    const NamedPeriod& period = a_.periods->periods[i];
    if (copy_of_[i] == 0) {  // the run's own days: its tables
      for (std::size_t l = 0; l < a_.layers.size(); ++l)
        append_period_rows(out.layers[l], without_cohorts(own.layers[l]), period);
      append_period_rows(out.centres, without_cohorts(own.centres), period);
      disclosure_[i] = own_disclosure_;
      continue;
    }
    const std::size_t from = copy_of_[i] == kCopy ? i : copy_of_[i] - 1;
    for (std::size_t l = 0; l < a_.layers.size(); ++l) {
      Table& t = tables_[from].layers[l];
      if (from == i) {
        mark_language_gaps(t, a_.settings.language_gaps, a_.settings.groups);
        if (a_.layers[l].statistics.first_column > 0)
          analyse_in_public(t, a_.layers[l], a_.settings, threads);
      }
      append_period_rows(out.layers[l], t, period);
    }
    append_period_rows(out.centres, tables_[from].centres, period);
    disclosure_[i] = disclosure_[from];
    // Given back as it goes (a national quarter's tables are 100 MB), unless a copy follows.
    if (from == i && !copied[i]) tables_[i] = {};
  }
  out.disclosure = disclosure_;
  return out;
}

}  // namespace reachmap
