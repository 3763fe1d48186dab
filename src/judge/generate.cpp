#include "judge/generate.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

namespace arbiter::judge {
namespace {

uint64_t splitmix(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Xoshiro {  // xoshiro256**: fast, good enough for test data
  uint64_t s[4];
  explicit Xoshiro(uint64_t seed) { for (auto& v : s) v = splitmix(seed); }
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t next() {
    uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return r;
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  double normal() {  // Box-Muller: both values of a pair, one after the other
    if (has_spare) {
      has_spare = false;
      return spare;
    }
    const double u = uniform(), v = uniform();
    const double r = std::sqrt(-2.0 * std::log(u + 1e-300)), t = 6.283185307179586 * v;
    spare = r * std::sin(t);
    has_spare = true;
    return r * std::cos(t);
  }
  double spare = 0;
  bool has_spare = false;
};

double draw(Xoshiro& g, problem::Distribution d, double lo, double hi, DType t) {
  using problem::Distribution;
  switch (d) {
    case Distribution::zeros: return 0;
    case Distribution::uniform: return lo + (hi - lo) * g.uniform();
    case Distribution::large: return g.normal() * (t == DType::f16 ? 1e3 : 1e6);
    case Distribution::denormal: {
      // A quarter subnormal, a quarter zero, the rest normal: flush-to-zero kernels show up.
      uint64_t r = g.next() & 3;
      double tiny = t == DType::f64 ? 4.9e-324 * 1e6 : (t == DType::f16 ? 6e-8 : 1.4e-45 * 1e4);
      if (r == 0) return (g.uniform() * 2 - 1) * tiny;
      if (r == 1) return 0;
      return g.normal();
    }
    case Distribution::normal: break;
  }
  return g.normal();
}

}  // namespace

namespace {

void fill_range(unsigned char* p, DType dtype, std::size_t begin, std::size_t end, problem::Distribution d, double lo,
                double hi, uint64_t seed) {
  Xoshiro g(seed);
  const bool is_int = !dtype_is_float(dtype);
  for (std::size_t i = begin; i < end; ++i) {
    double v = draw(g, is_int && d != problem::Distribution::zeros ? problem::Distribution::uniform : d, lo, hi, dtype);
    if (is_int) v = std::floor(v);
    switch (dtype) {
      case DType::f32: { float f = static_cast<float>(v); std::memcpy(p + 4 * i, &f, 4); break; }
      case DType::f64: std::memcpy(p + 8 * i, &v, 8); break;
      case DType::i32: { int32_t x = static_cast<int32_t>(v); std::memcpy(p + 4 * i, &x, 4); break; }
      case DType::i64: { int64_t x = static_cast<int64_t>(v); std::memcpy(p + 8 * i, &x, 8); break; }
      case DType::u8: p[i] = static_cast<unsigned char>(std::clamp(v, 0.0, 255.0)); break;
      case DType::f16: { uint16_t h = float_to_half(static_cast<float>(v)); std::memcpy(p + 2 * i, &h, 2); break; }
      case DType::bf16: { uint16_t h = float_to_bf16(static_cast<float>(v)); std::memcpy(p + 2 * i, &h, 2); break; }
    }
  }
}

}  // namespace

// Fixed chunks, each with its own stream (the first keeps `seed`, so small tensors are what one
// stream gives): the values do not depend on how many threads fill them. Large inputs are drawn on
// every core, since fresh inputs are drawn for every timed call (a 1M-element normal input costs
// ~50 ms on one core: most of a large benchmark's wall time).
void fill(void* dst, DType dtype, std::size_t count, problem::Distribution d, double lo, double hi, uint64_t seed) {
  constexpr std::size_t kChunk = std::size_t{1} << 16;
  unsigned char* p = static_cast<unsigned char*>(dst);
  const std::size_t chunks = (count + kChunk - 1) / kChunk;
  auto chunk = [&](std::size_t c) {
    uint64_t s = seed ^ (c * 0xd1b54a32d192ed03ULL);
    fill_range(p, dtype, c * kChunk, std::min(count, (c + 1) * kChunk), d, lo, hi, c == 0 ? seed : splitmix(s));
  };
  const std::size_t workers = std::min<std::size_t>({chunks, std::max(1u, std::thread::hardware_concurrency()), 32});
  if (workers <= 1) {
    for (std::size_t c = 0; c < chunks; ++c) chunk(c);
    return;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t c = next++; c < chunks; c = next++) chunk(c);
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

uint64_t iteration_seed(uint64_t run_seed, uint64_t case_seed, uint64_t iteration, uint64_t tensor_index) {
  uint64_t s = run_seed;
  uint64_t a = splitmix(s) ^ case_seed;
  uint64_t b = splitmix(a) ^ iteration;
  uint64_t c = splitmix(b) ^ tensor_index;
  return splitmix(c);
}

}  // namespace arbiter::judge
