#pragma once
// What one eval.py stage reported on POPCORN_FD (`key: value` lines), folded into an Evaluation.
// Those bytes are untrusted: under `--harness eval` the submission shares eval.py's process and can
// write anything there. Counts are bounded by the cases the stage was given, numbers are checked,
// nothing the lines say can make the judge allocate or loop without bound.
#include <cstddef>
#include <map>
#include <string>

#include "judge/evaluation.hpp"

namespace arbiter::judge::python {

// How one eval.py stage ended, and what it wrote (results: fd 3; output: stdout and stderr).
struct EvalPyStage {
  int exit_code = -1, signal = 0;
  bool timed_out = false;
  std::string results, output;
  std::string cgroup;  // what bounded the box's memory and processes
};

// Parses `key: value` result lines (split at the first colon, a later duplicate wins).
std::map<std::string, std::string> parse_popcorn(const std::string& text);

// Folds one stage into `ev` (its tests; its benchmarks when `timed`): false when the stage failed,
// with ev.verdict and ev.reason saying why. `tests_sent` and `benchmarks_sent`: the cases in the
// stage's case file; a stage that claims more results than it was given cases is `rejected`.
bool fold_stage(const EvalPyStage& r, bool timed, double timeout_s, std::size_t tests_sent, std::size_t benchmarks_sent,
                Evaluation& ev);

}  // namespace arbiter::judge::python
