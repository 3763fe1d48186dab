"""C++ candidates for tests/e2e/problems/tiny (c = a + b) that the real judge and auditor tell apart:
honest, wrong (subtracts), cheat (calls std::system: the auditor's reject rule
background.native-process) and review (starts a std::thread: review rule background.native-thread).
The flagged helpers are never called, so the judge passes those kernels; only the audit differs."""

KERNEL = """#include <arbiter/kernel.h>
%s
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  const int64_t n = arbiter_numel(&a->inputs[0]);
  for (int64_t i = 0; i < n; ++i) z[i] = x[i] %s y[i];
  return 0;
}
// candidate %d
"""
CHEAT = '#include <cstdlib>\nvoid arbiter_unused_helper() { std::system("true"); }'
REVIEW = '#include <thread>\nvoid arbiter_unused_helper() { std::thread t([] {}); t.join(); }'

# kind -> (extra code, operator, final verdict, audit verdict, ranked)
KINDS = {
    "honest": ("", "+", "pass", "clean", True),
    "review": (REVIEW, "+", "pass", "review", True),
    "wrong": ("", "-", "wrong_answer", "clean", False),
    "cheat": (CHEAT, "+", "pass", "reject", False),
}


def source(kind, n):
    extra, op = KINDS[kind][0], KINDS[kind][1]
    return KERNEL % (extra, op, n)
