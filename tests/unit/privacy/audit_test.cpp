// audit_problem: whether each hidden count can still leave its protection interval, under
// every relation at once.
#include "engine/privacy/audit.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

#include "engine/privacy/audit_local.hpp"

using namespace reachmap;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A small count (1-4, published as 0-4): protected when it can be 0 or 5.
void small(AuditProblem& p, double truth) {
  p.lo.push_back(0), p.hi.push_back(4), p.truth.push_back(truth);
  p.down.push_back(0), p.up.push_back(5);
}
// Another hidden count (no band): protected when it is not pinned.
void other(AuditProblem& p, double truth) {
  p.lo.push_back(0), p.hi.push_back(kInf), p.truth.push_back(truth);
  p.down.push_back(truth - 1), p.up.push_back(truth + 1);
}
void equal(AuditProblem& p, std::vector<std::size_t> vars, double total) {
  AuditRow r;
  for (std::size_t v : vars) r.terms.emplace_back(v, 1.0);
  r.lo = r.hi = total;
  p.rows.push_back(r);
}

}  // namespace

TEST(Audit, TwoSmallCountsThatMakeFiveCannotBeZero) {
  // x + y = 5 with both 0-4: each is 1 to 4, a range that holds neither 0 nor 5.
  AuditProblem p;
  small(p, 2), small(p, 3);
  equal(p, {0, 1}, 5);
  const auto v = audit_problem(p);
  EXPECT_FALSE(v[0].protected_);
  EXPECT_FALSE(v[1].protected_);
  EXPECT_EQ(v[0].seen_lo, 1);
}

TEST(Audit, ACompanionWithNoBandLetsTheSmallCountBeZero) {
  AuditProblem p;
  small(p, 2), small(p, 3), other(p, 9);
  equal(p, {0, 1, 2}, 14);
  const auto v = audit_problem(p);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(v[i].protected_) << i;
}

TEST(Audit, AChainOfTwoSumsPinsWhatEachSumAloneDoesNot) {
  // a + b = 11 (a reach area), a + b + c = 14 (the layer less its published areas): c = 3,
  // though each sum alone has two hidden parts.
  AuditProblem p;
  small(p, 2), other(p, 9), other(p, 3);
  equal(p, {0, 1}, 11);
  equal(p, {0, 1, 2}, 14);
  const auto v = audit_problem(p);
  EXPECT_TRUE(v[0].protected_);
  EXPECT_TRUE(v[1].protected_);
  EXPECT_FALSE(v[2].protected_) << "c is pinned at 3";
  EXPECT_EQ(v[2].seen_lo, 3);
  EXPECT_EQ(v[2].seen_hi, 3);
}

TEST(Audit, AnOrderBoundsASmallCountFromBelow) {
  // sustained <= seen: a published sustained of 2 leaves seen 2 to 4.
  AuditProblem p;
  small(p, 3);
  AuditRow r;
  r.terms = {{0, -1.0}};
  r.hi = -2;  // -seen <= -2
  p.rows.push_back(r);
  EXPECT_FALSE(audit_problem(p)[0].protected_);
  p.rows.back().hi = 0;
  EXPECT_TRUE(audit_problem(p)[0].protected_);
}

TEST(Audit, PartsThatDidNotChangeAreNotSolvedAgain) {
  AuditProblem p;
  small(p, 2), small(p, 3), small(p, 1);
  equal(p, {0, 1}, 5);
  p.dirty = {0, 0, 1};
  AuditWork work;
  const auto v = audit_problem(p, &work);
  EXPECT_FALSE(v[0].audited);
  EXPECT_FALSE(v[1].audited);
  EXPECT_TRUE(v[2].audited);
  EXPECT_TRUE(v[2].protected_);
  EXPECT_EQ(work.parts, 0u);  // the one part with two unknowns was clean
}

