// The iteration protocol of DESIGN §2 for task.yml problems. Per call: the oracle generates
// fresh inputs from a seed derived in the judge, the judge poisons the outputs and flushes the
// cache, the contestant calls custom_kernel between its two clock reads and copies the result
// into judge memory, the judge snapshots it at the reply, and the oracle checks the snapshot.
#include "judge/python/py_evaluation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <future>
#include <thread>

#include "backend/cpu/cache_flush.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "judge/python/embedded_oracle.hpp"
#include "judge/plausibility.hpp"
#include "judge/python/py_case.hpp"
#include "judge/python/runtime_paths.hpp"
#include "judge/profile_table.hpp"
#include "judge/run_backend.hpp"
#include "judge/python/warmup.hpp"
#include "judge/session.hpp"
#include "judge/stats.hpp"
#include "judge/kill_switch.hpp"
#include "judge/workdir.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

void materialise(const problem::TaskYml& task, const fs::path& dir, const std::string& submission_name,
                 const std::string& submission_text, const std::vector<std::string>& skip) {
  fs::create_directories(dir);
  for (auto& f : task.files) {
    if (std::find(skip.begin(), skip.end(), f.name) != skip.end()) continue;
    if (f.is_submission()) std::ofstream(dir / f.name, std::ios::binary) << submission_text;
    else fs::copy_file(task.dir / f.source, dir / f.name, fs::copy_options::overwrite_existing);
  }
  if (!fs::exists(dir / submission_name)) std::ofstream(dir / submission_name, std::ios::binary) << submission_text;
}

