#include "judge/stopping.hpp"

#include "judge/stats.hpp"

namespace arbiter::judge {

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::none: return "running";
    case StopReason::converged: return "converged";
    case StopReason::max_runs: return "max_runs";
    case StopReason::budget: return "time_budget";
  }
  return "?";
}

StopReason should_stop(const StoppingRule& rule, const std::vector<double>& samples, double elapsed_ns) {
  const int n = static_cast<int>(samples.size());
  if (n >= rule.max_runs) return StopReason::max_runs;
  if (n >= 2 && elapsed_ns >= rule.budget_ns) return StopReason::budget;
  if (n >= rule.min_runs && summarise(samples).rel_err <= rule.rel_err) return StopReason::converged;
  return StopReason::none;
}

bool keep_warming_up(int done, int wanted, double elapsed_ns, double budget_ns) {
  if (done >= wanted) return false;
  return done == 0 || elapsed_ns < budget_ns / 10;
}

}  // namespace arbiter::judge
