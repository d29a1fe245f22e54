// The public analysis (engine/privacy/public_analysis): every public figure is a function of the
// protected tables, tried on the demo's analysis in-process.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "engine/config/config.hpp"
#include "engine/pipeline/pipeline.hpp"
#include "engine/privacy/protect.hpp"

using namespace reachmap;

namespace {
const std::string kSource = REACHMAP_SOURCE_DIR;
}  // namespace

// Every public figure is a function of the protected tables: a hidden count moved within its
// band (the demo's true seen count of a hidden area, and its unreached count with it) changes
// no public cell of the area tables and no public statistic. Before the public analysis, EB,
// z, LISA, Gi*, gap, shortfall and priority of the published areas moved with it.
TEST(PublicAnalysis, AHiddenCountMovedWithinItsBandChangesNoPublicFigure) {
  RunRecord record;
  const Analysis a =
      analyse(load_config(kSource + "/data/demo/reachmap.toml"), RunOptions{}, record);
  const PublicTables before = protect(a);
  const Table& pub = before.layers[0];
  const int c_seen = pub.column(Col::kSeenChildren),
            c_band = pub.column(band_of(Col::kSeenChildren));
  const Table& truth = a.layers[0].indicators;
  const int t_seen = truth.column(Col::kSeenChildren), t_pop = truth.column(Col::kUnder5Population),
            t_unreached = truth.column(Col::kUnreachedChildren);
  std::optional<std::size_t> row;
  for (std::size_t r = 0; r < pub.rows.size() && !row; ++r)
    if (!cell_number(pub.rows[r][std::size_t(c_seen)]) &&
        std::get_if<std::string>(&pub.rows[r][std::size_t(c_band)]) &&
        std::get<std::string>(pub.rows[r][std::size_t(c_band)]) == "1-4" &&
        cell_number(truth.rows[r][std::size_t(t_pop)]).value_or(0) >= 10)  // unreached stays 5+
      row = r;
  ASSERT_TRUE(row) << "the demo has an area of 10+ under-5s with 1 to 4 children seen";
  Analysis moved = a;
  auto& cells = moved.layers[0].indicators.rows[*row];
  const auto seen = std::get<std::int64_t>(cells[std::size_t(t_seen)]);
  const std::int64_t other = seen == 4 ? 1 : seen + 1;  // still 1 to 4
  const double pop = *cell_number(cells[std::size_t(t_pop)]);
  cells[std::size_t(t_seen)] = other;
  cells[std::size_t(t_unreached)] = std::int64_t(std::llround(pop)) - other;
  const PublicTables after = protect(moved);
  std::size_t compared = 0;
  for (std::size_t l = 0; l < before.layers.size(); ++l) {
    const Table &x = before.layers[l], &y = after.layers[l];
    ASSERT_EQ(x.columns.size(), y.columns.size());
    for (std::size_t r = 0; r < x.rows.size(); ++r)
      for (std::size_t c = 0; c < x.columns.size(); ++c, ++compared)
        EXPECT_EQ(format_cell(x.rows[r][c]), format_cell(y.rows[r][c]))
            << "layer " << l << " row " << r << " " << x.columns[c].name;
    EXPECT_EQ(before.statistics[l].moran.I, after.statistics[l].moran.I);
    EXPECT_EQ(before.statistics[l].funnel_target, after.statistics[l].funnel_target);
  }
  EXPECT_GT(compared, 150u * 40);
}
