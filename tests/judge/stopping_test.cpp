#include <gtest/gtest.h>

#include <cmath>

#include "judge/stats.hpp"
#include "judge/stopping.hpp"

using namespace arbiter::judge;

TEST(Stats, Summary) {
  Summary s = summarise({1, 2, 3, 4, 10});
  EXPECT_EQ(s.runs, 5u);
  EXPECT_DOUBLE_EQ(s.mean, 4);
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 10);
  EXPECT_NEAR(s.std, 3.5355, 1e-3);
  EXPECT_NEAR(s.rel_err, 3.5355 / std::sqrt(5.0) / 4, 1e-4);
  EXPECT_EQ(summarise({}).runs, 0u);
}

TEST(Stopping, WaitsForMinRunsEvenWhenQuiet) {
  StoppingRule r{10, 100, 0.01, 1e12};
  std::vector<double> s(9, 100.0);
  EXPECT_EQ(should_stop(r, s, 0), StopReason::none);
  s.push_back(100.0);
  EXPECT_EQ(should_stop(r, s, 0), StopReason::converged);
}

TEST(Stopping, NoisyRunsContinueUntilMaxOrBudget) {
  StoppingRule r{3, 6, 0.001, 1e9};
  std::vector<double> s = {1, 100, 1, 100};
  EXPECT_EQ(should_stop(r, s, 0), StopReason::none);
  EXPECT_EQ(should_stop(r, s, 2e9), StopReason::budget);
  s = {1, 100, 1, 100, 1, 100};
  EXPECT_EQ(should_stop(r, s, 0), StopReason::max_runs);
}

TEST(Stopping, WarmUpStopsAfterTheFirstCallWhenCallsTakeSeconds) {
  const double budget = 10e9;
  EXPECT_TRUE(keep_warming_up(0, 3, 0, budget));       // the first warm-up call always
  EXPECT_TRUE(keep_warming_up(2, 3, 5e6, budget));     // microsecond kernels: all three
  EXPECT_FALSE(keep_warming_up(3, 3, 5e6, budget));
  EXPECT_FALSE(keep_warming_up(1, 3, 9.4e9, budget));  // a 9 s call: one is enough
  EXPECT_FALSE(keep_warming_up(0, 0, 0, budget));      // the problem asked for none
}

TEST(Stats, ScoreRules) {
  using arbiter::judge::ScoreRule;
  const std::vector<double> m{100, 400};
  EXPECT_DOUBLE_EQ(arbiter::judge::aggregate_score(m, ScoreRule::last), 400);
  EXPECT_DOUBLE_EQ(arbiter::judge::aggregate_score(m, ScoreRule::mean), 250);
  EXPECT_NEAR(arbiter::judge::aggregate_score(m, ScoreRule::geomean), 200, 1e-9);
  EXPECT_NEAR(arbiter::judge::aggregate_score({0.5, 4}, ScoreRule::geomean), 2, 1e-9);  // 1 ns floor
}