TEST(Audit, TheSameVerdictsAndRangesAtAnyThreadCount) {
  // 600 parts (more than the 256 chunks, so some chunks hold several): a pinned pair, a free
  // trio and a chained pair, in turn.
  AuditProblem p;
  for (std::size_t i = 0; i < 600; ++i) {
    const std::size_t v = p.lo.size();
    if (i % 3 == 0) small(p, 2), small(p, 3), equal(p, {v, v + 1}, 5);
    if (i % 3 == 1) small(p, 2), small(p, 3), other(p, 9), equal(p, {v, v + 1, v + 2}, 14);
    if (i % 3 == 2) other(p, 4), other(p, 7), equal(p, {v, v + 1}, 11), equal(p, {v}, 4);
  }
  const std::vector<char> want(p.lo.size(), 1);
  AuditWork one, two;
  const auto a = audit_problem(p, &one, 1), b = audit_problem(p, &two, 2);
  ASSERT_EQ(a.size(), b.size());
  std::size_t unprotected = 0;
  for (std::size_t v = 0; v < a.size(); ++v) {
    EXPECT_EQ(a[v].protected_, b[v].protected_) << v;
    EXPECT_EQ(a[v].seen_lo, b[v].seen_lo) << v;
    EXPECT_EQ(a[v].seen_hi, b[v].seen_hi) << v;
    EXPECT_EQ(a[v].binding_rows, b[v].binding_rows) << v;
    unprotected += !a[v].protected_;
  }
  EXPECT_EQ(unprotected, 200u * 2 + 200u * 2);  // the pinned pairs and the chained pairs
  EXPECT_EQ(one.lps, two.lps);
  EXPECT_EQ(one.parts, two.parts);
  EXPECT_EQ(exact_ranges(p, want, 1), exact_ranges(p, want, 2));
}

namespace {

// A part of 800 hidden counts (reach areas chained across a city): x_i + x_(i+1) = 20, all at
// 10, so even counts are 10 + t and odd ones 10 - t, and a published count beside each caps
// it (a row over one unknown: even x <= 10, odd x >= 10), leaving t from -10 to 0. `pinned`
// adds x_0 >= 10, which leaves only t = 0. Rows and unknowns are named by their positions.
AuditProblem chain(bool pinned) {
  constexpr std::size_t n = 800;
  AuditProblem p;
  for (std::size_t i = 0; i < n; ++i) other(p, 10);
  for (std::size_t i = 0; i + 1 < n; ++i) equal(p, {i, i + 1}, 20);
  for (std::size_t i = 0; i < n; ++i) {
    AuditRow r;
    r.terms = {{i, i % 2 ? -1.0 : 1.0}};
    r.hi = i % 2 ? -10 : 10;
    p.rows.push_back(r);
  }
  AuditRow pin;
  pin.terms = {{0, 1.0}};
  pin.lo = pinned ? 10 : 0;
  p.rows.push_back(pin);
  for (std::size_t v = 0; v < n; ++v) p.var_keys.push_back(v);
  for (std::size_t r = 0; r < p.rows.size(); ++r) p.row_keys.push_back(r);
  return p;
}

}  // namespace

TEST(Audit, ALargePartPinnedThroughBoundsNamesTheRowsThatHoldIt) {
  const AuditProblem free = chain(false), pinned = chain(true);
  const auto a = audit_problem(free, nullptr, 2);
  for (std::size_t v = 0; v < a.size(); ++v) EXPECT_TRUE(a[v].protected_) << v;
  const auto b = audit_problem(pinned, nullptr, 2);
  for (std::size_t v = 0; v < b.size(); ++v) {
    EXPECT_FALSE(b[v].protected_) << v;
    EXPECT_FALSE(b[v].binding_rows.empty()) << v;
  }
  // x_0 is held by the pin and by x_0 <= 10 (or x_1 >= 10 and their sum), rows over one
  // unknown: they are named, not bounds. So is every count's, far from the pin (shown by the
  // part's own LP, where such rows are folded into bounds) or near it (by its neighbourhood's).
  const std::size_t cap = 799, pin = pinned.rows.size() - 1;
  const auto named = [&](std::size_t v, std::size_t row) {
    return std::find(b[v].binding_rows.begin(), b[v].binding_rows.end(), row) !=
           b[v].binding_rows.end();
  };
  EXPECT_TRUE(named(0, pin));
  EXPECT_TRUE(named(0, cap) || (named(0, 0) && named(0, cap + 1)));
  for (std::size_t v = 0; v < b.size(); ++v) EXPECT_TRUE(b[v].binding_bounds.empty()) << v;
  EXPECT_TRUE(named(400, pin));  // through the whole chain
  // ... by the sums that carry the pin to it (the part's LP's row duals).
  EXPECT_TRUE(std::any_of(b[400].binding_rows.begin(), b[400].binding_rows.end(),
                          [&](std::size_t row) { return row < cap; }));
}

