// The judge's own work around each timed call of a native problem, side by side in one run:
// drawing fresh inputs (the ziggurat normal of judge/generate.cpp vs a plain Box-Muller draw, the
// way it was drawn before), drawing a call's byte poison (random bytes vs a u8 "uniform" fill),
// and checking an output (judge/checker.cpp). Usage: iteration_bench [ELEMENTS] [ROUNDS].
// Prints milliseconds per call (median of ROUNDS) and the ratios.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "judge/checker.hpp"
#include "judge/generate.hpp"

using namespace arbiter;
using namespace arbiter::judge;

namespace {

template <class F>
double median_ms(int rounds, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < rounds; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f(i);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

// The earlier draw, for the side-by-side figure: Box-Muller on one core (both values of a pair).
void box_muller(float* out, std::size_t n, uint64_t seed) {
  uint64_t s = seed | 1;
  auto uniform = [&] {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<double>(static_cast<int64_t>(s >> 11)) * 0x1.0p-53;
  };
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    const double r = std::sqrt(-2.0 * std::log(uniform() + 1e-300)), t = 6.283185307179586 * uniform();
    out[i] = static_cast<float>(r * std::cos(t));
    out[i + 1] = static_cast<float>(r * std::sin(t));
  }
}

// The earlier check, for the side-by-side figure: the dtype's switch inside the loop, one call per
// element.
[[gnu::noinline]] double load_any(DType t, const void* base, std::size_t i) {
  const auto* p = static_cast<const unsigned char*>(base);
  switch (t) {
    case DType::f32: { float f; std::memcpy(&f, p + 4 * i, 4); return f; }
    case DType::f64: { double d; std::memcpy(&d, p + 8 * i, 8); return d; }
    default: return p[i];
  }
}

std::size_t switch_per_element(DType t, const void* got, const void* want, std::size_t n, const problem::CheckSpec& s) {
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double g = load_any(t, got, i), w = load_any(t, want, i);
    if (!std::isfinite(g) || !std::isfinite(w) || std::fabs(g - w) > s.atol + s.rtol * std::fabs(w)) ++bad;
  }
  return bad;
}

}  // namespace

int main(int argc, char** argv) {
  const long long n_arg = argc > 1 ? std::atoll(argv[1]) : (1LL << 20);
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 21;
  if (n_arg < 2 || n_arg > (1LL << 30) || rounds < 1 || rounds > 100000) {
    fmt::print(stderr, "usage: iteration_bench [ELEMENTS: 2 to 2^30] [ROUNDS: 1 to 100000]\n");
    return 2;
  }
  const auto n = static_cast<std::size_t>(n_arg);
  std::vector<float> a(n), b(n);
  std::vector<unsigned char> poison(4 * n);
  fmt::print("{} f32 elements per tensor, median of {} rounds\n", n, rounds);

  const double zig = median_ms(rounds, [&](int i) {
    fill(a.data(), DType::f32, n, problem::Distribution::normal, -1, 1, static_cast<uint64_t>(i));
  });
  const double bm = median_ms(rounds, [&](int i) { box_muller(a.data(), n, static_cast<uint64_t>(i)); });
  fmt::print("normal draw:  ziggurat on kept workers {:8.3f} ms   Box-Muller on one core {:8.3f} ms   ({:.1f}x)\n", zig,
             bm, bm / zig);

  const double bytes = median_ms(rounds, [&](int i) { fill_bytes(poison.data(), poison.size(), static_cast<uint64_t>(i)); });
  const double u8 = median_ms(rounds, [&](int i) {
    fill(poison.data(), DType::u8, poison.size(), problem::Distribution::uniform, 0, 255, static_cast<uint64_t>(i));
  });
  fmt::print("poison bytes: random bytes {:8.3f} ms   u8 uniform draw {:8.3f} ms   ({:.1f}x)\n", bytes, u8, u8 / bytes);

  fill(a.data(), DType::f32, n, problem::Distribution::normal, -1, 1, 1);
  problem::CheckSpec spec;
  spec.rtol = 1e-5;
  spec.atol = 1e-8;
  b = a;
  for (std::size_t i = 0; i < n; i += 3) b[i] = std::nextafter(b[i], 10.0f);  // within tolerance, not equal
  const double check = median_ms(rounds, [&](int) {
    const CheckResult r = check_tensor("c", DType::f32, b.data(), a.data(), n, spec);
    if (!r.ok) std::abort();
  });
  const double old_check = median_ms(rounds, [&](int) {
    if (switch_per_element(DType::f32, b.data(), a.data(), n, spec) != 0) std::abort();
  });
  fmt::print("check:        one loop per dtype {:8.3f} ms   a switch per element {:8.3f} ms   ({:.1f}x; a third of the "
             "elements unequal within tolerance)\n",
             check, old_check, old_check / check);
  return 0;
}
