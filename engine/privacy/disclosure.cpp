#include "engine/privacy/disclosure.hpp"

#include "engine/privacy/perturbation.hpp"
#include "engine/privacy/protector.hpp"
#include "engine/privacy/published_tables.hpp"

namespace reachmap {

using detail::Protector;

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
      p.index_links(relations);
      p.secondary(relations);
      const AuditSummary a = p.audit(relations);
      if (audit) *audit = a;
      for (std::size_t i = 0; i < tables.size(); ++i)
        out[i] = write_suppression(tables[i], p.hidden_grid(i), p.band_grid(i));
    }
  }
  for (const auto& tp : tables) round_published_decimals(*tp.table);
  return out;
}

DisclosureSummary protect_table(Table& table, const PrivacyRule& rule) {
  return protect_tables({TableToProtect{&table, nullptr}}, {}, rule).front();
}

void add_audit(AuditSummary& to, const AuditSummary& more) {
  to.ran |= more.ran;
  to.cells_audited += more.cells_audited;
  to.rounds = std::max(to.rounds, more.rounds);
  to.cells_added += more.cells_added;
  if (more.narrowest_range > 0)
    to.narrowest_range = to.narrowest_range > 0 ? std::min(to.narrowest_range, more.narrowest_range)
                                                : more.narrowest_range;
  to.cells_left_unsafe += more.cells_left_unsafe;
  to.bands_withdrawn += more.bands_withdrawn;
  to.parts += more.parts, to.lps += more.lps, to.lp_failures += more.lp_failures;
  to.released += more.released;
  to.seconds += more.seconds;
}

}  // namespace reachmap