TEST(Audit, ALargePartFromLastRoundsBasisGivesTheVerdictsOfAColdStart) {
  // Audited pinned first, then loosened (the pin withdrawn): from the basis the first audit
  // ended with, at one and two threads, the verdicts are those from scratch.
  AuditBasis basis;
  audit_problem(chain(true), nullptr, 1, &basis);
  EXPECT_FALSE(basis.down.columns.empty());
  EXPECT_FALSE(basis.up.columns.empty());
  const AuditProblem loose = chain(false);
  const auto cold = audit_problem(loose, nullptr, 1);
  AuditBasis one = basis, two = basis;
  AuditWork w1, w2;
  const auto warm1 = audit_problem(loose, &w1, 1, &one), warm2 = audit_problem(loose, &w2, 2, &two);
  for (std::size_t v = 0; v < cold.size(); ++v) {
    EXPECT_EQ(cold[v].protected_, warm1[v].protected_) << v;
    EXPECT_EQ(warm1[v].protected_, warm2[v].protected_) << v;
    EXPECT_EQ(warm1[v].seen_lo, warm2[v].seen_lo) << v;
    EXPECT_EQ(warm1[v].seen_hi, warm2[v].seen_hi) << v;
  }
  EXPECT_EQ(w1.lps, w2.lps);
  EXPECT_EQ(one.down, two.down);
  EXPECT_EQ(one.up, two.up);
}

TEST(Audit, ALargePartsCountsPinnedNearbyNeedNoLpOfThePart) {
  // 600 counts chained by x_i + x_(i+1) = 20, each also held at 10 by two rows of its own
  // (x_i <= 10 and x_i >= 10, published counts beside it): each is pinned within its own rows,
  // which its neighbourhood's LP shows, naming rows near it (its own, or a neighbour's and the
  // sum between them: the duals may take either).
  AuditProblem p;
  constexpr std::size_t n = 600;
  for (std::size_t i = 0; i < n; ++i) other(p, 10);
  for (std::size_t i = 0; i + 1 < n; ++i) equal(p, {i, i + 1}, 20);
  for (std::size_t i = 0; i < n; ++i) {
    AuditRow below, above;
    below.terms = above.terms = {{i, 1.0}};
    below.hi = 10, above.lo = 10;
    p.rows.push_back(below), p.rows.push_back(above);
  }
  AuditWork work;
  const auto v = audit_problem(p, &work, 2);
  EXPECT_EQ(work.pinned_near, n);
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_FALSE(v[i].protected_) << i;
    EXPECT_FALSE(v[i].binding_rows.empty()) << i;
    for (std::size_t r : v[i].binding_rows)
      for (const auto& [var, coef] : p.rows[r].terms)
        EXPECT_LE(std::max(var, i) - std::min(var, i), 3u) << i << " held by row " << r;
  }
}

TEST(Audit, ACountFreeInItsNeighbourhoodIsLeftToThePartsOwnLp) {
  // Counts chained by x_i + x_(i+1) = 20, all at 10: within three steps each can reach 0 or
  // 20, which proves nothing (the neighbourhood only drops rows), so the part's LP must say;
  // pinned by rows of its own (x_i <= 10, x_i >= 10), each is shown pinned there.
  for (const bool held : {false, true}) {
    AuditProblem p;
    constexpr std::size_t n = 40;
    for (std::size_t i = 0; i < n; ++i) other(p, 10);
    for (std::size_t i = 0; i + 1 < n; ++i) equal(p, {i, i + 1}, 20);
    for (std::size_t i = 0; i < n && held; ++i) equal(p, {i}, 10);
    std::vector<std::size_t> vars(n);
    std::iota(vars.begin(), vars.end(), 0);
    std::vector<audit_lp::PartRow> rows;
    for (std::size_t r = 0; r < p.rows.size(); ++r) rows.push_back({r, false, 0, 0, {}});
    const audit_lp::Neighbourhoods near(p, vars, rows);
    glp_term_out(GLP_OFF);
    AuditWork work;
    for (std::size_t i = 0; i < n; ++i) {
      AuditVerdict v;
      EXPECT_EQ(near.shows_unprotected(i, v, work), held) << i;
      EXPECT_EQ(v.binding_rows.empty(), !held) << i;
      EXPECT_FALSE(v.protected_) << i;
    }
    EXPECT_EQ(work.lps, held ? 2 * n : n);  // free: it stops at the first direction
    glp_free_env();
  }
}

