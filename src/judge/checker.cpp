#include "judge/checker.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

namespace arbiter::judge {
namespace {

double load(DType t, const void* base, std::size_t i) {
  const unsigned char* p = static_cast<const unsigned char*>(base);
  switch (t) {
    case DType::f32: { float f; std::memcpy(&f, p + 4 * i, 4); return f; }
    case DType::f64: { double d; std::memcpy(&d, p + 8 * i, 8); return d; }
    case DType::i32: { int32_t x; std::memcpy(&x, p + 4 * i, 4); return x; }
    case DType::i64: { int64_t x; std::memcpy(&x, p + 8 * i, 8); return static_cast<double>(x); }
    case DType::u8: return p[i];
    case DType::f16: { uint16_t h; std::memcpy(&h, p + 2 * i, 2); return half_to_float(h); }
    case DType::bf16: { uint16_t h; std::memcpy(&h, p + 2 * i, 2); return bf16_to_float(h); }
  }
  return 0;
}

bool close_enough(double got, double want, const problem::CheckSpec& s) {
  const bool gf = std::isfinite(got), wf = std::isfinite(want);
  if (!gf || !wf) {
    if (s.nan == problem::NanRule::error) return false;
    if (std::isnan(want)) return std::isnan(got);
    return got == want;  // same infinity
  }
  return std::fabs(got - want) <= s.atol + s.rtol * std::fabs(want);
}

}  // namespace

CheckResult check_tensor(const std::string& name, DType dtype, const void* got, const void* want, std::size_t count,
                         const problem::CheckSpec& spec) {
  CheckResult r;
  const std::size_t es = dtype_size(dtype);
  const bool exact = spec.exact || !dtype_is_float(dtype);
  if (exact && std::memcmp(got, want, count * es) == 0) return r;
  std::string examples;
  for (std::size_t i = 0; i < count; ++i) {
    bool bad;
    if (exact) bad = std::memcmp(static_cast<const char*>(got) + i * es, static_cast<const char*>(want) + i * es, es) != 0;
    else bad = !close_enough(load(dtype, got, i), load(dtype, want, i), spec);
    if (!bad) continue;
    if (++r.mismatches <= 3)
      examples += fmt::format("{}{}[{}] = {:.7g}, expected {:.7g}", examples.empty() ? "" : "; ", name, i,
                              load(dtype, got, i), load(dtype, want, i));
  }
  if (r.mismatches) {
    r.ok = false;
    r.message = fmt::format("{} of {} elements of '{}' differ ({}{})", r.mismatches, count, name, examples,
                            r.mismatches > 3 ? "; …" : "");
  }
  return r;
}

}  // namespace arbiter::judge
