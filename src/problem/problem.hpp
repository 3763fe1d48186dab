#pragma once
// A native problem: what problem.toml declares (docs/PROBLEM.md is the field-by-field spec).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/dtype.hpp"
#include "problem/expr.hpp"
#include "problem/launch.hpp"

namespace arbiter::problem {

enum class Distribution { normal, uniform, large, zeros, denormal };
std::string_view distribution_name(Distribution d);
std::optional<Distribution> parse_distribution(std::string_view s);

struct TensorSpec {
  std::string name;
  DType dtype = DType::f32;
  std::vector<Expr> shape;
  std::vector<Distribution> distributions{Distribution::normal};  // allowed for this input
  double lo = -1.0, hi = 1.0;  // uniform range (and integer range)
  std::vector<int64_t> eval_shape(const Params& p) const;  // checks every dimension is >= 0
  std::size_t bytes(const Params& p) const;
};

struct Case {
  std::string name;
  Params params;
  Distribution distribution = Distribution::normal;
  uint64_t seed = 0;
  bool secret = false;  // drawn from [secret] ranges in leaderboard mode
};

enum class Ranking { mean, geomean, last };
enum class NanRule { error, match };

struct CheckSpec {
  double rtol = 1e-5, atol = 1e-8;
  bool exact = false;
  NanRule nan = NanRule::error;
  double fraction = 1.0;  // of timed iterations checked
};

struct Limits {
  double compile_s = 60, call_s = 10, test_s = 120, benchmark_s = 10;
  int warmup_runs = 3, min_runs = 10, max_runs = 500;
  double rel_err = 0.01;
  int64_t memory_mb = 4096;
  double cpu_s = 600;  // the contestant's CPU time over the whole run (RLIMIT_CPU), all threads
};

struct SecretSpec {
  int count = 0;
  std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>> ranges;  // param -> [lo, hi]
};

struct Problem {
  std::filesystem::path dir;
  std::string name, description;
  std::vector<std::string> params;  // names every case sets
  std::vector<TensorSpec> inputs, outputs;
  std::filesystem::path reference;  // absolute
  std::vector<std::string> reference_flags;
  // The same-run baseline timed beside the submission, per backend (absolute; empty: none). The
  // CPU one defaults to the reference itself; a GPU one must be declared ([baseline] cuda = ...).
  std::filesystem::path baseline_cpu, baseline_cuda;
  CheckSpec check;
  Limits limits;
  Ranking ranking = Ranking::geomean;
  std::optional<Expr> floor_bytes, floor_flops;
  std::vector<Case> tests, benchmarks;
  SecretSpec secret;
  std::optional<LaunchSpec> launch;  // [launch]: the device trust level is offered
};

// Loads dir/problem.toml. Every error names the file, the line and the field.
Problem load_problem(const std::filesystem::path& dir);

// Extra shapes for leaderboard mode, drawn with the judge's secret seed.
std::vector<Case> draw_secret_cases(const Problem& p, uint64_t seed);

}  // namespace arbiter::problem
