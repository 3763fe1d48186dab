// The iteration protocol of DESIGN §2 on the CPU backend: fresh inputs, poisoned outputs and a
// judge-side cache flush before every call; a snapshot at the reply, checked in the judge's own
// memory; late writes, impossible times and background work rejected.
#include "judge/evaluation.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <atomic>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>
#include <utility>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "judge/compile.hpp"
#include "judge/launch_plan.hpp"
#include "judge/ncu_profile.hpp"
#include "judge/profile_table.hpp"
#include "judge/report.hpp"
#include "judge/run_backend.hpp"
#include "judge/trust_level.hpp"
#include "judge/session.hpp"
#include "judge/workdir.hpp"
#include "problem/machine_profile.hpp"

namespace arbiter::judge {
namespace fs = std::filesystem;

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::wrong_answer: return "wrong_answer";
    case Verdict::rejected: return "rejected";
    case Verdict::timeout: return "timeout";
    case Verdict::crash: return "crash";
    case Verdict::compile_error: return "compile_error";
    case Verdict::error: return "error";
  }
  return "error";
}

const char* mode_name(Mode m) {
  switch (m) {
    case Mode::test: return "test";
    case Mode::benchmark: return "benchmark";
    case Mode::leaderboard: return "leaderboard";
    case Mode::ranked: return "ranked";
  }
  return "?";
}

namespace {

constexpr int kTestIterations = 3;
constexpr int kCalibrationCalls = 64;
constexpr int kLateWriteGraceMs = 250;
constexpr uint64_t kPublicRunSeed = 0x5eed;

std::string first_error_line(const std::string& log) {
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line))
    if (line.find("error") != std::string::npos) return line.substr(0, 300);
  return log.substr(0, std::min<std::size_t>(log.size(), 300));
}

// The judge's side of a backend (its GPU context, the L2 flush buffer), kept from a run for the
// same-run baseline that follows it instead of being closed and opened again.
using BackendSlot = std::shared_ptr<RunBackend>;

class Evaluator {
 public:
  Evaluator(const problem::Problem& p, const RunOptions& o, Evaluation& ev, BackendSlot& slot)
      : p_(p), o_(o), ev_(ev), slot_(slot) {}
  // A run that ends before its build is joined (the GPU or the contestant failed) stops the compiler.
  ~Evaluator() { stop_build_ = true; }
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;
  // A run in three steps, so that a same-run baseline can start between them (evaluate_in):
  // start opens the backend, starts the build and spawns the contestant; ready waits for the
  // contestant's greeting and the build; phases runs the modes and shuts the contestant down.
  void start(const fs::path& submission);
  void ready();
  void phases();
  void run(const fs::path& submission) {
    start(submission);
    ready();
    phases();
  }

 private:
  struct Iteration {
    double reported_ns = 0;
    CheckResult check;
    bool checked = false;
  };
  void stage(const std::string& s) {
    if (o_.progress) o_.progress->stage(s);
    debug(s);
  }
  void debug(const std::string& s) const { debug_stage(o_.as_baseline ? "baseline: " + s : s); }
  // fresh_inputs false: the memory-hygiene rerun (the last call's inputs again, another poison).
  Iteration iterate(JudgeCase& jc, PlausibilityCheck& pc, bool check_now, bool fresh_inputs = true);
  CallObservation call(JudgeCase& jc, uint64_t iteration, wire::CallKind kind, int timeout_ms);
  void verify(JudgeCase& jc, Iteration& it);
  void prepare_case(JudgeCase& jc);
  void calibrate_and_load(JudgeCase& jc);
  void start_build(const fs::path& submission, const std::string& source, bool cuda);
  void finish_build();
  void send_launch_plan(const JudgeCase& jc);
  std::vector<std::pair<std::string, std::size_t>> scratch_for(const problem::Case& c) const;
  void run_test(const problem::Case& c, std::size_t index, std::size_t total);
  void run_benchmark(const problem::Case& c);
  void run_phase(Mode phase);
  bool pick_checked(bool first);
  void profile_shape(const problem::Case& c, const JudgeCase& jc, const BenchmarkResult& b);
  nlohmann::json ncu_row(const JudgeCase& jc, const ShapeProfile& b);
  MemoryFactory memory() {
    return [this](std::size_t in, std::size_t out) { return backend_->case_memory(in, out); };
  }
  TimeSource time_source() const {
    return std::string(backend_->name()) == "cuda" ? TimeSource::device : TimeSource::host;
  }

