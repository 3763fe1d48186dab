#pragma once
// Live progress on stderr while a run is on a terminal (never mixed into --json output).
#include <cstdio>
#include <string>

#include "judge/evaluation.hpp"

namespace arbiter::cli {

class TerminalProgress : public judge::Progress {
 public:
  void stage(const std::string& what) override { line(what + " …"); }
  void test_done(const judge::TestResult& t, std::size_t i, std::size_t n) override {
    line("");
    std::fprintf(stderr, "test %zu/%zu %-24s %s\n", i + 1, n, t.name.c_str(), judge::verdict_name(t.status));
  }
  void benchmark_tick(const std::string& name, std::size_t runs, double rel_err) override {
    line(name + ": " + std::to_string(runs) + " runs, rel_err " + std::to_string(rel_err * 100).substr(0, 5) + "%");
  }
  void benchmark_done(const judge::BenchmarkResult& b) override {
    line("");
    std::fprintf(stderr, "benchmark %-24s %s, %zu runs\n", b.name.c_str(), judge::verdict_name(b.status), b.summary.runs);
  }
  ~TerminalProgress() override {
    if (used_) line("");
  }

 private:
  bool used_ = false;
  void line(const std::string& s) {
    used_ = true;
    std::fprintf(stderr, "\r\033[K%s", s.c_str());
    std::fflush(stderr);
  }
};

}  // namespace arbiter::cli
