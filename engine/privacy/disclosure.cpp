#include "engine/privacy/disclosure.hpp"

#include <cmath>

#include "engine/stats/poisson.hpp"
#include "engine/stats/wilson.hpp"

namespace reachmap {

namespace {

enum Hidden : char { kShown = 0, kPrimary = 1, kSecondary = 2 };

std::optional<std::int64_t> whole(const Cell& c) {
  if (const auto* i = std::get_if<std::int64_t>(&c)) return *i;
  if (const auto* d = std::get_if<double>(&c)) return static_cast<std::int64_t>(std::llround(*d));
  return std::nullopt;
}

double round_to(double v, int decimals) {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(v * f) / f;
  return r == 0 ? 0.0 : r;  // never "-0"
}

struct Protector {
  const std::vector<TableToProtect>& tables;
  const PrivacyRule& rule;
  std::vector<std::vector<std::vector<char>>> hidden;  // [table][row][column]
  // Bands of hidden counts, where one is known: [table][row][column] -> (lo, hi).
  std::vector<std::vector<std::vector<std::optional<std::pair<std::int64_t, std::int64_t>>>>> band;

  Table& t(std::size_t i) const { return *tables[i].table; }
  const Cell& cell(const CellRef& r) const { return t(r.table).rows[r.row][r.column]; }
  char& hid(const CellRef& r) { return hidden[r.table][r.row][r.column]; }
  ColumnKind kind(const CellRef& r) const { return t(r.table).columns[r.column].kind; }

  explicit Protector(const std::vector<TableToProtect>& ts, const PrivacyRule& r)
      : tables(ts), rule(r) {
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
            if (k > 2) band[ti][r][c] = std::pair<std::int64_t, std::int64_t>{1, k - 1};
          }
        }
  }

  // Hides one more part of `rel` so that its single hidden part cannot be recovered: the
  // smallest non-zero published part, else a zero part, else the total itself.
  bool hide_complement(const Relation& rel, const CellRef* except) {
    const CellRef* best = nullptr;
    std::int64_t best_value = 0;
    for (const auto& p : rel.parts) {
      if ((except && p == *except) || hid(p) || !is_count_kind(kind(p))) continue;
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
      if (ba && !bb)
        bb = mirror(*ba);
      else if (bb && !ba)
        ba = mirror(*bb);
    }
  }

  DisclosureSummary apply_suppression(std::size_t ti) {
    Table& tb = t(ti);
    const TableToProtect& tp = tables[ti];
    DisclosureSummary s;
    const int flag = tb.column(Col::kSuppressed);
    const auto source_hidden = [&](std::size_t r, const std::string& source) {
      const int c = tb.column(source);
      return c >= 0 && hidden[ti][r][std::size_t(c)] != kShown;
    };
    for (std::size_t r = 0; r < tb.rows.size(); ++r) {
      auto& row = tb.rows[r];
      bool row_suppressed = false;
      for (std::size_t c = 0; c < tb.columns.size(); ++c) {
        const TableColumn& col = tb.columns[c];
        if (is_count_kind(col.kind) && hidden[ti][r][c]) {
          (hidden[ti][r][c] == kPrimary ? s.primary_cells : s.secondary_cells)++;
          row_suppressed |= col.kind == ColumnKind::kCount;
          row[c] = std::monostate{};
          const int b = tb.column(band_of(col.name));
          if (b >= 0 && band[ti][r][c] && band[ti][r][c]->first < band[ti][r][c]->second)
            row[std::size_t(b)] = std::to_string(band[ti][r][c]->first) + "-" +
                                  std::to_string(band[ti][r][c]->second);
        }
      }
      for (std::size_t c = 0; c < tb.columns.size(); ++c) {
        const TableColumn& col = tb.columns[c];
        if (col.kind == ColumnKind::kRate && source_hidden(r, col.source)) {
          const auto& bd = band[ti][r][std::size_t(tb.column(col.source))];
          const int d = tb.column(col.denominator);
          const auto den = d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt;
          const bool low =
              col.formula == Formula::kWilsonLow || col.formula == Formula::kPoissonLow;
          const bool high =
              col.formula == Formula::kWilsonHigh || col.formula == Formula::kPoissonHigh;
          // The interval of a hidden count is the widest its band allows: it depends on the
          // band and the denominator only.
          row[c] = bd && (low || high)
                       ? rate_of(col.formula, double(low ? bd->first : bd->second), den)
                       : Cell(std::monostate{});
        } else if (col.kind == ColumnKind::kRate && source_hidden(r, col.denominator)) {
          row[c] = std::monostate{};  // a share of a hidden total would give the total back
        } else if (col.kind == ColumnKind::kStatistic) {
          bool blank = source_hidden(r, col.source);
          if (col.local && tp.neighbours && r < tp.neighbours->size())
            for (std::size_t n : (*tp.neighbours)[r]) blank |= source_hidden(n, col.source);
          if (blank) row[c] = std::monostate{};
        }
      }
      if (row_suppressed) {
        ++s.rows_suppressed;
        if (flag >= 0) row[std::size_t(flag)] = true;
      }
    }
    return s;
  }