  const problem::Problem& p_;
  const RunOptions& o_;
  Evaluation& ev_;
  std::unique_ptr<Reference> ref_;
  std::unique_ptr<Session> session_;
  BackendSlot& slot_;
  std::shared_ptr<RunBackend> backend_;
  problem::MachineProfile machine_;
  fs::path so_path_;
  bool loaded_ = false;
  TrustLevel trust_ = TrustLevel::host;
  problem::Params knobs_;             // the device trust level's knob values
  bool knobs_set_by_submission_ = false;
  uint64_t run_seed_ = kPublicRunSeed, poison_seed_ = 0, next_iteration_ = 1;
  uint64_t last_inputs_ = 0;  // the iteration whose seed drew the last call's inputs
  int call_timeout_ms_ = 10000;
  // Where one case's calls went, judge side (ARBITER_DEBUG_STAGES): the draw of fresh inputs,
  // before the call (poison, flush), the round trip, after it (seal, snapshot, canaries), checks.
  struct Spent {
    int64_t draw = 0, before = 0, round_trip = 0, after = 0, check = 0;
    int calls = 0;
  } spent_;
  void report_spent(const std::string& name) {
    const Spent s = std::exchange(spent_, Spent{});
    if (s.calls == 0) return;
    debug(fmt::format("{}: {} calls, per call: draw {:.2f} ms, before {:.2f}, round trip {:.2f}, after {:.2f}, "
                      "check {:.2f}",
                      name, s.calls, s.draw / 1e6 / s.calls, s.before / 1e6 / s.calls, s.round_trip / 1e6 / s.calls,
                      s.after / 1e6 / s.calls, s.check / 1e6 / s.calls));
  }
  // Declared last so that a build still running when the run ends is waited for (the future's
  // destructor) before its folder is removed.
  std::atomic<bool> stop_build_{false};
  std::unique_ptr<WorkDir> work_;
  std::future<CompileResult> build_;
};

bool Evaluator::pick_checked(bool first) {
  if (first) return true;
  if (o_.as_baseline) return false;  // the problem's own code: the first and last calls are checked
  if (p_.check.fraction >= 1.0) return true;
  return static_cast<double>(secure_random_u64() >> 11) * 0x1.0p-53 < p_.check.fraction;
}

