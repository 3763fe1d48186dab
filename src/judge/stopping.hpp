#pragma once
// When to stop timing a shape: after min_runs once the relative error of the mean is below
// the target, or at max_runs, or when the time budget is spent (whichever comes first).
#include <cstdint>
#include <vector>

namespace arbiter::judge {

struct StoppingRule {
  int min_runs = 10, max_runs = 500;
  double rel_err = 0.01;
  double budget_ns = 10e9;
};

enum class StopReason { none, converged, max_runs, budget };
const char* stop_reason_name(StopReason r);

StopReason should_stop(const StoppingRule& rule, const std::vector<double>& samples, double elapsed_ns);

// Whether to make another warm-up call after `done` of the `wanted` ones, `elapsed_ns` in: the
// first always; more only while the warm-up has taken under a tenth of the shape's budget, since
// a call of seconds has loaded its code and warmed its caches in its first run (linalg eigh:
// 9 s a call, where three warm-ups cost more than the timed calls).
bool keep_warming_up(int done, int wanted, double elapsed_ns, double budget_ns);

}  // namespace arbiter::judge
