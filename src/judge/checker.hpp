#pragma once
// Compares a snapshot of an output with the reference's, in the judge's own memory.
#include <cstddef>
#include <string>

#include "core/dtype.hpp"
#include "problem/problem.hpp"

namespace arbiter::judge {

struct CheckResult {
  bool ok = true;
  std::size_t mismatches = 0;
  std::string message;  // the first few mismatches, index and values
};

// Elementwise: |got - want| <= atol + rtol * |want|, or bitwise-equal when spec.exact or for
// integer dtypes. NaN/Inf: with NanRule::error a non-finite value never passes (nor a finite one
// where the reference is non-finite); with NanRule::match it must match the reference's.
CheckResult check_tensor(const std::string& name, DType dtype, const void* got, const void* want, std::size_t count,
                         const problem::CheckSpec& spec);

}  // namespace arbiter::judge
