#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "judge/generate.hpp"

using namespace arbiter;
using namespace arbiter::judge;
using problem::Distribution;

TEST(Generate, DeterministicPerSeedAndFreshPerIteration) {
  std::vector<float> a(1000), b(1000), c(1000);
  fill(a.data(), DType::f32, 1000, Distribution::normal, -1, 1, iteration_seed(1, 2, 3, 0));
  fill(b.data(), DType::f32, 1000, Distribution::normal, -1, 1, iteration_seed(1, 2, 3, 0));
  fill(c.data(), DType::f32, 1000, Distribution::normal, -1, 1, iteration_seed(1, 2, 4, 0));
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_NE(iteration_seed(1, 2, 3, 0), iteration_seed(9, 2, 3, 0));
}

TEST(Generate, DistributionsHaveTheirShape) {
  std::vector<float> v(10000);
  fill(v.data(), DType::f32, v.size(), Distribution::zeros, -1, 1, 1);
  for (float x : v) EXPECT_EQ(x, 0.0f);
  fill(v.data(), DType::f32, v.size(), Distribution::uniform, 2, 3, 1);
  for (float x : v) EXPECT_TRUE(x >= 2 && x <= 3);
  fill(v.data(), DType::f32, v.size(), Distribution::denormal, -1, 1, 1);
  int sub = 0;
  for (float x : v) sub += std::fpclassify(x) == FP_SUBNORMAL;
  EXPECT_GT(sub, 1000);
  fill(v.data(), DType::f32, v.size(), Distribution::large, -1, 1, 1);
  float mx = 0;
  for (float x : v) mx = std::max(mx, std::fabs(x));
  EXPECT_GT(mx, 1e5f);
  std::vector<int32_t> iv(1000);
  fill(iv.data(), DType::i32, iv.size(), Distribution::normal, -5, 5, 1);
  for (int32_t x : iv) EXPECT_TRUE(x >= -5 && x <= 5);
}

TEST(Generate, LargeFillsAreChunkedDeterministicallyAndStreamsDiffer) {
  // Past one chunk (65536 elements) the fill runs on several threads: the values must not depend
  // on scheduling, and the chunks must not repeat one another.
  std::vector<float> a(300000), b(300000), small(1000);
  fill(a.data(), DType::f32, a.size(), Distribution::normal, -1, 1, 77);
  fill(b.data(), DType::f32, b.size(), Distribution::normal, -1, 1, 77);
  EXPECT_EQ(a, b);
  fill(small.data(), DType::f32, small.size(), Distribution::normal, -1, 1, 77);
  EXPECT_TRUE(std::equal(small.begin(), small.end(), a.begin()));  // the first chunk is the plain stream
  EXPECT_FALSE(std::equal(a.begin(), a.begin() + 1000, a.begin() + 65536));
  EXPECT_FALSE(std::equal(a.begin() + 65536, a.begin() + 66536, a.begin() + 131072));
}

// The ziggurat's tables and tail: the moments and the tail masses of a standard normal.
TEST(Generate, NormalHasTheStandardNormalsMomentsAndTails) {
  std::vector<double> v(2000000);
  fill(v.data(), DType::f64, v.size(), Distribution::normal, -1, 1, 12345);
  double sum = 0, sq = 0, fourth = 0;
  std::size_t beyond1 = 0, beyond2 = 0, beyond3 = 0, beyond_r = 0, negative = 0;
  for (double x : v) {
    sum += x;
    sq += x * x;
    fourth += x * x * x * x;
    beyond1 += std::fabs(x) > 1;
    beyond2 += std::fabs(x) > 2;
    beyond3 += std::fabs(x) > 3;
    beyond_r += std::fabs(x) > 3.45;  // the tail past the ziggurat's base box
    negative += x < 0;
  }
  const double n = static_cast<double>(v.size());
  EXPECT_NEAR(sum / n, 0, 0.003);
  EXPECT_NEAR(sq / n, 1, 0.005);
  EXPECT_NEAR(fourth / n, 3, 0.03);  // kurtosis
  EXPECT_NEAR(negative / n, 0.5, 0.002);
  EXPECT_NEAR(beyond1 / n, 0.317311, 0.002);
  EXPECT_NEAR(beyond2 / n, 0.0455003, 0.0005);
  EXPECT_NEAR(beyond3 / n, 0.0026998, 0.0001);
  EXPECT_NEAR(beyond_r / n, 0.000560, 0.00006);
}

TEST(Generate, RandomBytesAreDeterministicAndUseEveryValue) {
  std::vector<unsigned char> a(3000001), b(3000001), c(3000001);
  fill_bytes(a.data(), a.size(), 9);
  fill_bytes(b.data(), b.size(), 9);
  fill_bytes(c.data(), c.size(), 10);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::vector<std::size_t> seen(256);
  for (unsigned char x : a) ++seen[x];
  for (std::size_t k : seen) EXPECT_NEAR(static_cast<double>(k), a.size() / 256.0, 600);  // ~11719 each
  EXPECT_FALSE(std::equal(a.begin(), a.begin() + 1000, a.begin() + (1 << 20)));  // chunks differ
}