  DisclosureSummary apply_rounding(std::size_t ti) {
    Table& tb = t(ti);
    DisclosureSummary s;
    const std::int64_t base = rule.base;
    for (auto& row : tb.rows) {
      for (std::size_t c = 0; c < tb.columns.size(); ++c) {
        if (!is_count_kind(tb.columns[c].kind)) continue;
        if (const auto v = whole(row[c])) {
          const std::int64_t rounded = round_to_base(*v, base);
          s.rounded_cells += rounded != *v;
          row[c] = rounded;
        }
      }
      for (std::size_t c = 0; c < tb.columns.size(); ++c) {
        const TableColumn& col = tb.columns[c];
        if (col.kind == ColumnKind::kStatistic) row[c] = std::monostate{};
        if (col.kind != ColumnKind::kRate || std::holds_alternative<std::monostate>(row[c]))
          continue;
        const int src = tb.column(col.source), d = tb.column(col.denominator);
        const auto count = src >= 0 ? cell_number(row[std::size_t(src)]) : std::nullopt;
        row[c] = count ? rate_of(col.formula, *count,
                                 d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt)
                       : Cell(std::monostate{});
      }
    }
    return s;
  }
};

}  // namespace

Cell rate_of(Formula formula, double count, std::optional<double> denominator) {
  switch (formula) {
    case Formula::kPoissonLow:
      return poisson_interval(count).low;
    case Formula::kPoissonHigh:
      return poisson_interval(count).high;
    case Formula::kNone:
      return std::monostate{};
    default:
      break;
  }
  if (!denominator || *denominator <= 0) return std::monostate{};
  if (formula == Formula::kProportion) return count / *denominator;
  if (count > *denominator) return std::monostate{};
  const Interval ci = wilson_interval(count, *denominator);
  return formula == Formula::kWilsonLow ? ci.low : ci.high;
}

std::vector<DisclosureSummary> protect_tables(const std::vector<TableToProtect>& tables,
                                              std::vector<Relation> relations,
                                              const PrivacyRule& rule) {
  std::vector<DisclosureSummary> out(tables.size());
  Protector p(tables, rule);
  if (rule.active()) {
    if (rule.rule == DisclosureRule::kRound) {
      for (std::size_t i = 0; i < tables.size(); ++i) out[i] = p.apply_rounding(i);
    } else {
      p.add_column_relations(relations);
      p.primary();
      p.secondary(relations);
      for (std::size_t i = 0; i < tables.size(); ++i) out[i] = p.apply_suppression(i);
    }
  }
  for (const auto& tp : tables) round_published_decimals(*tp.table);
  return out;
}

void round_published_decimals(Table& table) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const int decimals = table.columns[c].published_decimals;
    if (decimals < 0) continue;
    for (auto& row : table.rows)
      if (auto* d = std::get_if<double>(&row[c])) *d = round_to(*d, decimals);
  }
}

DisclosureSummary protect_table(Table& table, const PrivacyRule& rule) {
  return protect_tables({TableToProtect{&table, nullptr}}, {}, rule).front();
}

}  // namespace reachmap
