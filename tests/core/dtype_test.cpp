#include <gtest/gtest.h>

#include <cmath>

#include "core/dtype.hpp"

using namespace arbiter;

TEST(DType, NamesRoundTrip) {
  for (auto t : {DType::f32, DType::f64, DType::i32, DType::i64, DType::u8, DType::f16, DType::bf16})
    EXPECT_EQ(parse_dtype(dtype_name(t)), t);
  EXPECT_FALSE(parse_dtype("float128"));
  EXPECT_FALSE(dtype_valid(0));
  EXPECT_FALSE(dtype_valid(8));
}

TEST(DType, HalfConversions) {
  for (float f : {0.0f, 1.0f, -2.5f, 65504.0f, 6.1035156e-05f, 5.9604645e-08f})
    EXPECT_EQ(half_to_float(float_to_half(f)), f) << f;
  EXPECT_TRUE(std::isinf(half_to_float(float_to_half(1e6f))));
  EXPECT_TRUE(std::isnan(half_to_float(float_to_half(NAN))));
  EXPECT_EQ(bf16_to_float(float_to_bf16(1.5f)), 1.5f);
  EXPECT_TRUE(std::isnan(bf16_to_float(float_to_bf16(NAN))));
}
