// The public audit's tables of [run] periods (audit_public_folder): each *_by_period.csv split
// into one table a period, and what ties two periods' counts written down as a reader knows it
// (privacy/protect_periods.hpp: the same days, every count the same; the same last day,
// registered counts equal and the shorter period's seen at most the longer's). Internal to
// public_audit.cpp.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit/detail/audit_builder.hpp"
#include "engine/privacy/protect_periods.hpp"

namespace reachmap::public_audit_detail {

// One period's tables: by layer of the run (empty when its file is absent), and the centres.
struct PeriodTables {
  std::string label;  // FROM..TO
  std::string from, to;
  std::vector<TextTable> layers;
  TextTable centres;
};

// The periods of a folder's *_by_period.csv, in their order of first appearance: each file's
// rows split by their `period`, its two leading columns dropped.
inline std::vector<PeriodTables> read_period_tables(const std::string& folder,
                                                    const std::vector<std::string>& layers) {
  std::vector<PeriodTables> out;
  std::map<std::string, std::size_t> at;
  const auto split = [&](const std::string& file, auto&& table_of) {
    const std::string path = folder + "/" + file;
    if (!std::filesystem::exists(path)) return;
    const TextTable whole = read_text_table(path, file);
    if (whole.header.size() < 3) return;
    std::vector<std::string_view> fields;
    for (std::size_t r = 0; r < whole.size(); ++r) {
      const std::string label(whole.at(r, 0));
      auto [it, added] = at.try_emplace(label, out.size());
      if (added) {
        PeriodTables& p = out.emplace_back();
        p.label = label;
        const auto dots = label.find("..");
        p.from = label.substr(0, dots);
        p.to = dots == std::string::npos ? label : label.substr(dots + 2);
        p.layers.resize(layers.size());
      }
      TextTable& t = table_of(out[it->second]);
      if (t.header.empty()) t.header.assign(whole.header.begin() + 2, whole.header.end());
      fields.clear();
      for (std::size_t c = 2; c < whole.header.size(); ++c) fields.push_back(whole.at(r, c));
      t.add_row(fields);
    }
  };
  for (std::size_t l = 0; l < layers.size(); ++l)
    split("indicators_" + layers[l] + "_by_period.csv",
          [l](PeriodTables& p) -> TextTable& { return p.layers[l]; });
  split("centres_by_period.csv", [](PeriodTables& p) -> TextTable& { return p.centres; });
  return out;
}

// Where a period's tables (or the run's own) sit among the audit's tables: by layer, then the
// centres (SIZE_MAX: absent).
struct PeriodAt {
  std::string from, to;
  std::vector<std::size_t> tabs;
};

// Every tie between two periods ending on the same day, as rows of `b`.
inline void period_ties(Builder& b, const std::vector<Tab>& tabs,
                        const std::vector<PeriodAt>& periods) {
  for (std::size_t i = 0; i < periods.size(); ++i)
    for (std::size_t j = 0; j < periods.size(); ++j) {
      const PeriodAt &x = periods[i], &y = periods[j];  // x the shorter, or the same days
      if (i == j || x.to != y.to || x.from < y.from || (x.from == y.from && i > j)) continue;
      const bool same_days = x.from == y.from;
      for (std::size_t k = 0; k < x.tabs.size() && k < y.tabs.size(); ++k) {
        if (x.tabs[k] == SIZE_MAX || y.tabs[k] == SIZE_MAX) continue;
        const TextTable &tx = *tabs[x.tabs[k]].t, &ty = *tabs[y.tabs[k]].t;
        std::map<std::string, std::size_t> row_in_y;
        for (std::size_t r = 0; r < ty.size(); ++r) row_in_y.emplace(std::string(ty.at(r, 0)), r);
        for (const std::string& name : tx.header) {
          if (counting(tx, name) != Counting::kAdds || ty.column(name) < 0) continue;
          const SameEnd how = same_days ? SameEnd::kEqual : same_end(name);
          if (how == SameEnd::kNothing) continue;
          for (std::size_t r = 0; r < tx.size(); ++r) {
            const auto it = row_in_y.find(std::string(tx.at(r, 0)));
            if (it == row_in_y.end()) continue;
            const auto a = b.term(x.tabs[k], r, name), c = b.term(y.tabs[k], it->second, name);
            if (!a || !c || (a->var < 0 && c->var < 0)) continue;
            b.add("periods", {{*a, 1.0}, {*c, -1.0}}, how == SameEnd::kEqual ? 0.0 : -kInf, 0.0);
          }
        }
      }
    }
}

}  // namespace reachmap::public_audit_detail
