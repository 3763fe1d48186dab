#include <gtest/gtest.h>

#include "core/error.hpp"
#include "problem/expr.hpp"

using arbiter::Error;
using arbiter::problem::Expr;

TEST(Expr, Arithmetic) {
  EXPECT_EQ(Expr::parse("12 * n").eval({{"n", 3}}), 36);
  EXPECT_EQ(Expr::parse("2*m*n*k").eval({{"m", 2}, {"n", 3}, {"k", 4}}), 48);
  EXPECT_EQ(Expr::parse("(n + 1) / 2 - n % 2").eval({{"n", 7}}), 3);
  EXPECT_EQ(Expr::parse("max(n, 4) + min(n, 4)").eval({{"n", 9}}), 13);
  EXPECT_EQ(Expr::parse("-n + 10").eval({{"n", 3}}), 7);
}

TEST(Expr, ErrorsNameTheProblem) {
  EXPECT_THROW(Expr::parse("n +"), Error);
  EXPECT_THROW(Expr::parse("(n"), Error);
  EXPECT_THROW(Expr::parse("n $ 2"), Error);
  EXPECT_THROW(Expr::parse("99999999999999999999"), Error);
  try {
    Expr::parse("n / 0").eval({{"n", 1}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("division by zero"), std::string::npos);
  }
  EXPECT_THROW(Expr::parse("x").eval({{"n", 1}}), Error);
  EXPECT_THROW(Expr::parse("n * n * n").eval({{"n", int64_t{1} << 40}}), Error);
}

TEST(Expr, DeepNestingIsRefused) {
  EXPECT_THROW(Expr::parse(std::string(1000, '(') + "1" + std::string(1000, ')')), Error);
}

TEST(Expr, Names) {
  std::set<std::string> names;
  Expr::parse("m * k + max(n, 2)").names(names);
  EXPECT_EQ(names, (std::set<std::string>{"k", "m", "n"}));
}
