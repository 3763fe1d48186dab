// What the contestant's sandbox costs per run: time from fork to the hello (sandbox on) and to
// the reply of the first call, for three set-ups side by side, interleaved so that machine
// noise hits them alike:
//   none      no namespaces and no seccomp/Landlock/rlimits (never used by the judge)
//   filters   seccomp + Landlock + rlimits only (the fallback where namespaces are unavailable)
//   full      namespaces + minimal mount tree + cgroup (when delegated) + filters (the default)
// Usage: sandbox_bench [ROUNDS] [ARBITER_BINARY]
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <vector>

#include <fmt/format.h>

#include "backend/cpu/case_memory.hpp"
#include "core/clock.hpp"
#include "judge/judge_case.hpp"
#include "judge/session.hpp"
#include "problem/problem.hpp"

using namespace arbiter;

namespace {
struct Sample { double hello_ms, first_call_ms; };

Sample once(const judge::SpawnOptions& so, const problem::Problem& p) {
  static backend::cpu::CacheFlusher flusher(4096);
  judge::JudgeCase jc(p, p.tests.front(), [](std::size_t in, std::size_t) {
    return std::make_unique<backend::cpu::HostCaseMemory>(in, flusher);
  });
  const int64_t t0 = now_ns();
  judge::Session s(judge::ContestantProcess::spawn(so));
  s.hello(10000);
  const int64_t t1 = now_ns();
  s.setup(jc, 10000);
  s.hand_outputs(1, jc.fresh_outputs(1, 0), 10000);
  s.call(1, wire::CallKind::empty, 10000);
  const int64_t t2 = now_ns();
  s.shutdown();
  return {static_cast<double>(t1 - t0) / 1e6, static_cast<double>(t2 - t0) / 1e6};
}

double pct(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}
}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 30;
  const std::string exe = argc > 2 ? argv[2] : ARBITER_BIN;
  const auto p = problem::load_problem(std::string(ARBITER_SOURCE_DIR) + "/redteam/problems/vecadd");
  struct Setup { const char* name; judge::SpawnOptions so; std::vector<Sample> s; };
  judge::SpawnOptions base;
  base.exe = exe;
  base.read_only_paths = {"/usr", "/lib", "/lib64", "/etc/ld.so.cache", "/sys/devices/system/cpu"};
  base.address_space_mb = 1280;
  std::vector<Setup> setups = {{"none", base, {}}, {"filters", base, {}}, {"full", base, {}}};
  setups[0].so.isolate = false;
  setups[0].so.unsandboxed_for_bench = true;
  setups[1].so.isolate = false;
  for (int i = 0; i < 2; ++i)  // warm the page cache
    for (auto& s : setups) once(s.so, p);
  for (int r = 0; r < rounds; ++r)
    for (auto& s : setups) s.s.push_back(once(s.so, p));
  std::cout << fmt::format("fork to hello / fork to first call reply, ms ({} rounds, interleaved)\n", rounds);
  std::cout << fmt::format("{:<10} {:>12} {:>12} {:>16} {:>16}\n", "sandbox", "hello p50", "hello p90",
                           "1st call p50", "1st call p90");
  for (auto& s : setups) {
    std::vector<double> h, c;
    for (auto& x : s.s) { h.push_back(x.hello_ms); c.push_back(x.first_call_ms); }
    std::cout << fmt::format("{:<10} {:>12.2f} {:>12.2f} {:>16.2f} {:>16.2f}\n", s.name, pct(h, 0.5), pct(h, 0.9),
                             pct(c, 0.5), pct(c, 0.9));
  }
  return 0;
}
