#pragma once
// `--harness eval`: the problem's own eval.py run exactly as reference-kernels' runner runs it
// (case file, POPCORN_FD, POPCORN_SEED on secret runs, its exit codes), inside Arbiter's
// file-system and resource limits. The submission shares a process with that timer and
// checker, so this harness is weaker than Arbiter's own; the report says so.
#include <filesystem>
#include <string>

#include "judge/evaluation.hpp"
#include "problem/taskyml.hpp"

namespace arbiter::judge::python {

Evaluation evaluate_with_eval_py(const problem::TaskYml& task, const std::filesystem::path& submission,
                                 const RunOptions& o);

}  // namespace arbiter::judge::python