namespace {

constexpr int kCalibrationCalls = 16;
constexpr int kMaxWarmUpPasses = 3;
constexpr uint64_t kPublicRunSeed = 0x5eed;
// What a later case's calibration may add to the pre-import one: noise only, since copying a
// returned tensor into the judge's buffer lies inside the timed region (interpreter.cpp).
constexpr double kCaseSlackNs = 200e3;

// SplitMix64 over (run seed, case, iteration): every call gets its own seed, unpredictable
// without the run seed, which never leaves the judge on secret runs.
int64_t call_seed(uint64_t run_seed, std::size_t case_index, uint64_t iteration) {
  uint64_t z = run_seed ^ (case_index * 0xD1B54A32D192ED03ULL) ^ (iteration * 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<int64_t>((z ^ (z >> 31)) >> 2);  // positive: generate_input seeds torch with it
}

// A problem none of whose files names CUDA (reference, helpers, harness, templates) keeps its
// tensors on the CPU: its run opens no GPU, and its contestant gets none, so a CPU problem is
// solved on the CPU even on a GPU host.
bool problem_names_cuda(const problem::TaskYml& t) {
  for (const auto& f : t.files) {
    if (f.is_submission()) continue;
    std::string text = read_file(t.dir / f.source);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    if (text.find("cuda") != std::string::npos) return true;
  }
  return false;
}

// CUDA events on the GPU (device time), the contestant's clock reads on the CPU.
TimeSource time_source(const PyCase& pc) { return pc.on_gpu() ? TimeSource::device : TimeSource::host; }

class PyEvaluator {
 public:
  PyEvaluator(const problem::TaskYml& t, const PyRunOptions& o, Evaluation& ev) : t_(t), o_(o), ev_(ev) {}
  void run(const fs::path& submission) {
    prepare(submission);
    if (before_phases) before_phases();
    phases();
  }
  // Everything before the first call: the files, the oracle, the box, the compile warm-up, hello.
  void prepare(const fs::path& submission);
  // The run's modes in the warm contestant, then its shutdown.
  void phases();
  std::function<void()> before_phases;  // between the two (the same-run baseline's start-up)
  // From another thread: kills this run's oracle and contestants, so what it is waiting for fails
  // at once (a baseline whose submission has failed).
  void abort() { kill_.pull(); }

 private:
  struct Outcome { double reported_ns = 0; bool checked = false, ok = true; std::string message; };
  void stage(const std::string& s) {
    if (o_.base.progress) o_.base.progress->stage(s);
    debug(s);
  }
  void debug(const std::string& s) const { debug_stage(o_.base.as_baseline ? "baseline: " + s : s); }
  void open_case(PyCase& pc, std::size_t case_index);
  // fresh_inputs false: the memory-hygiene rerun (the last call's inputs again, another poison).
  Outcome iterate(PyCase& pc, PlausibilityCheck& plaus, std::size_t case_index, bool check_now,
                  bool fresh_inputs = true);
  void verify(PyCase& pc, Outcome& r);
  void run_test(const problem::TaskCase& c, std::size_t case_index, std::size_t index, std::size_t total);
  void run_benchmark(const problem::TaskCase& c, std::size_t case_index);
  void run_phase(Mode phase);
  void warm_up(std::unique_ptr<Session> builder, const SpawnOptions& options,
               const std::vector<problem::TaskCase>& cases, const fs::path& cache);
  bool pick_checked(bool first) const;

  const problem::TaskYml& t_;
  const PyRunOptions& o_;
  Evaluation& ev_;
  std::unique_ptr<Oracle> oracle_;
  std::unique_ptr<RunBackend> gpu_;  // where this judge has a CUDA device: for cases whose tensors live there
  std::unique_ptr<Session> session_;
  backend::cpu::CacheFlusher flusher_;
  Calibration calibration_, baseline_;
  fs::path contestant_dir_;
  std::vector<ShapeProfile> shapes_;  // --mode profile
  std::string warm_up_box_;
  WorkDir work_;  // the oracle's and the contestant's files, for the whole run
  KillSwitch kill_;
  bool loaded_ = false;
  uint64_t run_seed_ = kPublicRunSeed, poison_seed_ = 0, next_iteration_ = 1;
  uint64_t last_inputs_ = 0;  // the iteration whose seed drew the last call's inputs
  int call_timeout_ms_ = 10000;
};

bool PyEvaluator::pick_checked(bool first) const {
  if (first) return true;
  if (o_.base.as_baseline) return false;  // the problem's own ref_kernel: first and last calls checked
  if (t_.check_fraction >= 1.0) return true;
  return static_cast<double>(secure_random_u64() >> 11) * 0x1.0p-53 < t_.check_fraction;
}

void PyEvaluator::verify(PyCase& pc, Outcome& r) {
  r.checked = true;
  ++ev_.checked_iterations;
  std::string msg;
  switch (pc.status(msg)) {
    case CallStatus::ok: break;
    case CallStatus::raised: throw Stop(Verdict::crash, msg);
    case CallStatus::not_a_tensor: throw Stop(Verdict::rejected, msg);
    case CallStatus::bad_shape: r.ok = false; r.message = msg; return;
  }
  r.ok = pc.check(r.message);
  bool late = pc.outputs_changed_since_snapshot();
  if (!late && !r.ok) {  // a wrong snapshot may be work still landing: give it a moment to show
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    late = pc.outputs_changed_since_snapshot();
  }
  if (late) throw Stop(Verdict::rejected, "output changed after the call returned: work must finish inside the call");
}

PyEvaluator::Outcome PyEvaluator::iterate(PyCase& pc, PlausibilityCheck& plaus, std::size_t case_index,
                                          bool check_now, bool fresh_inputs) {
  if (next_iteration_ > 1 && pc.outputs_changed_since_snapshot())
    throw Stop(Verdict::rejected, "output changed after the call returned: work must finish inside the call");
  const uint64_t it = next_iteration_++;
  // The rerun draws the last call's inputs again (the same seed), rewriting any the call changed.
  if (fresh_inputs) last_inputs_ = it;
  pc.generate(call_seed(run_seed_, case_index, last_inputs_));
  pc.poison(it, poison_seed_);
  pc.flush_caches(flusher_);
  CallObservation obs = session_->call(it, wire::CallKind::kernel, call_timeout_ms_);
  pc.snapshot();
  if (std::string why = plaus.observe(obs); !why.empty()) throw Stop(Verdict::rejected, why);
  Outcome r;
  r.reported_ns = plaus.reported_ns(obs);
  ++ev_.timed_iterations;
  if (check_now) verify(pc, r);
  else if (std::string m; pc.status(m) != CallStatus::ok) verify(pc, r);  // errors are never sampled away
  return r;
}

// Sets the case up in the contestant and calibrates the harness's own overhead for it: empty
// calls through the same path. The first calibration runs before the submission is imported, so
// nothing of it runs then; later ones may not exceed that baseline by more than noise (the
// submission's code is in the process by then).
void PyEvaluator::open_case(PyCase& pc, std::size_t case_index) {
  pc.generate(call_seed(run_seed_, case_index, 0));
  debug("case inputs drawn");
  session_->setup(pc.describe(), pc.input_fd(), pc.output_fd(), 60000);
  debug("case set up in the contestant");
  if (pc.on_gpu() && ev_.device.empty()) {
    ev_.device = gpu_->device();
    ev_.backend = "cuda";
  }
  std::vector<double> walls, cpus, settles;
  for (int i = 0; i < kCalibrationCalls; ++i) {
    const uint64_t it = next_iteration_++;
    // On a GPU the judge's own work before a call (poison, flush) costs the contestant's context a
    // switch back on the device: calibration calls pay it too, as every timed call will.
    if (pc.on_gpu()) {
      pc.poison(it, poison_seed_);
      pc.flush_caches(flusher_);
    }
    CallObservation o = session_->call(it, wire::CallKind::empty, 10000);
    walls.push_back(unexplained_gap_ns(o));
    if (cpu_gap_ns(o) >= 0) cpus.push_back(cpu_gap_ns(o));
    if (o.done.settle_ns >= 0) settles.push_back(static_cast<double>(o.done.settle_ns));
  }
  calibration_ = calibrate_from(walls, cpus.size() == walls.size() ? cpus : std::vector<double>{}, settles);
  debug("case calibrated");
  pc.snapshot();  // what the empty calls left is the reference for the first call's late-write check
  if (loaded_) {
    const double allowance = kCaseSlackNs;
    calibration_.median_gap_ns = std::min(calibration_.median_gap_ns, baseline_.median_gap_ns + allowance);
    calibration_.p99_gap_ns = std::min(calibration_.p99_gap_ns, baseline_.p99_gap_ns + allowance);
    if (baseline_.median_cpu_gap_ns >= 0)
      calibration_.median_cpu_gap_ns = std::min(calibration_.median_cpu_gap_ns, baseline_.median_cpu_gap_ns + allowance);
    return;
  }
  baseline_ = calibration_;
  ev_.calibration = calibration_;
  stage("importing submission");
  const int64_t t0 = now_ns();
  session_->load((contestant_dir_ / "submission.py").string(), static_cast<int>(t_.test_timeout * 1000));
  ev_.compile_ms = static_cast<double>(now_ns() - t0) / 1e6;
  loaded_ = true;
  debug("submission imported");
}

void PyEvaluator::run_test(const problem::TaskCase& c, std::size_t case_index, std::size_t index, std::size_t total) {
  TestResult t{c.spec(), Verdict::pass, "", ev_.secret_seed};
  try {
    PyCase pc(*oracle_, c, gpu_.get());
    open_case(pc, case_index);
    PlausibilityCheck plaus(calibration_, 0, time_source(pc));
    for (int i = 0; i < o_.test_iterations && t.status == Verdict::pass; ++i) {
      Outcome r = iterate(pc, plaus, case_index, true);
      if (!r.ok) { t.status = Verdict::wrong_answer; t.message = r.message; }
    }
    if (t.status == Verdict::pass) {  // memory hygiene (see Evaluator::run_test)
      Outcome r = iterate(pc, plaus, case_index, true, false);
      ++ev_.hygiene_reruns;
      if (!r.ok) {
        t.status = Verdict::wrong_answer;
        t.message = "memory hygiene rerun (same inputs, other poison): " + r.message;
      }
    }
    // No timing verdict on a test (see Evaluator::run_test): three calls of a first-seen shape.
  } catch (const Stop& s) {
    t.status = s.verdict;
    t.message = s.what();
    ev_.tests.push_back(t);
    if (o_.base.progress) o_.base.progress->test_done(t, index, total);
    throw;
  }
  ev_.tests.push_back(t);
  if (o_.base.progress) o_.base.progress->test_done(t, index, total);
}

void PyEvaluator::run_benchmark(const problem::TaskCase& c, std::size_t case_index) {
  BenchmarkResult b;
  double bytes = 0;
  b.name = c.spec();
  StoppingRule rule{o_.min_runs, o_.max_runs, o_.rel_err, o_.benchmark_budget_s * 1e9};
  if (o_.base.runs) rule.min_runs = rule.max_runs = *o_.base.runs;
  auto finish = [&](Verdict v, const std::string& msg) {
    b.status = v;
    b.message = msg;
    b.summary = summarise(b.samples_ns);
    ev_.benchmarks.push_back(b);
    if (o_.base.progress) o_.base.progress->benchmark_done(b);
  };
  try {
    PyCase pc(*oracle_, c, gpu_.get());
    open_case(pc, case_index);
    bytes = static_cast<double>(pc.moved_bytes());
    PlausibilityCheck plaus(calibration_, 0, time_source(pc));
    const int64_t warm_t0 = now_ns();
    // Warm-up calls look exactly like timed ones.
    for (int i = 0; keep_warming_up(i, o_.warmup_runs, static_cast<double>(now_ns() - warm_t0), rule.budget_ns); ++i) {
      Outcome r = iterate(pc, plaus, case_index, i == 0 || !o_.base.as_baseline);
      if (i == 0) debug("first call done");
      if (!r.checked) continue;
      ++b.checked;
      if (!r.ok) throw Stop(Verdict::wrong_answer, r.message);
    }
    debug("warm-up calls done");
    const int64_t t0 = now_ns();
    bool last_checked = true;
    while (should_stop(rule, b.samples_ns, static_cast<double>(now_ns() - t0)) == StopReason::none) {
      Outcome r = iterate(pc, plaus, case_index, pick_checked(b.samples_ns.empty()));
      b.samples_ns.push_back(r.reported_ns);
      last_checked = r.checked;
      if (r.checked) ++b.checked;
      if (r.checked && !r.ok) throw Stop(Verdict::wrong_answer, r.message);
      if (o_.base.progress && b.samples_ns.size() % 5 == 0)
        o_.base.progress->benchmark_tick(b.name, b.samples_ns.size(), summarise(b.samples_ns).rel_err);
    }
    b.stop = should_stop(rule, b.samples_ns, static_cast<double>(now_ns() - t0));
    debug(fmt::format("{} timed calls done", b.samples_ns.size()));
    if (!last_checked) {  // the last timed call is always checked
      Outcome r;
      verify(pc, r);
      ++b.checked;
      if (!r.ok) throw Stop(Verdict::wrong_answer, r.message);
    }
    if (std::string why = plaus.finish(); !why.empty()) throw Stop(Verdict::rejected, why);
  } catch (const Stop& s) {
    finish(s.verdict, s.what());
    throw;
  }
  finish(Verdict::pass, "");
  if (o_.profile) shapes_.push_back({b.name, b.summary.mean, bytes, std::nullopt});
}

namespace {

// The second pass's builder, started (spawned, greeted, the submission imported) while the first
// pass builds: the first pass almost always adds to the cache (it is the one that compiles), so
// the second almost always runs, and its start-up (PyTorch's and Dynamo's imports: 5-7 s on the
// H200) no longer follows the first pass but runs beside it. It starts once the first pass has
// imported the submission, so load_inline's extension is built before it loads it. A builder
// never taken (the first pass failed, or added nothing) is killed, not waited for.
class NextBuilder {
 public:
  NextBuilder() = default;
  NextBuilder(const NextBuilder&) = delete;
  NextBuilder& operator=(const NextBuilder&) = delete;
  ~NextBuilder() { abandon(); }
  // Spawned on the calling thread: a child's parent-death signal fires when the thread that
  // started it ends, so a helper thread may greet it and import, never start it.
  void start(const SpawnOptions& options, const std::string& submission, int timeout_ms, KillSwitch& run_kill) {
    auto b = std::make_unique<Session>(ContestantProcess::spawn(options));
    run_kill.track(b->pid());
    kill_.track(b->pid());
    future_ = std::async(std::launch::async, [b = std::move(b), submission, timeout_ms]() mutable {
      b->hello(60000);
      b->load(submission, timeout_ms);
      return std::move(b);
    });
  }
  bool started() const { return future_.valid(); }
  std::unique_ptr<Session> take() { return future_.get(); }  // its import's failure is thrown here
  void abandon() {
    if (!future_.valid()) return;
    kill_.pull();
    try {
      future_.get();
    } catch (...) {  // a killed builder's start-up fails; nothing of it is wanted
    }
  }

 private:
  KillSwitch kill_;
  std::future<std::unique_ptr<Session>> future_;
};

}  // namespace

// The builder imports the submission and calls custom_kernel once per shape, in the order the
// timed run will (Dynamo's recompilations follow the order of shapes), on inputs from a seed
// of its own; what it returns is never looked at. A process that starts on a warm cache may
// still build something new (torch.compile around a user Triton kernel: measured on the H200,
// the second process compiles the kernel under another key, the third nothing), so passes
// repeat, each in a fresh builder, until one adds nothing to the cache. Its failures are the
// submission's: an import or build error is compile_error, a crash or a hang keeps its verdict.
void PyEvaluator::warm_up(std::unique_ptr<Session> builder, const SpawnOptions& options,
                          const std::vector<problem::TaskCase>& cases, const fs::path& cache) {
  stage("compiling (warm-up)");
  const int64_t t0 = now_ns();
  const int timeout_ms = static_cast<int>(std::max(t_.test_timeout, t_.ranked_timeout) * 1000);
  const uint64_t seed = secure_random_u64();
  const std::string submission = (contestant_dir_ / "submission.py").string();
  std::string shape = "import";
  std::string before = cache_listing(cache);
  const std::string over_limit = fmt::format("the build wrote more than {} MiB into its cache (the host's disk)",
                                             warm_up_cache_limit_bytes() >> 20);
  // Later passes load built extensions as the timed contestant will (load_inline would rewrite
  // its source and rebuild everything).
  SpawnOptions later = options;
  later.extra_env.push_back("ARBITER_PREBUILT=1");
  NextBuilder next;
  try {
    for (int pass = 1;; ++pass) {
      bool loaded = false;
      if (!builder && next.started()) {
        shape = "import";
        builder = next.take();
        loaded = true;
      }
      if (!builder) {
        builder = std::make_unique<Session>(ContestantProcess::spawn(later));
        kill_.track(builder->pid());
      }
      const CacheWatch watch(cache, builder->pid(), warm_up_cache_limit_bytes());
      try {  // a build ended by the cache's cap fails as whatever it was doing: name the cap
        if (!loaded) {
          const nlohmann::json hello = builder->hello(60000);
          if (pass == 1) warm_up_box_ = describe_builder_box(hello);
          shape = "import";
          builder->load(submission, timeout_ms);
        }
        if (pass == 1) next.start(later, submission, timeout_ms, kill_);
        std::vector<std::string> seen;
        uint64_t it = 1;
        for (std::size_t i = 0; i < cases.size(); ++i) {
          shape = cases[i].spec();
          if (std::find(seen.begin(), seen.end(), shape) != seen.end()) continue;
          seen.push_back(shape);
          stage(fmt::format("compiling (warm-up {}) {}", pass, shape));
          PyCase pc(*oracle_, cases[i], gpu_.get());
          pc.generate(call_seed(seed, i, static_cast<uint64_t>(pass)));
          builder->setup(pc.describe(), pc.input_fd(), pc.output_fd(), 60000);
          builder->call(it++, wire::CallKind::kernel, timeout_ms);
          pc.snapshot();
          // A kernel that raised here (its JIT failed, most often) raises in the timed run too:
          // say so now, with the build's traceback.
          if (std::string msg; pc.status(msg) == CallStatus::raised) throw Stop(Verdict::crash, msg);
        }
        builder->shutdown();
        builder.reset();
      } catch (const Stop&) {
        if (watch.exceeded()) throw Stop(Verdict::rejected, over_limit);
        throw;
      }
      if (watch.exceeded()) throw Stop(Verdict::rejected, over_limit);
      std::string after = cache_listing(cache);
      ev_.warm_up_passes = pass;
      if (const char* keep = std::getenv("ARBITER_DEV_KEEP_WARM_UP"); keep && *keep)
        std::ofstream(fmt::format("{}.pass{}.txt", keep, pass)) << after;
      // (Past the last pass the timed run tells: a compile there is refused like any process.)
      if (after == before || pass == kMaxWarmUpPasses) break;
      before = std::move(after);
    }
    // Development aid (docs/CUDA.md): what the warm-up built, kept for a look after the run.
    if (const char* keep = std::getenv("ARBITER_DEV_KEEP_WARM_UP"); keep && *keep)
      fs::copy(cache, keep, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  } catch (const Stop& s) {
    throw Stop(s.verdict, fmt::format("compile warm-up failed ({}):\n{}", shape, s.what()));
  }
  ev_.compile_s = static_cast<double>(now_ns() - t0) / 1e9;
}

fs::path contestant_executable() {
  fs::path p = self_exe().parent_path() / "arbiter-python-contestant";
  if (!fs::exists(p)) fail("{} is missing: this build has no Python support (install python3-dev)", p.string());
  return p;
}

void PyEvaluator::prepare(const fs::path& submission) {
  const std::string source = read_file(submission);
  ev_.submission_sha256 = sha256_hex(source);
  poison_seed_ = secure_random_u64();
  const Mode mode = o_.base.mode;
  call_timeout_ms_ = static_cast<int>(std::min(t_.ranked_timeout, 60.0) * 1000);

  const fs::path oracle_dir = work_.path() / "oracle";
  contestant_dir_ = work_.path() / "submission";
  // The oracle gets the problem's files; the contestant the same minus the reference and the
  // harness (eval.py), so neither expected outputs nor the checker exist on its side.
  materialise(t_, oracle_dir, "submission.py", "");
  // (The same-run baseline is the reference itself, timed as a submission in its own contestant.)
  if (o_.base.as_baseline) materialise(t_, contestant_dir_, "submission.py", source, {t_.main});
  else materialise(t_, contestant_dir_, "submission.py", source, {"reference.py", t_.main});
  std::ofstream(oracle_dir / "arbiter_oracle.py") << kOracleDriverSource;
  stage("starting the oracle and the sandbox");
  oracle_ = std::make_unique<Oracle>(oracle_dir, oracle_dir / "arbiter_oracle.py", t_.test_timeout);
  kill_.track(oracle_->pid());

  if (cuda_usable() && problem_names_cuda(t_)) gpu_ = make_cuda_backend();
  SpawnOptions so;
  so.executable = contestant_executable().string();
  // The system's runtime (shared libraries, ld.so.cache, CPU topology for thread counts), what
  // this contestant's interpreter reads (asked from it: stdlib, site dirs, torch), the submission.
  std::vector<std::string> ro = {"/usr", "/lib", "/lib64", "/etc/ld.so.cache", "/sys/devices/system/cpu",
                                 "/proc/cpuinfo", "/dev/urandom"};
  for (auto& p : interpreter_paths(so.executable)) ro.push_back(p);
  // Where the build put a libpython3.so forwarder (hosts without one); the contestant's run path.
  if (const fs::path fwd = fs::path(so.executable).parent_path() / "arbiter-python-lib"; fs::exists(fwd))
    ro.push_back(fwd.string());
  // USER/LOGNAME: getpass.getuser() would look the uid up in a passwd file the box does not have
  // (torch._dynamo's cache path asks for it as soon as it is imported).
  so.extra_env = {"PYTHONDONTWRITEBYTECODE=1", "PYTHONNOUSERSITE=1", "PYTHONHASHSEED=0", "USER=contestant",
                  "LOGNAME=contestant"};
  if (const std::string& pp = oracle_venv().pythonpath; !pp.empty()) so.extra_env.push_back("PYTHONPATH=" + pp);
  // load_inline / Triton / torch.compile: the builder contestant compiles everything first
  // (python/warmup.hpp); the timed contestant reads its cache.
  // (The same-run baseline times the problem's own ref_kernel: its reference.py decides.)
  const bool builds = needs_warm_up(source) ||
                      (o_.base.as_baseline && fs::exists(contestant_dir_ / "reference.py") &&
                       needs_warm_up(read_file(contestant_dir_ / "reference.py")));
  const fs::path cache = work_.path() / "cache";
  if (builds) {
    fs::create_directories(cache);
    ro.push_back(cache.string());
    for (auto& e : cache_env(cache)) so.extra_env.push_back(e);
  }
  ro.push_back(contestant_dir_.string());
  so.read_only_paths = without_nested(ro);
  so.address_space_mb = 0;  // PyTorch reserves far more address space than it uses; RLIMIT_CPU and the timeouts bound it
  // Where there is a GPU the contestant gets it (device nodes, the driver's folder, its CUDA
  // context made before the box closes); each case's tensors go where the reference keeps them.
  if (gpu_) {
    gpu_->prepare_spawn(so);
    so.read_only_paths = without_nested(so.read_only_paths);
  }
  add_development_knobs(so);
  std::unique_ptr<Session> builder;
  SpawnOptions builder_opts;
  if (builds) {
    std::vector<std::string> extra;
    if (!oracle_venv().prefix.empty()) extra.push_back(oracle_venv().prefix);  // ninja in its bin/
    builder_opts = builder_options(so, cache, extra, gpu_ ? gpu_->device().value("compute_capability", "") : "");
    builder = std::make_unique<Session>(ContestantProcess::spawn(builder_opts));
    kill_.track(builder->pid());
    so.extra_env.push_back("ARBITER_PREBUILT=1");  // the timed contestant replays, never builds
  }
  session_ = std::make_unique<Session>(ContestantProcess::spawn(so));
  kill_.track(session_->pid());
  // Both interpreters import PyTorch at the same time: the oracle's init and the contestant's start.
  // The oracle then draws and solves the run's first case once, while the contestant starts.
  const std::vector<problem::TaskCase> firsts = mode == Mode::benchmark ? t_.ranked_benchmarks() : t_.tests;
  nlohmann::json init = {{"op", "init"}, {"dir", oracle_dir.string()}};
  if (!firsts.empty()) init["warm"] = nlohmann::json::parse(firsts.front().json());
  oracle_->request(init);

  if (builder) {
    std::vector<problem::TaskCase> all;
    if (mode != Mode::benchmark) all = t_.tests;
    if (mode != Mode::test)
      for (auto& b : t_.ranked_benchmarks()) all.push_back(b);
    warm_up(std::move(builder), builder_opts, all, cache);
  }
  ev_.sandbox = session_->hello(10000);
  ev_.sandbox["harness"] = "arbiter";
  if (!warm_up_box_.empty()) ev_.sandbox["warm_up"] = warm_up_box_;
}

void PyEvaluator::phases() {
  // --mode ranked: the three modes in turn in this one contestant (one start-up, one warm-up).
  run_phases(o_.base, kPublicRunSeed, ev_, run_seed_, [this](Mode m) { run_phase(m); });
  session_->shutdown();
  debug("contestant shut down");
}

// One mode's cases in the warm contestant: the tests (stopping at the first that fails, as that
// ecosystem does), then the benchmarks and the score. Sets the verdict; throws Stop on a failure
// that ends the run.
void PyEvaluator::run_phase(Mode phase) {
  std::vector<problem::TaskCase> tests, benches;
  if (phase != Mode::benchmark) tests = t_.tests;
  if (phase != Mode::test) benches = t_.ranked_benchmarks();
  const std::string prefix = o_.base.mode == Mode::ranked ? std::string(mode_name(phase)) + ": " : "";
  for (std::size_t i = 0; i < tests.size(); ++i) {
    stage(prefix + "test " + tests[i].spec());
    run_test(tests[i], i, i, tests.size());
    if (ev_.tests.back().status != Verdict::pass) {
      ev_.verdict = ev_.tests.back().status;
      ev_.reason = "test " + ev_.tests.back().name + ": " + ev_.tests.back().message;
      return;
    }
  }
  for (std::size_t i = 0; i < benches.size(); ++i) {
    stage(prefix + "benchmark " + benches[i].spec());
    run_benchmark(benches[i], 1000 + i);
  }
  ev_.verdict = Verdict::pass;
  ev_.reason = "";
  if (phase != Mode::test && !ev_.benchmarks.empty()) {
    std::vector<double> means;
    for (auto& b : ev_.benchmarks) means.push_back(b.summary.mean);
    ev_.score_ns = aggregate_score(means, t_.ranking_by == problem::TaskRanking::last   ? ScoreRule::last
                                          : t_.ranking_by == problem::TaskRanking::mean ? ScoreRule::mean
                                                                                        : ScoreRule::geomean);
  }
  if (o_.profile) {
    const problem::MachineProfile m = ev_.backend == "cuda" ? gpu_->machine() : problem::load_or_measure_profile("cpu");
    ev_.profile = nlohmann::json::array();
    for (auto& sh : shapes_) ev_.profile.push_back(profile_row(sh, m));
    fmt::print(stderr, "{}", profile_table(ev_.profile, m));
  }
}

Evaluation fresh_evaluation(const problem::TaskYml& task, const PyRunOptions& o) {
  Evaluation ev;
  ev.problem = task.name;
  ev.mode = o.profile ? "profile" : mode_name(o.base.mode);
  ev.check_fraction = task.check_fraction;
  return ev;
}

PyRunOptions baseline_options(const PyRunOptions& o) {
  PyRunOptions bo = o;
  bo.base.mode = Mode::benchmark;
  bo.base.baseline = false;
  bo.base.as_baseline = true;
  bo.base.progress = nullptr;
  bo.profile = false;
  return bo;
}

// The same-run baseline: the problem's own ref_kernel timed as a submission, in an oracle and a
// contestant of its own. Their start-up (PyTorch imports, CUDA contexts: seconds) runs beside the
// submission's; the submission's first call waits for it to end, and the baseline's calls wait
// until the submission's run is over, so no call of one shares the machine with the other's
// start-up or calls. All of it on one thread: the oracle and the contestant die with the thread
// that started them (PR_SET_PDEATHSIG).
class BaselineRun {
 public:
  BaselineRun(const problem::TaskYml& task, const PyRunOptions& o)
      : opts_(baseline_options(o)), ev_(fresh_evaluation(task, opts_)), eval_(task, opts_, ev_) {
    src_ = work_.path() / "submission.py";
    std::ofstream(src_) << "# Arbiter's same-run baseline: the problem's own ref_kernel, timed as a submission.\n"
                           "from reference import ref_kernel as custom_kernel\n";
    prepared_ = prepared_promise_.get_future().share();
    thread_ = std::thread([this, go = go_.get_future()]() mutable {
      int64_t t0 = now_ns();
      bool ready = false;
      verdict_of(ev_, [&] {
        eval_.prepare(src_);
        ready = true;
      });
      int64_t wall = now_ns() - t0;
      prepared_promise_.set_value();
      if (go.get() && ready) {
        t0 = now_ns();
        verdict_of(ev_, [&] { eval_.phases(); });
        wall += now_ns() - t0;
      }
      ev_.wall_ms = static_cast<double>(wall) / 1e6;
    });
  }
  BaselineRun(const BaselineRun&) = delete;
  BaselineRun& operator=(const BaselineRun&) = delete;
  ~BaselineRun() { end(false); }
  void wait_prepared() const { prepared_.wait(); }
  const Evaluation& finish() {
    end(true);
    return ev_;
  }

 private:
  void end(bool run_phases) {
    if (!thread_.joinable()) return;
    if (!run_phases) eval_.abort();  // not wanted: its start-up need not finish
    go_.set_value(run_phases);
    thread_.join();
  }
  WorkDir work_;
  fs::path src_;
  PyRunOptions opts_;
  Evaluation ev_;
  PyEvaluator eval_;
  std::promise<void> prepared_promise_;
  std::shared_future<void> prepared_;
  std::promise<bool> go_;
  std::thread thread_;
};

}  // namespace

Evaluation evaluate_python(const problem::TaskYml& task, const fs::path& submission, const PyRunOptions& o) {
  Evaluation ev = fresh_evaluation(task, o);
  std::unique_ptr<BaselineRun> base;
  std::string base_error;
  if (o.base.baseline && !o.base.as_baseline && o.base.mode != Mode::test) {
    try {
      base = std::make_unique<BaselineRun>(task, o);
    } catch (const std::exception& e) {
      base_error = e.what();
    }
  }
  const int64_t t0 = now_ns();
  verdict_of(ev, [&] {
    PyEvaluator e(task, o, ev);
    if (base) e.before_phases = [&] { base->wait_prepared(); };
    e.run(submission);
  });  // the submission's oracle and contestant have ended here
  debug_stage("submission's processes ended");
  ev.wall_ms = static_cast<double>(now_ns() - t0) / 1e6;
  if (wants_baseline(o.base, ev)) {
    if (o.base.progress) o.base.progress->stage("baseline ref_kernel");
    if (base) {
      try {
        merge_baseline(ev, base->finish(), "reference.py:ref_kernel");
        base.reset();
        debug_stage("baseline: ended");
      } catch (const std::exception& e) {  // never costs the submission its verdict
        base_error = e.what();
      }
    }
    if (!base_error.empty()) ev.baseline = {{"status", "error"}, {"reason", base_error}};
  }
  return ev;
}

}  // namespace arbiter::judge::python
