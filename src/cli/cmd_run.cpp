// arbiter run PROBLEM SUBMISSION --mode test|benchmark|leaderboard|ranked|profile
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/progress_terminal.hpp"
#include "cli/registry.hpp"
#include "core/signing.hpp"
#include "judge/trust_level.hpp"
#include "judge/python/eval_harness.hpp"
#include "judge/python/popcorn.hpp"
#include "judge/python/py_evaluation.hpp"
#include "judge/report.hpp"
#include "problem/taskyml.hpp"
#include "problem/problem.hpp"

namespace {
namespace fs = std::filesystem;
using namespace arbiter;

struct RunArgs {
  std::string problem, submission, mode = "test", json, key_dir;
  bool public_seed = false, quiet = false, no_baseline = false;
  uint64_t seed = 0;
  int runs = 0;
  int popcorn_fd = -1;
  std::string harness = "arbiter";
  std::string trust = "auto";
};

// A task.yml folder (gpu-mode reference-kernels) is judged by the Python path.
judge::Evaluation evaluate_task(const RunArgs& a, const judge::RunOptions& o) {
  const problem::TaskYml task = problem::load_task_yml(a.problem);
  if (a.harness == "eval" && o.mode == judge::Mode::ranked)  // eval.py runs one mode per process
    return judge::evaluate_ranked(
        [&](const judge::RunOptions& po) { return judge::python::evaluate_with_eval_py(task, a.submission, po); }, o);
  if (a.harness == "eval") return judge::python::evaluate_with_eval_py(task, a.submission, o);
  judge::python::PyRunOptions po;
  po.base = o;
  po.profile = o.profile;  // benchmark + bandwidth against the floor per shape
  return judge::python::evaluate_python(task, a.submission, po);
}

int run_command(const RunArgs& a) {
  judge::RunOptions o;
  if (a.mode == "test") o.mode = judge::Mode::test;
  else if (a.mode == "benchmark") o.mode = judge::Mode::benchmark;
  else if (a.mode == "leaderboard") o.mode = judge::Mode::leaderboard;
  else if (a.mode == "ranked") o.mode = judge::Mode::ranked;  // test, benchmark, leaderboard in one run
  else if (a.mode == "profile" && a.harness != "eval") {
    o.mode = judge::Mode::benchmark;  // a benchmark run that also reports each shape's rates against the peaks
    o.profile = true;
  } else if (a.mode == "profile") {
    std::cerr << "arbiter: --mode profile needs Arbiter's own harness (not --harness eval)\n";
    return 3;
  } else {
    std::cerr << "arbiter: unknown --mode '" << a.mode << "' (test, benchmark, leaderboard, ranked, profile)\n";
    return 3;
  }
  o.public_seed = a.public_seed;
  if (a.seed) o.seed = a.seed;
  if (a.runs > 0) o.runs = a.runs;
  o.baseline = !a.no_baseline;
  o.trust = a.trust;
  if (!fs::is_regular_file(a.submission)) {
    std::cerr << "arbiter: submission " << a.submission << " is not a readable file\n";
    return 3;
  }
  const bool task_yml = problem::is_task_dir(a.problem);
  if (a.harness != "arbiter" && a.harness != "eval") {
    std::cerr << "arbiter: unknown --harness '" << a.harness << "' (arbiter, eval)\n";
    return 3;
  }
  problem::Problem p;
  try {
    if (task_yml) problem::load_task_yml(a.problem);  // usage errors before any work
    else p = problem::load_problem(a.problem);
  } catch (const std::exception& e) {
    std::cerr << "arbiter: " << e.what() << "\n";
    return 3;
  }
  if (!task_yml && a.harness == "eval") {
    std::cerr << "arbiter: --harness eval needs a task.yml problem (it runs the problem's own eval.py)\n";
    return 3;
  }
  if (!task_yml && fs::path(a.submission).extension() == ".py") {
    std::cerr << "arbiter: " << a.problem << " is a problem.toml problem, which takes C++ submissions; Python "
              << "submissions need a task.yml problem\n";
    return 3;
  }
  if (task_yml && fs::path(a.submission).extension() != ".py") {
    std::cerr << "arbiter: " << a.problem << " is a task.yml problem, which takes a Python submission (.py); "
              << a.submission << " is not one (C++ and CUDA C++ files go with problem.toml problems)\n";
    return 3;
  }
  try {  // a trust level that cannot apply is a usage error, before any work
    if (task_yml && a.trust == "device")
      throw std::runtime_error("task.yml problems take Python submissions, which run at the host trust level");
    if (!task_yml) (void)judge::resolve_trust_level(p, a.submission, a.trust);
    else if (a.trust != "auto" && a.trust != "host") throw std::runtime_error("unknown trust level '" + a.trust + "': auto, host or device");
  } catch (const std::exception& e) {
    std::cerr << "arbiter: " << e.what() << "\n";
    return 3;
  }
  SigningKey key = load_or_create_key(a.key_dir.empty() ? default_key_dir() : fs::path(a.key_dir));
  cli::TerminalProgress terminal;
  if (!a.quiet && ::isatty(2)) o.progress = &terminal;
  judge::Evaluation ev = task_yml ? evaluate_task(a, o) : judge::evaluate(p, a.submission, o);
  if (a.popcorn_fd >= 0 && !judge::python::write_all(a.popcorn_fd, judge::python::popcorn_lines(ev)))
    std::cerr << "arbiter: cannot write results to --popcorn-fd " << a.popcorn_fd << "\n";
  judge::debug_stage("evaluated");
  nlohmann::json report = judge::signed_report(ev, key);
  judge::debug_stage("report signed");
  o.progress = nullptr;
  if (a.json.empty()) {
    judge::print_table(std::cout, report);
  } else if (a.json == "-") {
    std::cout << report.dump(2) << "\n";
  } else {
    const std::string tmp = a.json + ".tmp";
    std::ofstream(tmp) << report.dump(2) << "\n";
    fs::rename(tmp, a.json);
    if (!a.quiet) judge::print_table(std::cerr, report);
  }
  judge::debug_stage("report written");
  return ev.verdict == judge::Verdict::pass ? 0 : 1;
}

cli::Registrar reg{10, [](CLI::App& app) {
  auto a = std::make_shared<RunArgs>();
  auto* c = app.add_subcommand("run", "Judge a submission against a problem and print a signed report");
  c->add_option("problem", a->problem, "problem directory (problem.toml, or task.yml of gpu-mode reference-kernels)")
      ->required();
  c->add_option("submission", a->submission, "submission source file")->required();
  c->add_option("--mode", a->mode, "test | benchmark | leaderboard | ranked (the three in one run) | profile");
  c->add_flag("--public", a->public_seed, "leaderboard: use the problem's published seeds instead of a secret one");
  c->add_option("--seed", a->seed, "fix the run seed (reproduce a run; not for ranked runs)");
  c->add_option("--runs", a->runs, "time exactly this many calls per benchmark shape");
  c->add_option("--json", a->json, "write the signed JSON report to FILE ('-' for stdout)");
  c->add_option("--key-dir", a->key_dir, "directory of the signing key (default: ~/.config/arbiter/keys)");
  c->add_option("--popcorn-fd", a->popcorn_fd, "also write reference-kernels' `key: value` result lines to this fd");
  c->add_option("--trust", a->trust,
                 "CUDA trust level: auto (default), host (the submission's host code calls its kernels) or device "
                 "(kernels only, launched by the harness from the problem's [launch])");
  c->add_option("--harness", a->harness, "task.yml only: arbiter (default) or eval (the problem's own eval.py, weaker)");
  c->add_flag("--no-baseline", a->no_baseline,
              "do not time the problem's baseline (its reference, or [baseline]) for the report's speedup");
  c->add_flag("--quiet,-q", a->quiet, "no progress or table on stderr");
  c->callback([a] { cli::set_exit_code(run_command(*a)); });
}};

}  // namespace
