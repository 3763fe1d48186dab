#pragma once
// One evaluation of one submission against one native problem: the result as plain data
// (report.cpp turns it into signed JSON, report_table.cpp into a table).
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "judge/plausibility.hpp"
#include "judge/stats.hpp"
#include "judge/stopping.hpp"
#include "judge/verdict.hpp"
#include "problem/problem.hpp"

namespace arbiter::judge {

// ranked: test, benchmark and leaderboard one after the other in one run (stopping at the first
// that fails); the report is the last phase's, with every phase's summary under "phases".
enum class Mode { test, benchmark, leaderboard, ranked };
const char* mode_name(Mode m);

struct TestResult {
  std::string name;
  Verdict status = Verdict::pass;
  std::string message;
  bool secret = false;
};

struct BenchmarkResult {
  std::string name;
  Verdict status = Verdict::pass;
  std::string message;
  Summary summary;
  std::vector<double> samples_ns;
  int checked = 0;
  double floor_ns = 0;
  StopReason stop = StopReason::none;
  std::optional<double> baseline_ns;  // the same-run baseline's mean on this shape
};

struct Evaluation {
  std::string problem, mode, backend = "cpu", submission_sha256;
  Verdict verdict = Verdict::error;
  std::string reason;
  std::vector<TestResult> tests;
  std::vector<BenchmarkResult> benchmarks;
  std::optional<double> score_ns;
  double check_fraction = 1.0;
  uint64_t checked_iterations = 0, timed_iterations = 0;
  // Tests re-run once more on their last inputs under the other poison pattern (and scrubbed GPU
  // shared memory) before they pass.
  uint64_t hygiene_reruns = 0;
  nlohmann::json sandbox = nlohmann::json::object();
  nlohmann::json device = nlohmann::json::object();  // the backend's device (GPU name, L2 flush size, ...)
  Calibration calibration;
  double compile_ms = 0, wall_ms = 0;
  std::optional<double> compile_s;
  int warm_up_passes = 0;  // builder passes of the compile warm-up (python/warmup.hpp); 0: none
  nlohmann::json profile;  // --mode profile rows (judge/profile_table.hpp), null otherwise
  bool secret_seed = false;
  // The same-run baseline (the reference, or the problem's [baseline] for this backend) timed the
  // same way right after the submission: null unless a benchmark or leaderboard run passed.
  nlohmann::json baseline;
  std::optional<double> speedup;  // baseline score / score
  nlohmann::json phases = nlohmann::json::array();  // --mode ranked: phase_summary() of each phase run
  // DESIGN §2: "host" (the submission's host code runs, Python or C++/CUDA) or "device" (kernels
  // only, launched by the harness from the problem's [launch]); `launch` then holds the knobs.
  std::string trust_level = "host";
  nlohmann::json launch;
};

// Live progress for a terminal; the default does nothing.
struct Progress {
  virtual ~Progress() = default;
  virtual void stage(const std::string& /*what*/) {}
  virtual void test_done(const TestResult& /*t*/, std::size_t /*index*/, std::size_t /*total*/) {}
  virtual void benchmark_tick(const std::string& /*name*/, std::size_t /*runs*/, double /*rel_err*/) {}
  virtual void benchmark_done(const BenchmarkResult& /*b*/) {}
};

struct RunOptions {
  Mode mode = Mode::test;
  bool public_seed = false;         // leaderboard: use the problem's published seeds
  std::optional<uint64_t> seed;     // explicit run seed (debugging)
  std::optional<int> runs;          // force exactly this many timed runs per benchmark
  bool profile = false;             // benchmark + per-shape rates against the machine's peaks
  bool baseline = true;             // time the problem's baseline beside a passing submission
  bool as_baseline = false;         // internal: this run times the (trusted) baseline itself
  std::string trust = "auto";       // auto | host | device (judge/trust_level.hpp)
  Progress* progress = nullptr;
};

// The phases of a run in one contestant: the mode itself, or for --mode ranked test, benchmark and
// leaderboard in turn. Before each, sets `run_seed` (the leaderboard's secret one unless
// o.public_seed; an explicit o.seed for all) and clears the previous phase's results; `phase`
// runs the cases and sets the verdict. Stops at the first phase that does not pass; for ranked,
// records each phase's summary and names the failing phase in the reason (a Stop becomes the
// verdict there; otherwise it propagates).
void run_phases(const RunOptions& o, uint64_t public_seed, Evaluation& ev, uint64_t& run_seed,
                const std::function<void(Mode)>& phase);

// ARBITER_DEBUG_STAGES=1: prints each stage with its time since the process started (stderr).
void debug_stage(const std::string& what);

// Runs one step of a run, turning what ends it (a Stop, or any other exception as a judge error)
// into ev's verdict and reason; whether the step finished.
template <class F>
bool verdict_of(Evaluation& ev, F&& step) {
  try {
    step();
    return true;
  } catch (const Stop& s) {
    ev.verdict = s.verdict;
    ev.reason = s.what();
  } catch (const std::exception& e) {
    ev.verdict = Verdict::error;
    ev.reason = std::string("judge error: ") + e.what();
  }
  return false;
}

// Whether a finished evaluation gets the same-run baseline: asked for, not itself a baseline, and a
// passing run with timed benchmarks.
bool wants_baseline(const RunOptions& o, const Evaluation& ev);

// Puts a same-run baseline's means (`b`, timed from `source`) beside the submission's in `ev`,
// with the speedups (baseline time / submission time).
void merge_baseline(Evaluation& ev, const Evaluation& b, const std::string& source);

// Never throws for anything the submission does; a broken problem or judge gives `error`.
Evaluation evaluate(const problem::Problem& p, const std::filesystem::path& submission, const RunOptions& o);

// --mode ranked: one phase's part of `ev` (its tests, benchmarks, score, verdict) for `phases`.
nlohmann::json phase_summary(const Evaluation& ev, Mode phase);
// --mode ranked where the backend runs each mode in its own process: `one` runs test, benchmark
// and leaderboard in turn (the baseline with the last only); the result is the last phase run.
Evaluation evaluate_ranked(const std::function<Evaluation(const RunOptions&)>& one, const RunOptions& o);

}  // namespace arbiter::judge
