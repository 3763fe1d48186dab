#pragma once
// One evaluation of a Python submission against a task.yml problem with Arbiter's own rules
// (fresh inputs every call, every timed call checked by the oracle, outputs frozen at the
// reply, secret seeds that never enter the contestant). The result is the same Evaluation
// (and so the same signed report) as a native problem's.
#include <filesystem>

#include "judge/evaluation.hpp"
#include "problem/taskyml.hpp"

namespace arbiter::judge::python {

struct PyRunOptions {
  RunOptions base;
  int warmup_runs = 3, min_runs = 10, max_runs = 100;
  double rel_err = 0.01, benchmark_budget_s = 10;
  int test_iterations = 3;
  bool profile = false;  // --mode profile: benchmark, plus per-shape bandwidth against the floor (judge/profile_table.hpp)
};

Evaluation evaluate_python(const problem::TaskYml& task, const std::filesystem::path& submission,
                           const PyRunOptions& o);

// Writes the task's files flat into dir as that ecosystem does; @SUBMISSION@ becomes
// submission_text. Files named in `skip` are left out.
void materialise(const problem::TaskYml& task, const std::filesystem::path& dir, const std::string& submission_name,
                 const std::string& submission_text, const std::vector<std::string>& skip = {});

}  // namespace arbiter::judge::python
