#include "problem/problem.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/error.hpp"

namespace arbiter::problem {

std::string_view distribution_name(Distribution d) {
  switch (d) {
    case Distribution::normal: return "normal";
    case Distribution::uniform: return "uniform";
    case Distribution::large: return "large";
    case Distribution::zeros: return "zeros";
    case Distribution::denormal: return "denormal";
  }
  return "?";
}

std::optional<Distribution> parse_distribution(std::string_view s) {
  for (auto d : {Distribution::normal, Distribution::uniform, Distribution::large, Distribution::zeros,
                 Distribution::denormal})
    if (distribution_name(d) == s) return d;
  return std::nullopt;
}

std::vector<int64_t> TensorSpec::eval_shape(const Params& p) const {
  std::vector<int64_t> out;
  for (auto& e : shape) {
    int64_t v = e.eval(p);
    if (v < 0) fail("dimension '{}' of '{}' is negative ({})", e.text(), name, v);
    out.push_back(v);
  }
  return out;
}

std::size_t TensorSpec::bytes(const Params& p) const {
  uint64_t n = dtype_size(dtype);
  for (int64_t d : eval_shape(p))
    if (__builtin_mul_overflow(n, static_cast<uint64_t>(d), &n) || n > (uint64_t{1} << 40))
      fail("tensor '{}' is larger than 1 TiB", name);
  return n;
}

std::vector<Case> draw_secret_cases(const Problem& p, uint64_t seed) {
  std::vector<Case> out;
  std::mt19937_64 rng(seed);
  for (int i = 0; i < p.secret.count; ++i) {
    Case k;
    k.secret = true;
    k.seed = rng();
    for (auto& [name, range] : p.secret.ranges) {
      auto [lo, hi] = range;
      // Log-uniform so small and large shapes both appear.
      double a = std::log(static_cast<double>(lo) + 1), b = std::log(static_cast<double>(hi) + 1);
      double x = std::exp(a + (b - a) * std::uniform_real_distribution<double>(0, 1)(rng)) - 1;
      k.params[name] = std::clamp(static_cast<int64_t>(std::llround(x)), lo, hi);
    }
    // The distribution rotates through what every input allows.
    const auto& allowed = p.inputs.front().distributions;
    k.distribution = allowed[static_cast<std::size_t>(i) % allowed.size()];
    k.name = "secret-" + std::to_string(i + 1);
    out.push_back(k);
  }
  return out;
}

}  // namespace arbiter::problem
