#include "judge/python/popcorn_results.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace arbiter::judge::python {
namespace {

// A finite number, or 0 (absent, empty, text, NaN, infinite).
double num(const std::map<std::string, std::string>& kv, const std::string& k) {
  const auto it = kv.find(k);
  if (it == kv.end() || it->second.empty()) return 0;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(it->second.c_str(), &end);
  if (end == it->second.c_str() || errno == ERANGE || !std::isfinite(v)) return 0;
  return v;
}

// A count the lines claim: negative or fractional counts are none; `max` and above are clamped
// to max + 1 so that the caller can tell "too many" without the number ever becoming a loop bound.
std::size_t count(const std::map<std::string, std::string>& kv, const std::string& k, std::size_t max) {
  const double v = num(kv, k);
  if (!(v >= 1)) return 0;
  if (v > static_cast<double>(max)) return max + 1;
  return static_cast<std::size_t>(v);
}

std::string get(const std::map<std::string, std::string>& kv, const std::string& k) {
  const auto it = kv.find(k);
  return it == kv.end() ? std::string() : it->second;
}

}  // namespace

std::map<std::string, std::string> parse_popcorn(const std::string& text) {
  std::map<std::string, std::string> kv;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string v = line.substr(colon + 1);
    if (!v.empty() && v[0] == ' ') v.erase(0, 1);
    kv[line.substr(0, colon)] = v;
  }
  return kv;
}

bool fold_stage(const EvalPyStage& r, bool timed, double timeout_s, std::size_t tests_sent, std::size_t benchmarks_sent,
                Evaluation& ev) {
  if (!r.cgroup.empty()) ev.sandbox["cgroup"] = r.cgroup;
  auto stop = [&](Verdict v, const std::string& why) {
    ev.verdict = v;
    ev.reason = why;
    return false;
  };
  const auto kv = parse_popcorn(r.results);
  const std::size_t tests = count(kv, "test-count", tests_sent);
  const std::size_t benchmarks = timed ? count(kv, "benchmark-count", benchmarks_sent) : 0;
  if (tests > tests_sent || benchmarks > benchmarks_sent)
    return stop(Verdict::rejected,
                fmt::format("eval.py's result lines claim more results than cases given (test-count: {}, "
                            "benchmark-count: {}; given {} tests, {} benchmarks): a forged result channel",
                            get(kv, "test-count").substr(0, 40), get(kv, "benchmark-count").substr(0, 40), tests_sent,
                            benchmarks_sent));
  for (std::size_t i = 0; i < tests; ++i) {
    const std::string p = fmt::format("test.{}.", i);
    TestResult t{get(kv, p + "spec"), Verdict::pass, "", ev.secret_seed};
    if (kv.count(p + "status") && kv.at(p + "status") != "pass") {
      t.status = Verdict::wrong_answer;
      t.message = get(kv, p + "error");
    }
    ev.tests.push_back(t);
  }
  for (std::size_t i = 0; i < benchmarks; ++i) {
    const std::string p = fmt::format("benchmark.{}.", i);
    BenchmarkResult b;
    b.name = get(kv, p + "spec");
    if (get(kv, p + "status") == "fail") {
      b.status = Verdict::wrong_answer;
      b.message = get(kv, p + "error");
    }
    // (A run count is a number in a report, never a loop bound: clamped to something printable.)
    b.summary.runs = count(kv, p + "runs", 1u << 30);
    b.summary.mean = b.summary.median = num(kv, p + "mean");
    b.summary.std = num(kv, p + "std");
    b.summary.min = num(kv, p + "best");
    b.summary.max = num(kv, p + "worst");
    b.summary.rel_err = b.summary.mean > 0 ? num(kv, p + "err") / b.summary.mean : 0;
    ev.timed_iterations += b.summary.runs;
    ev.benchmarks.push_back(b);
  }
  const std::string tail = r.output.substr(r.output.size() > 600 ? r.output.size() - 600 : 0);
  if (r.timed_out) return stop(Verdict::timeout, fmt::format("eval.py ran past {:.0f} s", timeout_s));
  if (r.signal) return stop(Verdict::crash, fmt::format("eval.py killed by signal {}: {}", r.signal, tail));
  switch (r.exit_code) {
    case 0: break;
    case 112: break;  // tests failed: the lines say which
    case 110: return stop(Verdict::crash, "eval.py: CUDA failure: " + tail);
    case 111: return stop(Verdict::error, "eval.py found no result fd");
    case 113: return stop(Verdict::error, "eval.py rejected the case file");
    default: return stop(Verdict::crash, fmt::format("eval.py exited with status {}: {}", r.exit_code, tail));
  }
  if (get(kv, "check") == "pass" && r.exit_code == 0) return true;
  for (auto& t : ev.tests)
    if (t.status != Verdict::pass) return stop(t.status, "test " + t.name + ": " + t.message);
  for (auto& b : ev.benchmarks)
    if (b.status != Verdict::pass) return stop(b.status, "benchmark " + b.name + ": " + b.message);
  return stop(Verdict::wrong_answer, "eval.py reported check: fail");
}

}  // namespace arbiter::judge::python
