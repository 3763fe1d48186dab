#pragma once
// Built-in input generation from named distributions, seeded per iteration by the judge.
#include <cstdint>

#include "problem/problem.hpp"

namespace arbiter::judge {

// Fills `count` elements of dtype at dst. Deterministic in seed.
void fill(void* dst, DType dtype, std::size_t count, problem::Distribution d, double lo, double hi, uint64_t seed);

// Fills `bytes` bytes at dst with random bytes (a call's poison). Deterministic in seed.
void fill_bytes(void* dst, std::size_t bytes, uint64_t seed);

// Per-iteration seed: a keyed mix of the run seed, the case seed and the iteration number,
// so no two iterations (nor two runs with different run seeds) share inputs.
uint64_t iteration_seed(uint64_t run_seed, uint64_t case_seed, uint64_t iteration, uint64_t tensor_index);

}  // namespace arbiter::judge
