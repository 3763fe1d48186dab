// eval.py's result lines folded into a report: what an honest eval.py writes, and what a
// submission sharing its process could write instead.
#include <gtest/gtest.h>

#include "judge/python/popcorn_results.hpp"

using arbiter::judge::Evaluation;
using arbiter::judge::Verdict;
using arbiter::judge::python::EvalPyStage;
using arbiter::judge::python::fold_stage;
using arbiter::judge::python::parse_popcorn;

namespace {
EvalPyStage stage(const std::string& lines, int exit_code = 0) {
  EvalPyStage r;
  r.exit_code = exit_code;
  r.results = lines;
  return r;
}
}  // namespace

TEST(PopcornResults, LinesSplitAtTheFirstColonLaterDuplicatesWin) {
  const auto kv = parse_popcorn("a: 1\nno colon\nb: x: y\na: 2\n");
  EXPECT_EQ(kv.at("a"), "2");
  EXPECT_EQ(kv.at("b"), "x: y");
  EXPECT_EQ(kv.size(), 2u);
}

TEST(PopcornResults, HonestStagesFold) {
  Evaluation ev;
  EXPECT_TRUE(fold_stage(stage("test-count: 2\ntest.0.spec: n: 1\ntest.0.status: pass\ntest.1.spec: n: 2\n"
                               "test.1.status: pass\ncheck: pass\n"),
                         false, 60, 2, 0, ev));
  ASSERT_EQ(ev.tests.size(), 2u);
  EXPECT_EQ(ev.tests[1].name, "n: 2");
  EXPECT_TRUE(fold_stage(stage("benchmark-count: 1\nbenchmark.0.spec: n: 9\nbenchmark.0.runs: 40\n"
                               "benchmark.0.mean: 1500.5\nbenchmark.0.err: 15\ncheck: pass\n"),
                         true, 60, 1, 1, ev));
  ASSERT_EQ(ev.benchmarks.size(), 1u);
  EXPECT_EQ(ev.benchmarks[0].summary.runs, 40u);
  EXPECT_DOUBLE_EQ(ev.benchmarks[0].summary.mean, 1500.5);
  EXPECT_DOUBLE_EQ(ev.benchmarks[0].summary.rel_err, 15 / 1500.5);
  EXPECT_EQ(ev.timed_iterations, 40u);

  Evaluation wrong;
  EXPECT_FALSE(fold_stage(stage("test-count: 1\ntest.0.spec: n: 1\ntest.0.status: fail\ntest.0.error: off by one\n"
                                "check: fail\n",
                                112),
                          false, 60, 1, 0, wrong));
  EXPECT_EQ(wrong.verdict, Verdict::wrong_answer);
  EXPECT_EQ(wrong.reason, "test n: 1: off by one");
}

// A count larger than the cases given would have the judge allocate a result per claim: refused as
// a forged channel, without allocating (the fuzz target fuzz_popcorn_results checks the bound).
TEST(PopcornResults, ForgedCountsAreRejectedNotObeyed) {
  for (const char* lines : {"test-count: 2000000000\ncheck: pass\n", "test-count: 1e300\ncheck: pass\n",
                            "test-count: 4\ncheck: pass\n"}) {
    Evaluation ev;
    EXPECT_FALSE(fold_stage(stage(lines), false, 60, 3, 0, ev)) << lines;
    EXPECT_EQ(ev.verdict, Verdict::rejected) << lines;
    EXPECT_TRUE(ev.tests.empty());
    EXPECT_NE(ev.reason.find("forged result channel"), std::string::npos);
  }
  Evaluation ev;
  EXPECT_FALSE(fold_stage(stage("benchmark-count: 99\ncheck: pass\n"), true, 60, 2, 2, ev));
  EXPECT_EQ(ev.verdict, Verdict::rejected);
}

TEST(PopcornResults, NumbersThatAreNotFiniteBecomeZero) {
  Evaluation ev;
  EXPECT_TRUE(fold_stage(stage("benchmark-count: 1\nbenchmark.0.runs: -5\nbenchmark.0.mean: nan\n"
                               "benchmark.0.best: inf\nbenchmark.0.worst: 1e999\nbenchmark.0.std: x\ncheck: pass\n"),
                         true, 60, 1, 1, ev));
  const auto& s = ev.benchmarks.at(0).summary;
  EXPECT_EQ(s.runs, 0u);
  EXPECT_EQ(s.mean, 0);
  EXPECT_EQ(s.min, 0);
  EXPECT_EQ(s.max, 0);
  EXPECT_EQ(s.std, 0);
  Evaluation huge;
  EXPECT_TRUE(fold_stage(stage("benchmark-count: 1\nbenchmark.0.runs: 1e30\ncheck: pass\n"), true, 60, 1, 1, huge));
  EXPECT_EQ(huge.benchmarks.at(0).summary.runs, (std::size_t{1} << 30) + 1);
}

TEST(PopcornResults, ExitCodesAndTimeouts) {
  Evaluation crash;
  EXPECT_FALSE(fold_stage(stage("check: pass\n", 110), false, 60, 1, 0, crash));
  EXPECT_EQ(crash.verdict, Verdict::crash);
  Evaluation error;
  EXPECT_FALSE(fold_stage(stage("", 113), false, 60, 1, 0, error));
  EXPECT_EQ(error.verdict, Verdict::error);
  EvalPyStage late = stage("check: pass\n");
  late.timed_out = true;
  Evaluation timeout;
  EXPECT_FALSE(fold_stage(late, false, 60, 1, 0, timeout));
  EXPECT_EQ(timeout.verdict, Verdict::timeout);
  Evaluation silent;  // exit 0 without a passing check line
  EXPECT_FALSE(fold_stage(stage(""), false, 60, 1, 0, silent));
  EXPECT_EQ(silent.verdict, Verdict::wrong_answer);
}
