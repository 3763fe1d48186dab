#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "judge/checker.hpp"

using namespace arbiter;
using namespace arbiter::judge;

namespace {
problem::CheckSpec spec(double rtol, double atol, problem::NanRule nan = problem::NanRule::error) {
  problem::CheckSpec s;
  s.rtol = rtol;
  s.atol = atol;
  s.nan = nan;
  return s;
}
const float kNan = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();
}  // namespace

TEST(Checker, ToleranceIsAtolPlusRtolTimesExpected) {
  float want[] = {100.0f, 0.0f};
  float ok[] = {100.0f + 100 * 1e-3f * 0.99f, 0.5e-3f};
  float bad[] = {100.0f + 100 * 1e-3f * 1.5f, 0.0f};
  EXPECT_TRUE(check_tensor("c", DType::f32, ok, want, 2, spec(1e-3, 1e-3)).ok);
  auto r = check_tensor("c", DType::f32, bad, want, 2, spec(1e-3, 1e-3));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.mismatches, 1u);
  EXPECT_NE(r.message.find("c[0]"), std::string::npos);
}

TEST(Checker, NanNeverPassesUnderErrorRule) {
  float want[] = {1.0f, kNan};
  float got[] = {1.0f, kNan};
  EXPECT_FALSE(check_tensor("c", DType::f32, got, want, 2, spec(1, 1)).ok);
  float got_nan[] = {kNan, 0};
  float want_ok[] = {1.0f, 0};
  EXPECT_FALSE(check_tensor("c", DType::f32, got_nan, want_ok, 2, spec(1e9, 1e9)).ok);  // huge tolerance
  float got_inf[] = {kInf, 0};
  EXPECT_FALSE(check_tensor("c", DType::f32, got_inf, want_ok, 2, spec(1e9, 1e9)).ok);
}

TEST(Checker, MatchRuleRequiresSameNonFinite) {
  float want[] = {kNan, kInf, -kInf};
  float same[] = {kNan, kInf, -kInf};
  float diff[] = {kNan, -kInf, -kInf};
  float finite[] = {0, kInf, -kInf};
  EXPECT_TRUE(check_tensor("c", DType::f32, same, want, 3, spec(0, 0, problem::NanRule::match)).ok);
  EXPECT_FALSE(check_tensor("c", DType::f32, diff, want, 3, spec(0, 0, problem::NanRule::match)).ok);
  EXPECT_FALSE(check_tensor("c", DType::f32, finite, want, 3, spec(1e9, 1e9, problem::NanRule::match)).ok);
}

TEST(Checker, IntegersAndExactAreBitwise) {
  int64_t want[] = {1, 2, 3};
  int64_t got[] = {1, 2, 4};
  EXPECT_FALSE(check_tensor("y", DType::i64, got, want, 3, spec(1, 1)).ok);
  auto s = spec(1, 1);
  s.exact = true;
  float fw[] = {1.0f}, fg[] = {1.0000001f};
  EXPECT_FALSE(check_tensor("c", DType::f32, fg, fw, 1, s).ok);
  EXPECT_TRUE(check_tensor("c", DType::f32, fw, fw, 1, s).ok);
}

TEST(Checker, CountsEveryMismatchButQuotesAFew) {
  std::vector<float> want(1000, 1.0f), got(1000, 2.0f);
  auto r = check_tensor("c", DType::f32, got.data(), want.data(), 1000, spec(0, 0));
  EXPECT_EQ(r.mismatches, 1000u);
  EXPECT_NE(r.message.find("1000 of 1000"), std::string::npos);
  EXPECT_LT(r.message.size(), 400u);
}