TEST(Audit, ACountInLongRowsAloneIsLeftToThePartsOwnLp) {
  // Its one row, over 100 counts (a district's total), is too long to be near anything.
  AuditProblem p;
  std::vector<std::size_t> vars(100);
  std::iota(vars.begin(), vars.end(), 0);
  for (std::size_t i = 0; i < vars.size(); ++i) other(p, 10);
  equal(p, vars, 1000);
  const std::vector<audit_lp::PartRow> rows{{0, false, 0, 0, {}}};
  const audit_lp::Neighbourhoods near(p, vars, rows);
  AuditWork work;
  AuditVerdict v;
  EXPECT_FALSE(near.shows_unprotected(0, v, work));
  EXPECT_EQ(work.lps, 0u);
}

TEST(Audit, APartOfOneOrTwoCountsGetsTheVerdictsOfItsLp) {
  // 400 parts of two counts and 100 of one, each part held by rows of one or two of its counts
  // (sums, differences, caps), and all of them in two long rows (a layer's totals): a part's
  // polygon in the plane must give the verdicts of the LP ranges.
  std::mt19937 rng(7);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  AuditProblem p;
  AuditRow total, others;
  for (std::size_t i = 0; i < 500; ++i) {
    const std::size_t v = p.lo.size(), n = i < 400 ? 2 : 1;
    for (std::size_t k = 0; k < n; ++k) {
      const double t = pick(1, 9);
      t < 5 && pick(0, 1) ? small(p, t) : other(p, t);
      (i % 2 ? total : others).terms.emplace_back(v + k, 1.0);
    }
    const double x = p.truth[v], y = n == 2 ? p.truth[v + 1] : 0;
    if (n == 2 && pick(0, 2)) equal(p, {v, v + 1}, x + y);
    if (n == 2 && pick(0, 1)) {
      AuditRow d;  // x - y, published within a band
      d.terms = {{v, 1.0}, {v + 1, -1.0}};
      d.lo = x - y - pick(0, 2), d.hi = x - y + pick(0, 2);
      p.rows.push_back(d);
    }
    if (pick(0, 1)) {
      AuditRow cap;  // x at most (or at least) a published count
      cap.terms = {{v, pick(0, 1) ? 1.0 : -1.0}};
      cap.lo = cap.terms[0].second > 0 ? -kInf : -x - pick(0, 3);
      cap.hi = cap.terms[0].second > 0 ? x + pick(0, 3) : kInf;
      p.rows.push_back(cap);
    }
  }
  for (AuditRow* row : {&total, &others}) {
    double sum = 0;
    for (const auto& [v, c] : row->terms) sum += p.truth[v];
    row->lo = sum - 2, row->hi = sum + 2;
    p.rows.push_back(*row);
  }
  AuditWork work;
  const auto verdicts = audit_problem(p, &work);
  const auto ranges = value_ranges(p, std::vector<char>(p.lo.size(), 1));
  std::size_t shown = 0, unshown = 0;
  for (std::size_t v = 0; v < p.lo.size(); ++v) {
    ASSERT_TRUE(ranges[v]) << v;
    const auto [lo, hi] = *ranges[v];
    EXPECT_EQ(verdicts[v].protected_, lo <= p.down[v] || hi >= p.up[v]) << v;
    // What was seen are solutions: within the range (whole numbers inward), and the protected
    // show why.
    EXPECT_GT(verdicts[v].seen_lo, lo - 1) << v;
    EXPECT_LT(verdicts[v].seen_hi, hi + 1) << v;
    if (verdicts[v].protected_) {
      EXPECT_TRUE(verdicts[v].seen_lo <= p.down[v] || verdicts[v].seen_hi >= p.up[v]) << v;
    }
    (verdicts[v].protected_ ? shown : unshown) += 1;
  }
  EXPECT_GT(shown, 100u);
  EXPECT_GT(unshown, 50u);
  // Only parts with a count left unprotected need their LP.
  EXPECT_LT(work.lps, 4 * unshown);
}