void Evaluator::verify(JudgeCase& jc, Iteration& it) {
  const int64_t t0 = now_ns();
  it.check = jc.check(*ref_);
  spent_.check += now_ns() - t0;
  it.checked = true;
  ++ev_.checked_iterations;
  if (jc.outputs_changed_since_snapshot())  // never once sealed; kept for unsealed outputs
    throw Stop(Verdict::rejected, "output changed after the call returned: work must finish inside the call");
  if (it.check.ok) return;
  // A wrong snapshot may be work still under way in a thread that outlived the call: its write
  // faults on the outputs the harness took back, and that fault, not the wrong answer, is the
  // verdict. Give such a thread a moment (a loaded machine may not run it at once); this costs
  // only runs that end wrong anyway.
  for (int waited_ms = 0; waited_ms < kLateWriteGraceMs; waited_ms += 5) {
    session_->check_alive("checking a call's outputs");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  session_->check_alive("checking a call's outputs");
  // GPU outputs are not sealed: work that landed during the wait shows in the live buffer.
  if (jc.outputs_changed_since_snapshot())
    throw Stop(Verdict::rejected, "output changed after the call returned: work must finish inside the call");
}

CallObservation Evaluator::call(JudgeCase& jc, uint64_t iteration, wire::CallKind kind, int timeout_ms) {
  int64_t handover = 0;
  const int64_t t0 = now_ns();
  if (jc.per_call_outputs()) {
    handover = session_->hand_outputs(iteration, jc.fresh_outputs(iteration, poison_seed_), 10000);
    if (kind == wire::CallKind::kernel) jc.flush_caches();  // CPU calibration calls are never flushed
  } else {
    // On a GPU the judge's own work before a call (poison, flush) costs the contestant's context a
    // switch back on the device: calibration calls pay it too, as every timed call will.
    jc.poison(iteration, poison_seed_);
    jc.flush_caches();
  }
  const int64_t t1 = now_ns();
  CallObservation obs = session_->call(iteration, kind, timeout_ms);
  const int64_t t2 = now_ns();
  obs.handover_cpu_ns = handover;
  if (jc.per_call_outputs() && !jc.seal_outputs()) {
    if (!loaded_) throw Stop(Verdict::error, "contestant harness kept its outputs mapped after a call");
    throw Stop(Verdict::rejected, "outputs still mapped writable in the contestant after its reply: the harness "
                                  "unmaps them when the kernel returns, so the submission kept its own mapping");
  }
  jc.snapshot();
  if (kind == wire::CallKind::kernel)
    if (std::string damage = jc.canary_damage(); !damage.empty()) throw Stop(Verdict::rejected, damage);
  spent_.before += t1 - t0;
  spent_.round_trip += t2 - t1;
  spent_.after += now_ns() - t2;
  ++spent_.calls;
  return obs;
}

Evaluator::Iteration Evaluator::iterate(JudgeCase& jc, PlausibilityCheck& pc, bool check_now, bool fresh_inputs) {
  if (jc.outputs_changed_since_snapshot())
    throw Stop(Verdict::rejected, "output changed after the call returned: work must finish inside the call");
  const uint64_t it = next_iteration_++;
  // The rerun draws the last call's inputs again (the same seed), rewriting any the call changed.
  if (fresh_inputs) last_inputs_ = it;
  const int64_t t0 = now_ns();
  jc.generate(*ref_, run_seed_, last_inputs_);
  spent_.draw += now_ns() - t0;
  CallObservation obs = call(jc, it, wire::CallKind::kernel, call_timeout_ms_);
  const std::string implausible = pc.observe(obs);
  Iteration r;
  r.reported_ns = pc.reported_ns(obs);
  ++ev_.timed_iterations;
  // A wrong answer is the more useful verdict when a call is both wrong and impossibly fast
  // (an output never written is both): check first, then judge the timing.
  if (check_now) verify(jc, r);
  if (r.checked && !r.check.ok) return r;
  if (!implausible.empty()) throw Stop(Verdict::rejected, implausible);
  return r;
}

void Evaluator::prepare_case(JudgeCase& jc) {
  session_->setup(jc, 10000);
  if (!loaded_) calibrate_and_load(jc);
  if (trust_ == TrustLevel::device) send_launch_plan(jc);
  spent_ = {};
}

void Evaluator::calibrate_and_load(JudgeCase& jc) {
  // Calibrate the harness's own overhead with an empty kernel before any submission code exists
  // in the contestant, then load the submission.
  std::vector<double> gaps, cpu_gaps, settles;
  for (int i = 0; i < kCalibrationCalls; ++i) {
    CallObservation o = call(jc, next_iteration_++, wire::CallKind::empty, 5000);
    gaps.push_back(unexplained_gap_ns(o));
    if (double c = cpu_gap_ns(o); c >= 0) cpu_gaps.push_back(c);
    if (o.done.settle_ns >= 0) settles.push_back(static_cast<double>(o.done.settle_ns));
  }
  ev_.calibration = calibrate_from(gaps, cpu_gaps, settles);
  stage("loading submission");
  if (trust_ == TrustLevel::device) {
    const std::string knobs = session_->load(so_path_.string(), 30000, device_load_spec(*p_.launch));
    std::vector<std::string> set;
    try {
      knobs_ = knob_values(*p_.launch, knobs, &set);
    } catch (const Error& e) {
      throw Stop(Verdict::rejected, std::string("protocol: ") + e.what());
    }
    knobs_set_by_submission_ = !set.empty();
    ev_.launch = {{"knobs", knobs_}, {"set_by_submission", set}};
  } else {
    session_->load(so_path_.string(), 30000);
  }
  loaded_ = true;
}

// The device trust level's scratch buffers for this case (none at the host level).
std::vector<std::pair<std::string, std::size_t>> Evaluator::scratch_for(const problem::Case& c) const {
  std::vector<std::pair<std::string, std::size_t>> out;
  if (trust_ != TrustLevel::device) return out;
  std::vector<std::size_t> bytes;
  try {
    bytes = scratch_bytes(*p_.launch, c.params);
  } catch (const Error& e) {
    throw Stop(Verdict::error, fmt::format("problem's [launch]: {}", e.what()));
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) out.emplace_back(p_.launch->scratch[i].name, bytes[i]);
  return out;
}

// The device trust level: this case's launches, made by the harness in the contestant.
void Evaluator::send_launch_plan(const JudgeCase& jc) {
  std::string plan;
  try {
    plan = plan_launch(*p_.launch, jc.params(), knobs_, p_.outputs.size()).dump();
  } catch (const Error& e) {
    // Impossible launches from the submission's own knobs are its fault; from the defaults, the problem's.
    if (knobs_set_by_submission_) throw Stop(Verdict::crash, std::string("the submission's knobs: ") + e.what());
    throw Stop(Verdict::error, fmt::format("problem's [launch]: {}", e.what()));
  }
  if (plan.size() > wire::kMaxLaunchPlan)
    throw Stop(Verdict::error, fmt::format("problem's [launch]: the launch plan is {} bytes (at most {})", plan.size(),
                                           wire::kMaxLaunchPlan));
  session_->launch(plan, 10000);
}

void Evaluator::run_test(const problem::Case& c, std::size_t index, std::size_t total) {
  TestResult t{c.name, Verdict::pass, "", c.secret};
  try {
    JudgeCase jc(p_, c, memory(), scratch_for(c));
    prepare_case(jc);
    PlausibilityCheck pc(ev_.calibration, problem::floor_ns(p_, c.params, machine_), time_source());
    for (int i = 0; i < kTestIterations && t.status == Verdict::pass; ++i) {
      Iteration r = iterate(jc, pc, true);
      if (!r.check.ok) {
        t.status = Verdict::wrong_answer;
        t.message = r.check.message;
      }
    }
    // Memory hygiene: the same inputs once more under the other poison (and, on the GPU, freshly
    // scrubbed shared memory): an answer that came from memory the kernel never wrote changes.
    if (t.status == Verdict::pass) {
      Iteration r = iterate(jc, pc, true, false);
      ++ev_.hygiene_reruns;
      if (!r.check.ok) {
        t.status = Verdict::wrong_answer;
        t.message = "memory hygiene rerun (same inputs, other poison): " + r.check.message;
      }
    }
    // No timing verdict (PlausibilityCheck::finish) on a test: it scores nothing, and its few calls
    // are a first-seen shape's (a JIT's build, CUDA-graph recording). Work left past the reply is
    // still caught by the late-write check, and every call's stamps by observe().
  } catch (const Stop& s) {
    t.status = s.verdict;
    t.message = s.what();
    ev_.tests.push_back(t);
    if (o_.progress) o_.progress->test_done(t, index, total);
    throw;
  }
  ev_.tests.push_back(t);
  if (o_.progress) o_.progress->test_done(t, index, total);
  report_spent("test " + c.name);
}

void Evaluator::run_benchmark(const problem::Case& c) {
  BenchmarkResult b;
  b.name = c.name;
  b.floor_ns = problem::floor_ns(p_, c.params, machine_);
  StoppingRule rule{p_.limits.min_runs, p_.limits.max_runs, p_.limits.rel_err, p_.limits.benchmark_s * 1e9};
  if (o_.runs) {  // exactly this many: the time budget does not apply
    rule.min_runs = rule.max_runs = *o_.runs;
    rule.budget_ns = 1e30;
  }
  try {
    JudgeCase jc(p_, c, memory(), scratch_for(c));
    prepare_case(jc);
    PlausibilityCheck pc(ev_.calibration, b.floor_ns, time_source());
    // Warm-up calls look exactly like timed ones from inside, and are checked too.
    const int64_t warm_t0 = now_ns();
    for (int i = 0; keep_warming_up(i, p_.limits.warmup_runs, static_cast<double>(now_ns() - warm_t0), rule.budget_ns);
         ++i) {
      Iteration r = iterate(jc, pc, i == 0 || !o_.as_baseline);
      if (!r.checked) continue;
      ++b.checked;
      if (!r.check.ok) throw Stop(Verdict::wrong_answer, r.check.message);
    }
    const int64_t t0 = now_ns();
    bool last_checked = true;
    while (should_stop(rule, b.samples_ns, static_cast<double>(now_ns() - t0)) == StopReason::none) {
      Iteration r = iterate(jc, pc, pick_checked(b.samples_ns.empty()));
      b.samples_ns.push_back(r.reported_ns);
      last_checked = r.checked;
      if (r.checked) ++b.checked;
      if (r.checked && !r.check.ok) throw Stop(Verdict::wrong_answer, r.check.message);
      if (o_.progress && b.samples_ns.size() % 5 == 0)
        o_.progress->benchmark_tick(b.name, b.samples_ns.size(), summarise(b.samples_ns).rel_err);
    }
    b.stop = should_stop(rule, b.samples_ns, static_cast<double>(now_ns() - t0));
    if (!last_checked) {  // the last timed call is always checked
      Iteration r;
      verify(jc, r);
      ++b.checked;
      if (!r.check.ok) throw Stop(Verdict::wrong_answer, r.check.message);
    }
    if (std::string why = pc.finish(); !why.empty()) throw Stop(Verdict::rejected, why);
    if (o_.profile) profile_shape(c, jc, b);
  } catch (const Stop& s) {
    b.status = s.verdict;
    b.message = s.what();
    b.summary = summarise(b.samples_ns);
    ev_.benchmarks.push_back(b);
    if (o_.progress) o_.progress->benchmark_done(b);
    throw;
  }
  b.summary = summarise(b.samples_ns);
  ev_.benchmarks.push_back(b);
  if (o_.progress) o_.progress->benchmark_done(b);
  report_spent("benchmark " + c.name);
}

void Evaluator::profile_shape(const problem::Case& c, const JudgeCase& jc, const BenchmarkResult& b) {
  ShapeProfile sh{b.name, summarise(b.samples_ns).mean, 0, std::nullopt};
  if (p_.floor_bytes) sh.bytes = static_cast<double>(p_.floor_bytes->eval(c.params));
  if (p_.floor_flops) sh.flops = static_cast<double>(p_.floor_flops->eval(c.params));
  nlohmann::json row = profile_row(sh, machine_);
  if (time_source() == TimeSource::device) row["ncu"] = ncu_row(jc, sh);
  if (ev_.profile.is_null()) ev_.profile = nlohmann::json::array();
  ev_.profile.push_back(row);
}

// The shape's kernels again under Nsight Compute, outside the judged contestant (ncu_profile.hpp).
nlohmann::json Evaluator::ncu_row(const JudgeCase& jc, const ShapeProfile& b) {
  const std::optional<fs::path> ncu = find_ncu();
  if (!ncu) {
    const char* set = std::getenv("ARBITER_NCU");
    return {{"ok", false},
            {"note", set && *set ? fmt::format("ARBITER_NCU={} does not exist", set)
                                 : std::string("ncu not found (on PATH, in /usr/local/cuda/bin, or set ARBITER_NCU)")}};
  }
  stage("ncu " + b.name);
  const fs::path dir = so_path_.parent_path().parent_path() / ("ncu-" + std::to_string(ev_.profile.size()));
  std::string launch;
  if (trust_ == TrustLevel::device)
    launch = nlohmann::json{{"spec", device_load_spec(*p_.launch)}, {"plan", plan_launch(*p_.launch, jc.params(), knobs_, p_.outputs.size()).dump()}}.dump();
  const NcuShape s = ncu_profile_shape(*ncu, so_path_, jc.describe(), jc.inputs(), dir, 10, 300, launch);
  if (!s.ok) return {{"ok", false}, {"note", s.note}};
  return {{"ok", true},
          {"calls", s.calls},
          {"kernels_per_call", s.kernels_per_call},
          {"kernels", s.kernel_names},
          {"duration_ns", s.duration_ns},
          {"dram_bytes", s.dram_bytes},
          {"dram_gbs", s.duration_ns > 0 ? s.dram_bytes / s.duration_ns : 0},
          {"arbiter_minus_ncu_ns", b.mean_ns - s.duration_ns},
          {"arbiter_over_ncu", s.duration_ns > 0 ? b.mean_ns / s.duration_ns : 0}};
}

void Evaluator::start_build(const fs::path& submission, const std::string& source, bool cuda) {
  work_ = std::make_unique<WorkDir>();
  const fs::path src = work_->path() / "src" / (cuda ? "submission.cu" : "submission.cpp");
  fs::create_directories(src.parent_path());
  so_path_ = work_->path() / "build" / "submission.so";
  fs::create_directories(so_path_.parent_path());
  if (trust_ == TrustLevel::device && is_device_binary(submission.string())) {
    // Device code as it came (a cubin, fatbin or PTX): the driver loads it in the contestant.
    so_path_ = work_->path() / "build" / ("submission" + submission.extension().string());
    std::ofstream(so_path_, std::ios::binary) << source;
    return;
  }
  std::ofstream(src, std::ios::binary) << source;
  std::vector<std::string> flags;
  if (o_.as_baseline && fs::equivalent(submission, p_.reference)) flags = p_.reference_flags;
  CompileJob job{src, so_path_, flags, p_.limits.compile_s, true, cuda};
  job.cancel = &stop_build_;
  if (trust_ == TrustLevel::device) {  // device code only: the .cu's host code is never built
    so_path_ = work_->path() / "build" / "submission.cubin";
    job.output = so_path_;
    job.device_code_only = true;
  }
  // The baseline is the problem's own code: built once, then reused from the cache.
  const bool cached = o_.as_baseline;
  build_ = std::async(std::launch::async, [job, cached]() mutable {
    if (job.cuda) {  // the device's target, asked of the driver here so the backend's opening does not wait
      std::vector<std::string> target = cuda_compile_flags();
      job.extra_flags.insert(job.extra_flags.begin(), target.begin(), target.end());
    }
    return cached ? compile_cached(job) : compile_shared_object(job);
  });
}

void Evaluator::finish_build() {
  if (!build_.valid()) return;
  if (build_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) stage("compiling submission");
  const CompileResult cr = build_.get();
  ev_.compile_ms = cr.ms;
  debug(fmt::format("submission compiled ({:.0f} ms{})", cr.ms,
                          cr.front_ends_side_by_side ? ", nvcc's front ends side by side" : ""));
  if (!cr.ok) throw Stop(Verdict::compile_error, first_error_line(cr.log) + "\n" + cr.log);
}

void Evaluator::start(const fs::path& submission) {
  const std::string source = read_file(submission);
  ev_.submission_sha256 = sha256_hex(source);
  poison_seed_ = secure_random_u64();
  call_timeout_ms_ = static_cast<int>(p_.limits.call_s * 1000);

  const bool cuda = backend_for(submission.string()) == "cuda";
  try {
    trust_ = resolve_trust_level(p_, submission.string(), o_.trust);
  } catch (const Error& e) {
    throw Stop(Verdict::error, e.what());
  }
  ev_.trust_level = trust_level_name(trust_);
  // The submission compiles in the background while the GPU opens and the contestant starts. The
  // CPU's machine profile, measured on a run's first use, is measured before: a compiler beside it
  // would lower the floors.
  const auto open_backend = [&] {
    if (!slot_ || std::string(slot_->name()) != (cuda ? "cuda" : "cpu")) {
      stage(cuda ? "opening the GPU" : "preparing the CPU backend");
      slot_ = cuda ? make_cuda_backend() : make_cpu_backend();
    }
    backend_ = slot_;
    ev_.backend = backend_->name();
    ev_.device = backend_->device();
    machine_ = backend_->machine();
  };
  if (!cuda) open_backend();
  start_build(submission, source, cuda);
  if (cuda) open_backend();
  stage("compiling reference");
  ref_ = std::make_unique<Reference>(compiled_reference(p_.reference, p_.reference_flags, p_.limits.compile_s));
  stage("starting sandbox");
  SpawnOptions so;
  so.read_only_paths = {"/usr", "/lib", "/lib64", "/etc/ld.so.cache", "/sys/devices/system/cpu",
                        so_path_.parent_path().string()};
#if !defined(__SANITIZE_ADDRESS__)
  so.address_space_mb = static_cast<long>(p_.limits.memory_mb) + 1024;
#endif
  so.cpu_seconds = static_cast<long>(std::ceil(p_.limits.cpu_s));
  backend_->prepare_spawn(so);
  add_development_knobs(so);
  session_ = std::make_unique<Session>(ContestantProcess::spawn(so));
}

void Evaluator::ready() {
  ev_.sandbox = session_->hello(10000);
  finish_build();
}

void Evaluator::phases() {
  // --mode ranked: the three modes in turn in this one contestant (one compile, one start-up).
  run_phases(o_, kPublicRunSeed, ev_, run_seed_, [this](Mode m) { run_phase(m); });
  // A thread that faulted on outputs after the last reply still counts.
  stage("shutting the contestant down");
  const ContestantEnd end = session_->shutdown();
  debug("contestant ended");
  if (end.violation >= 0) throw Stop(Verdict::rejected, end.describe());
  if (ev_.verdict == Verdict::pass && o_.profile && !ev_.profile.is_null())
    fmt::print(stderr, "{}", profile_table(ev_.profile, machine_));
}

// One mode's cases in the running contestant: the tests (a leaderboard adds secret shapes), then,
// if they all passed, the benchmarks and the score. Sets the verdict; throws Stop on a failure
// that ends the run.
void Evaluator::run_phase(Mode phase) {
  std::vector<problem::Case> tests;
  if (phase != Mode::benchmark) tests = p_.tests;
  if (phase == Mode::leaderboard && !o_.public_seed) {
    auto secret = problem::draw_secret_cases(p_, run_seed_);
    tests.insert(tests.end(), secret.begin(), secret.end());
  }
  const std::string prefix = o_.mode == Mode::ranked ? std::string(mode_name(phase)) + ": " : "";
  bool tests_failed = false;
  for (std::size_t i = 0; i < tests.size(); ++i) {
    stage(prefix + "test " + tests[i].name);
    run_test(tests[i], i, tests.size());
    if (ev_.tests.back().status != Verdict::pass && !tests_failed) {
      tests_failed = true;
      ev_.verdict = ev_.tests.back().status;
      ev_.reason = "test " + ev_.tests.back().name + ": " + ev_.tests.back().message;
    }
  }
  if (tests_failed) return;
  if (phase != Mode::test) {
    for (auto& c : p_.benchmarks) {
      stage(prefix + "benchmark " + c.name);
      run_benchmark(c);
    }
  }
  ev_.verdict = Verdict::pass;
  ev_.reason = "";
  if (phase != Mode::test && !ev_.benchmarks.empty()) {
    std::vector<double> means;
    for (auto& b : ev_.benchmarks) means.push_back(b.summary.mean);
    ev_.score_ns = aggregate_score(means, p_.ranking == problem::Ranking::last   ? ScoreRule::last
                                          : p_.ranking == problem::Ranking::mean ? ScoreRule::mean
                                                                                 : ScoreRule::geomean);
  }
}

Evaluation fresh_evaluation(const problem::Problem& p, const RunOptions& o) {
  Evaluation ev;
  ev.problem = p.name;
  ev.mode = o.profile ? "profile" : mode_name(o.mode);
  ev.check_fraction = p.check.fraction;
  return ev;
}

// The problem's baseline for the submission's backend, or empty with `why_none` set.
fs::path baseline_source(const problem::Problem& p, const fs::path& submission, std::string& why_none) {
  const bool cuda = backend_for(submission.string()) == "cuda";
  const fs::path& src = cuda ? p.baseline_cuda : p.baseline_cpu;
  if (src.empty())
    why_none = cuda ? "the problem declares no GPU baseline ([baseline] cuda = \"baseline.cu\")"
                    : "the problem turned its CPU baseline off ([baseline] cpu = \"\")";
  return src;
}

// The same-run baseline: the problem's baseline timed exactly as the submission is (its own
// sandboxed contestant, same shapes, same protocol, the run's backend). Its build and its
// contestant's start-up run while the judge waits for the submission's compile; its calls wait
// until the submission's run is over, so no call of one shares the machine with the other's
// start-up or calls. Lives on the judge's thread: its contestant dies with the thread that
// spawned it (PR_SET_PDEATHSIG).
class BaselineRun {
 public:
  BaselineRun(const problem::Problem& p, fs::path src, const RunOptions& o, BackendSlot& slot)
      : src_(std::move(src)), opts_(options(o)), ev_(fresh_evaluation(p, opts_)), eval_(p, opts_, ev_, slot) {}
  void start() { step([&] { eval_.start(src_); }); }
  void ready() { step([&] { eval_.ready(); }); }
  // Its phases, unless its start failed; the evaluation to merge.
  const Evaluation& finish() {
    step([&] { eval_.phases(); });
    ev_.wall_ms = static_cast<double>(wall_ns_) / 1e6;
    return ev_;
  }
  const fs::path& source() const { return src_; }
  int64_t wall_ns() const { return wall_ns_; }

 private:
  static RunOptions options(const RunOptions& o) {
    RunOptions bo;
    bo.mode = Mode::benchmark;
    bo.runs = o.runs;
    bo.baseline = false;
    bo.as_baseline = true;
    return bo;
  }
  template <class F>
  void step(F&& f) {
    if (failed_) return;
    const int64_t t0 = now_ns();
    failed_ = !verdict_of(ev_, f);
    wall_ns_ += now_ns() - t0;
  }
  fs::path src_;
  RunOptions opts_;
  Evaluation ev_;
  Evaluator eval_;
  bool failed_ = false;
  int64_t wall_ns_ = 0;
};

}  // namespace

