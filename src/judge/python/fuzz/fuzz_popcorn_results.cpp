// libFuzzer target: eval.py's result lines (POPCORN_FD), which a submission under `--harness eval`
// can write itself, must never crash the judge, hang it or make it allocate without bound.
#include <cstddef>
#include <cstdint>
#include <string>

#include "judge/python/popcorn_results.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace arbiter::judge::python;
  if (size < 2) return 0;
  EvalPyStage r;
  r.exit_code = data[0] % 4 == 0 ? 0 : data[0] % 4 == 1 ? 112 : static_cast<int>(data[0]);
  r.timed_out = data[1] == 0xff;
  r.results.assign(reinterpret_cast<const char*>(data + 2), size - 2);
  r.output = r.results.substr(0, 64);
  for (bool timed : {false, true}) {
    arbiter::judge::Evaluation ev;
    (void)fold_stage(r, timed, 60, 5, 3, ev);
    if (ev.tests.size() > 5 || ev.benchmarks.size() > 3) __builtin_trap();
  }
  return 0;
}
