// What each rule writes into a protected table: blanks and bands (suppress), rounded counts
// (round), blanks where the audit withdrew a count (round, perturb); and the intervals an
// intruder who knows the round rule can state. Disclosure control decides (disclosure.cpp);
// these write.
#include "engine/privacy/published_tables.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace reachmap {

DisclosureSummary write_suppression(const TableToProtect& tp, const HiddenGrid& hidden,
                                    const BandGrid& band) {
  Table& tb = *tp.table;
  DisclosureSummary s;
  const int flag = tb.column(Col::kSuppressed);
  // Each column's band, source and denominator, found once: looked up by name for every cell
  // (and for a local statistic, at every neighbour), they were most of this function's time.
  const std::size_t columns = tb.columns.size();
  std::vector<int> band_at(columns), source_at(columns), denominator_at(columns);
  for (std::size_t c = 0; c < columns; ++c) {
    const TableColumn& col = tb.columns[c];
    band_at[c] = is_count_kind(col.kind) ? tb.column(band_of(col.name)) : -1;
    source_at[c] = tb.column(col.source);
    denominator_at[c] = tb.column(col.denominator);
  }
  const auto hidden_at = [&](std::size_t r, int c) {
    return c >= 0 && hidden[r][std::size_t(c)] != kShown;
  };
  for (std::size_t r = 0; r < tb.rows.size(); ++r) {
    auto& row = tb.rows[r];
    bool row_suppressed = false;
    for (std::size_t c = 0; c < columns; ++c) {
      const TableColumn& col = tb.columns[c];
      if (is_count_kind(col.kind) && hidden[r][c]) {
        (hidden[r][c] == kPrimary ? s.primary_cells : s.secondary_cells)++;
        row_suppressed |= col.kind == ColumnKind::kCount;
        row[c] = std::monostate{};
        const int b = band_at[c];
        if (b >= 0 && band[r][c] && band[r][c]->first < band[r][c]->second)
          row[std::size_t(b)] =
              std::to_string(band[r][c]->first) + "-" + std::to_string(band[r][c]->second);
      }
    }
    for (std::size_t c = 0; c < columns; ++c) {
      const TableColumn& col = tb.columns[c];
      if (col.kind == ColumnKind::kRate && hidden_at(r, source_at[c])) {
        const auto& bd = band[r][std::size_t(source_at[c])];
        const int d = denominator_at[c];
        const auto den = d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt;
        const bool low = col.formula == Formula::kWilsonLow || col.formula == Formula::kPoissonLow;
        const bool high =
            col.formula == Formula::kWilsonHigh || col.formula == Formula::kPoissonHigh;
        // The interval of a hidden count is the widest its band allows: it depends on the
        // band and the denominator only; only a written band (a target group's count has
        // none: its bounds would publish the band the audit does not know of).
        const bool written = band_at[std::size_t(source_at[c])] >= 0;
        row[c] = bd && written && (low || high)
                     ? rate_of(col.formula, double(low ? bd->first : bd->second), den)
                     : Cell(std::monostate{});
      } else if (col.kind == ColumnKind::kRate && hidden_at(r, denominator_at[c])) {
        row[c] = std::monostate{};  // a share of a hidden total would give the total back
      } else if (col.kind == ColumnKind::kStatistic) {
        bool blank = hidden_at(r, source_at[c]);
        if (col.local && tp.neighbours && r < tp.neighbours->size())
          for (std::size_t n : (*tp.neighbours)[r]) blank |= hidden_at(n, source_at[c]);
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

DisclosureSummary apply_rounding(Table& tb, std::int64_t base) {
  DisclosureSummary s;
  for (auto& row : tb.rows) {
    for (std::size_t c = 0; c < tb.columns.size(); ++c) {
      // Derived counts are made again from the rounded ones below.
      if (!is_count_kind(tb.columns[c].kind) || tb.columns[c].kind == ColumnKind::kDerivedCount)
        continue;
      if (const auto n = cell_number(row[c])) {
        const auto v = std::optional<std::int64_t>(std::llround(*n));
        const std::int64_t rounded = round_to_base(*v, base);
        s.rounded_cells += rounded != *v;
        row[c] = rounded;
      }
    }
    for (std::size_t c = 0; c < tb.columns.size(); ++c) {
      const TableColumn& col = tb.columns[c];
      if (col.kind == ColumnKind::kStatistic) row[c] = std::monostate{};
      if (col.kind != ColumnKind::kRate || std::holds_alternative<std::monostate>(row[c])) continue;
      const int src = tb.column(col.source), d = tb.column(col.denominator);
      const auto count = src >= 0 ? cell_number(row[std::size_t(src)]) : std::nullopt;
      row[c] = count ? rate_of(col.formula, *count,
                               d >= 0 ? cell_number(row[std::size_t(d)]) : std::nullopt)
                     : Cell(std::monostate{});
    }
  }
  recompute_derived_counts(tb, [base](std::int64_t n) { return round_to_base(n, base); });
  return s;
}

std::pair<std::int64_t, std::int64_t> rounding_interval(std::int64_t v, std::int64_t base) {
  const std::int64_t r = round_to_base(v, base);
  std::int64_t lo = v, hi = v;
  while (lo > 0 && round_to_base(lo - 1, base) == r) --lo;
  while (round_to_base(hi + 1, base) == r) ++hi;
  return {lo, hi};
}

// Round and perturb: the counts the audit withdrew (`withdrawn(row, column)`) are published
// blank, with what is made
// from them (rates, derived counts), and their row is marked suppressed.
void blank_counts(Table& tb, const std::function<bool(std::size_t, std::size_t)>& withdrawn) {
  const int flag = tb.column(Col::kSuppressed);
  for (std::size_t r = 0; r < tb.rows.size(); ++r) {
    bool any = false;
    for (std::size_t c = 0; c < tb.columns.size(); ++c)
      if (withdrawn(r, c)) tb.rows[r][c] = std::monostate{}, any = true;
    if (!any) continue;
    for (std::size_t c = 0; c < tb.columns.size(); ++c) {
      const TableColumn& col = tb.columns[c];
      const int src = tb.column(col.source), den = tb.column(col.denominator);
      const auto blank = [&](int i) {
        return i >= 0 && std::holds_alternative<std::monostate>(tb.rows[r][std::size_t(i)]);
      };
      if ((col.kind == ColumnKind::kRate || col.kind == ColumnKind::kDerivedCount) &&
          (blank(src) || (col.kind == ColumnKind::kRate && blank(den))))
        tb.rows[r][c] = std::monostate{};
    }
    if (flag >= 0) tb.rows[r][std::size_t(flag)] = true;
  }
}

}  // namespace reachmap