bool wants_baseline(const RunOptions& o, const Evaluation& ev) {
  return o.baseline && !o.as_baseline && ev.verdict == Verdict::pass && o.mode != Mode::test && !ev.benchmarks.empty();
}

void merge_baseline(Evaluation& ev, const Evaluation& b, const std::string& source) {
  ev.baseline = {{"source", source},
                 {"backend", b.backend},
                 {"status", verdict_name(b.verdict)},
                 {"reason", b.reason},
                 {"score_ns", b.score_ns ? nlohmann::json(*b.score_ns) : nlohmann::json(nullptr)},
                 {"wall_ms", std::round(b.wall_ms)}};
  if (b.verdict != Verdict::pass) return;
  for (auto& mine : ev.benchmarks)
    for (const auto& theirs : b.benchmarks)
      if (theirs.name == mine.name && theirs.status == Verdict::pass) mine.baseline_ns = theirs.summary.mean;
  if (ev.score_ns && b.score_ns && *ev.score_ns > 0) ev.speedup = *b.score_ns / *ev.score_ns;
}

void debug_stage(const std::string& what) {
  static const int64_t start = now_ns();
  static const bool on = [] {
    const char* v = std::getenv("ARBITER_DEBUG_STAGES");
    return v && *v && *v != '0';
  }();
  if (on) fmt::print(stderr, "[{:8.3f} s] {}\n", static_cast<double>(now_ns() - start) / 1e9, what);
}

