// Classification against R classInt (tests/reference/classify_reference.R), plus the edge
// cases a choropleth of small-area rates meets: ties, zeros, few distinct values.
#include "engine/render/classify.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "engine/core/number_format.hpp"
#include "engine/io/csv_reader.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;

namespace {
std::vector<double> split_numbers(std::string_view s) {
  std::vector<double> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find(';', start), s.size());
    out.push_back(*parse_double(s.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

struct Reference {
  std::map<std::string, std::vector<double>> values;
  std::map<std::tuple<std::string, std::string, int>, std::vector<double>> breaks;
};

const Reference& reference() {
  static const Reference ref = [] {
    Reference r;
    CsvReader csv(std::string(REACHMAP_SOURCE_DIR) + "/tests/reference/classify_reference.csv");
    CsvRow row;
    while (csv.next(row)) {
      const std::string dataset(row[0]), style(row[1]);
      const int k = static_cast<int>(*parse_int(row[2]));
      if (style == "values")
        r.values[dataset] = split_numbers(row[3]);
      else
        r.breaks[{dataset, style, k}] = split_numbers(row[3]);
    }
    return r;
  }();
  return ref;
}

std::vector<double> manchester_income() {
  std::vector<double> out;
  CsvReader csv(testsupport::shared_data("deprivation/iod2019_lsoa11_england.csv"));
  const auto lad = csv.require_column("lad19cd", ""),
             score = csv.require_column("income_score", "");
  CsvRow row;
  while (csv.next(row))
    if (row[lad] == "E08000003") out.push_back(*parse_double(row[score]));
  return out;
}

std::vector<std::pair<std::string, std::vector<double>>> datasets() {
  std::vector<std::pair<std::string, std::vector<double>>> out = {
      {"precip", reference().values.at("precip")},
      {"ties_zeros", reference().values.at("ties_zeros")}};
  if (testsupport::have_shared_data()) out.emplace_back("manchester_income", manchester_income());
  return out;
}

// classInt's fisher breaks are midpoints between classes: class = number of inner breaks below v.
int reference_class(const std::vector<double>& brks, double v) {
  int c = 0;
  for (std::size_t i = 1; i + 1 < brks.size(); ++i) c += v > brks[i];
  return c;
}
}  // namespace

TEST(Classify, FisherJenksPartitionEqualsClassInt) {
  for (const auto& [name, values] : datasets()) {
    for (int k : {3, 5, 7}) {
      const auto& brks = reference().breaks.at({name, "fisher", k});
      const Classes c = classify_jenks(values, k);
      EXPECT_EQ(c.count(), static_cast<int>(brks.size()) - 1) << name << " k=" << k;
      for (double v : values)
        EXPECT_EQ(c.class_of(v), reference_class(brks, v)) << name << " k=" << k << " v=" << v;
    }
  }
}

TEST(Classify, QuantileAndEqualEqualClassInt) {
  for (const auto& [name, values] : datasets()) {
    for (int k : {3, 5, 7}) {
      auto q = reference().breaks.at({name, "quantile", k});
      std::vector<double> distinct = values;
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
      // With no more distinct values than classes, classInt gives each value its own class
      // (midpoint breaks), which is not a quantile: compare the partition instead.
      if (distinct.size() <= static_cast<std::size_t>(k)) {
        const Classes c = classify_quantile(values, k);
        for (double v : values)
          EXPECT_EQ(c.class_of(v), reference_class(q, v)) << name << " k=" << k;
        continue;
      }
      q.erase(std::unique(q.begin(), q.end()), q.end());  // ties: classInt repeats a break
      q = drop_empty_classes(Classes{q}, values).edges;   // and may leave a class empty
      const Classes cq = classify_quantile(values, k);
      ASSERT_EQ(cq.edges.size(), q.size()) << name << " k=" << k;
      if (cq.edges.size() != q.size()) continue;
      for (std::size_t i = 0; i < q.size(); ++i) EXPECT_NEAR(cq.edges[i], q[i], 1e-12) << name;
      const auto& e = reference().breaks.at({name, "equal", k});
      const Classes ce = classify_equal(values, k);
      ASSERT_EQ(ce.edges.size(), e.size());
      for (std::size_t i = 0; i < e.size(); ++i) EXPECT_NEAR(ce.edges[i], e[i], 1e-12) << name;
    }
  }
}

TEST(Classify, TiesNeverGiveEmptyOrDuplicatedClasses) {
  const std::vector<double> v = {0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1};
  for (const Classes& c : {classify_quantile(v, 5), classify_jenks(v, 5)}) {
    std::vector<int> members(static_cast<std::size_t>(c.count()), 0);
    for (double x : v) ++members[static_cast<std::size_t>(c.class_of(x))];
    for (std::size_t i = 0; i + 2 < c.edges.size(); ++i) EXPECT_LT(c.edges[i], c.edges[i + 1]);
    for (int m : members) EXPECT_GT(m, 0);
  }
  // No more distinct values than classes: each value its own class, the last closed [1, 1].
  EXPECT_EQ(classify_quantile(v, 5).edges, (std::vector<double>{0, 0.5, 1, 1}));
  // Quantile breaks between tied values can leave a class empty: it is merged away.
  EXPECT_EQ(drop_empty_classes(Classes{{0, 0.3, 0.5, 0.6, 1}}, v).edges,
            (std::vector<double>{0, 0.5, 0.6, 1}));
  EXPECT_EQ(classify_jenks(v, 5).count(), 3);  // three distinct values: three classes
  const Classes one = classify_jenks({0.3, 0.3, 0.3}, 5);
  EXPECT_EQ(one.count(), 1);
  EXPECT_EQ(one.class_of(0.3), 0);
}

TEST(Classify, JenksIsExactOnASmallExampleCheckedByHand) {
  // {1,2,3} {10,11,12} {30}: the only split with within-class SSD 4.
  const Classes c = classify_jenks({30, 1, 10, 2, 11, 3, 12}, 3);
  EXPECT_EQ(c.edges, (std::vector<double>{1, 10, 30, 30}));
}

TEST(Classify, JenksScalesToManyDistinctValues) {
  std::vector<double> v;
  for (int i = 0; i < 40000; ++i) v.push_back(std::sin(i * 0.7) * 0.5 + 0.5 + i * 1e-9);
  const Classes c = classify_jenks(v, 7);
  EXPECT_EQ(c.count(), 7);
}

TEST(Classify, FixedBreaksCoverTheData) {
  const Classes c = classify_fixed({0.05, 0.3, 0.9}, {0.2, 0.4, 0.6});
  EXPECT_EQ(c.edges, (std::vector<double>{0.05, 0.2, 0.4, 0.6, 0.9}));
  EXPECT_EQ(c.class_of(0.2), 1);  // [0.2, 0.4)
  EXPECT_EQ(c.class_of(0.9), 3);  // the last class is closed
  EXPECT_EQ(c.class_of(0.6), 3);
}

TEST(LegendLabels, UnambiguousAtTheEdges) {
  const Classes c{{0.0, 0.2, 0.4, 1.0}};
  EXPECT_EQ(class_label(c, 0, true), "0% to <20%");
  EXPECT_EQ(class_label(c, 1, true), "20% to <40%");
  EXPECT_EQ(class_label(c, 2, true), "40% to 100%");  // last class closed
  const Classes fine{{0.2012, 0.2047, 0.31}};
  EXPECT_NE(class_label(fine, 0, true), class_label(fine, 1, true));
  EXPECT_EQ(class_label(fine, 0, true), "20.1% to <20.5%");
  const Classes counts{{0, 5, 10, 1200}};
  EXPECT_EQ(class_label(counts, 0, false), "0 to <5");
  EXPECT_EQ(class_label(counts, 2, false), "10 to 1,200");
}

// The real-data case above joins the list only with ../shared/data: say so when it is missing.
TEST(ClassifyReference, ManchesterIncomeCaseRuns) {
  REACHMAP_REQUIRE_SHARED_DATA();
  EXPECT_EQ(manchester_income().size(), 282u);  // LSOA 2011
}
