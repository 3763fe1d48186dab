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