void run_phases(const RunOptions& o, uint64_t public_seed, Evaluation& ev, uint64_t& run_seed,
                const std::function<void(Mode)>& phase) {
  const bool ranked = o.mode == Mode::ranked;
  std::vector<Mode> phases = {o.mode};
  if (ranked) phases = {Mode::test, Mode::benchmark, Mode::leaderboard};
  if (o.seed) public_seed = *o.seed;
  const uint64_t secret_seed = o.seed ? *o.seed : secure_random_u64();  // never leaves the judge
  for (Mode m : phases) {
    const bool secret = m == Mode::leaderboard && !o.public_seed;
    run_seed = secret ? secret_seed : public_seed;
    ev.secret_seed = secret && !o.seed;
    ev.tests.clear();
    ev.benchmarks.clear();
    ev.score_ns.reset();
    try {
      phase(m);
    } catch (const Stop& s) {
      if (!ranked) throw;
      ev.verdict = s.verdict;
      ev.reason = s.what();
    }
    if (ranked) {
      ev.phases.push_back(phase_summary(ev, m));
      if (ev.verdict != Verdict::pass) ev.reason = fmt::format("{} phase: {}", mode_name(m), ev.reason);
    }
    if (ev.verdict != Verdict::pass) break;
  }
}

nlohmann::json phase_summary(const Evaluation& ev, Mode phase) {
  const nlohmann::json full = to_json(ev);
  nlohmann::json j = {{"mode", mode_name(phase)}, {"verdict", verdict_name(ev.verdict)}, {"reason", ev.reason}};
  for (const char* k : {"tests", "benchmarks", "score_ns", "secret_seed"}) j[k] = full[k];
  return j;
}

