// The public analysis (engine/privacy/public_analysis): every public figure is a function of the
// protected tables, tried on the demo's analysis in-process.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "engine/config/config.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/protect.hpp"
#include "engine/privacy/public_analysis.hpp"

using namespace reachmap;

namespace {
const std::string kSource = REACHMAP_SOURCE_DIR;
}  // namespace

// Every public figure is a function of the protected tables: the public analysis, made again
// from the protected measures alone, equals what the run wrote byte for byte, and made with
// every true count of the staff's layer scrambled, too. (Moving one hidden count within its
// band no longer serves: published totals move with it, and the bands the audit gives the
// counts hidden beside it.)
TEST(PublicAnalysis, IsRebuiltFromTheProtectedTablesAloneByteForByte) {
  RunRecord record;
  const Analysis a =
      analyse(load_config(kSource + "/data/demo/reachmap.toml"), RunOptions{}, record);
  const PublicTables run = protect(a);
  for (std::size_t l = 0; l < a.layers.size(); ++l) {
    // The protected measures as published: the run's table up to its first statistic.
    const std::size_t first = a.layers[l].statistics.first_column;
    Table measures = run.layers[l];
    measures.columns.erase(measures.columns.begin() + long(first), measures.columns.end());
    for (auto& row : measures.rows) row.resize(first);
    // The staff's layer with every true count scrambled: the public analysis may take the
    // geometry, covariates and spatial weights from it, never a count.
    LayerResult scrambled = a.layers[l];
    for (auto& row : scrambled.indicators.rows)
      for (std::size_t c = 0; c < scrambled.indicators.columns.size(); ++c)
        if (is_count_kind(scrambled.indicators.columns[c].kind))
          if (const auto v = cell_number(row[c])) row[c] = std::int64_t(*v) * 3 + 7;
    Table again = measures, blind = measures;
    const LayerStatistics s_again = analyse_in_public(again, a.layers[l], a.settings, 1);
    const LayerStatistics s_blind = analyse_in_public(blind, scrambled, a.settings, 1);
    ASSERT_EQ(again.columns.size(), run.layers[l].columns.size());
    std::size_t compared = 0;
    for (std::size_t r = 0; r < again.rows.size(); ++r)
      for (std::size_t c = 0; c < again.columns.size(); ++c, ++compared) {
        EXPECT_EQ(format_cell(again.rows[r][c]), format_cell(run.layers[l].rows[r][c]))
            << "layer " << l << " row " << r << " " << again.columns[c].name;
        EXPECT_EQ(format_cell(blind.rows[r][c]), format_cell(again.rows[r][c]))
            << "layer " << l << " row " << r << " " << again.columns[c].name;
      }
    EXPECT_EQ(s_again.moran.I, run.statistics[l].moran.I);
    EXPECT_EQ(s_blind.moran.I, s_again.moran.I);
    EXPECT_EQ(s_blind.funnel_target, s_again.funnel_target);
    EXPECT_GT(compared, a.layers[l].indicators.rows.size() * 30);
  }
}
