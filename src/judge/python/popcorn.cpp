#include "judge/python/popcorn.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace arbiter::judge::python {

std::string case_file(const std::vector<problem::TaskCase>& cases) {
  std::string s;
  for (auto& c : cases) s += c.spec() + "\n";
  return s;
}

namespace {
std::string one_line(std::string s) {
  for (char& ch : s)
    if (ch == '\n' || ch == '\r') ch = ' ';
  return s;
}
}  // namespace

std::string popcorn_lines(const Evaluation& ev) {
  std::string out;
  auto kv = [&](const std::string& k, const std::string& v) { out += k + ": " + one_line(v) + "\n"; };
  if (!ev.tests.empty()) {
    kv("test-count", std::to_string(ev.tests.size()));
    for (std::size_t i = 0; i < ev.tests.size(); ++i) {
      const auto& t = ev.tests[i];
      const std::string p = fmt::format("test.{}.", i);
      kv(p + "spec", t.name);
      kv(p + "status", t.status == Verdict::pass ? "pass" : "fail");
      if (t.status != Verdict::pass) kv(p + "error", std::string(verdict_name(t.status)) + ": " + t.message);
    }
  }
  if (!ev.benchmarks.empty()) {
    kv("benchmark-count", std::to_string(ev.benchmarks.size()));
    for (std::size_t i = 0; i < ev.benchmarks.size(); ++i) {
      const auto& b = ev.benchmarks[i];
      const std::string p = fmt::format("benchmark.{}.", i);
      kv(p + "spec", b.name);
      if (b.status != Verdict::pass) {
        kv(p + "status", "fail");
        kv(p + "error", std::string(verdict_name(b.status)) + ": " + b.message);
        continue;
      }
      kv(p + "runs", std::to_string(b.summary.runs));
      kv(p + "mean", fmt::format("{:.1f}", b.summary.mean));
      kv(p + "std", fmt::format("{:.1f}", b.summary.std));
      kv(p + "err", fmt::format("{:.1f}", b.summary.std / std::sqrt(std::max<double>(1.0, static_cast<double>(b.summary.runs)))));
      kv(p + "best", fmt::format("{:.1f}", b.summary.min));
      kv(p + "worst", fmt::format("{:.1f}", b.summary.max));
    }
  }
  if (ev.verdict != Verdict::pass && ev.tests.empty() && ev.benchmarks.empty()) kv("error", ev.reason);
  kv("check", ev.verdict == Verdict::pass ? "pass" : "fail");
  return out;
}

bool write_all(int fd, const std::string& text) {
  for (std::size_t off = 0; off < text.size();) {
    const ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace arbiter::judge::python