Evaluation evaluate_ranked(const std::function<Evaluation(const RunOptions&)>& one, const RunOptions& o) {
  Evaluation last;
  nlohmann::json phases = nlohmann::json::array();
  double wall = 0;
  for (Mode m : {Mode::test, Mode::benchmark, Mode::leaderboard}) {
    RunOptions po = o;
    po.mode = m;
    po.baseline = o.baseline && m == Mode::leaderboard;
    last = one(po);
    wall += last.wall_ms;
    phases.push_back(phase_summary(last, m));
    if (last.verdict != Verdict::pass) {
      last.reason = fmt::format("{} phase: {}", mode_name(m), last.reason);
      break;
    }
  }
  last.mode = mode_name(Mode::ranked);
  last.phases = std::move(phases);
  last.wall_ms = wall;
  return last;
}

namespace {

Evaluation evaluate_in(const problem::Problem& p, const fs::path& submission, const RunOptions& o, BackendSlot& slot) {
  Evaluation ev = fresh_evaluation(p, o);
  std::string no_baseline;
  fs::path base_src;
  if (o.baseline && !o.as_baseline && o.mode != Mode::test) base_src = baseline_source(p, submission, no_baseline);
  std::unique_ptr<BaselineRun> base;  // outlives the submission's evaluator: its phases come after
  const int64_t t0 = now_ns();
  verdict_of(ev, [&] {
    Evaluator e(p, o, ev, slot);
    e.start(submission);
    if (!base_src.empty()) {
      try {  // never costs the submission its verdict
        base = std::make_unique<BaselineRun>(p, base_src, o, slot);
        base->start();
        debug_stage("baseline: contestant started");
      } catch (const std::exception& x) {
        no_baseline = x.what();
        base.reset();
      }
    }
    e.ready();
    if (base) base->ready();
    e.phases();
  });
  debug_stage("evaluator released (contestant, buffers)");
  // The submission's run alone: the baseline's start-up steps on this thread are not its time.
  ev.wall_ms = static_cast<double>(now_ns() - t0 - (base ? base->wall_ns() : 0)) / 1e6;
  if (wants_baseline(o, ev)) {
    if (base) {
      if (o.progress) o.progress->stage("baseline " + base->source().filename().string());
      merge_baseline(ev, base->finish(), base->source().filename().string());
      debug_stage("baseline: ended");
    } else {
      ev.baseline = {{"status", base_src.empty() ? "none" : "error"}, {"reason", no_baseline}};
    }
  }
  return ev;
}

}  // namespace

Evaluation evaluate(const problem::Problem& p, const fs::path& submission, const RunOptions& o) {
  BackendSlot slot;
  Evaluation ev = evaluate_in(p, submission, o, slot);
  slot.reset();
  debug_stage("backend closed (the judge's GPU context)");
  return ev;
}

}  // namespace arbiter::judge
