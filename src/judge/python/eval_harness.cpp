#include "judge/python/eval_harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <cmath>
#include <cstring>
#include <sstream>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "judge/python/oracle.hpp"
#include "judge/python/popcorn.hpp"
#include "judge/python/popcorn_results.hpp"
#include "judge/python/py_evaluation.hpp"
#include "judge/workdir.hpp"
#include "judge/python/runtime_paths.hpp"
#include "sandbox/cgroup.hpp"
#include "sandbox/gpu_devices.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/namespaces.hpp"
#include "sandbox/rlimits.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

namespace {

// The box's cgroup: eval.py, its worker pool and PyTorch's threads in each (two interpreters with
// torch and a CUDA context fit in a few GiB).
constexpr int64_t kBoxMemory = int64_t{16} << 30;
constexpr int kBoxPids = 1024;

// In the child (system calls only), inside its own user, pid, mount, IPC and UTS namespaces: a
// fresh /proc (its own processes only, writable: the CUDA driver names its threads there; /proc/sys
// stays the host's, which the namespace's root may not write) and a fresh tmpfs on /dev/shm (the
// semaphores of eval.py's worker pool; executable: Triton loads the launchers it builds in its cache
// there), both granted to Landlock after they are mounted.
bool private_mounts(int ruleset) {
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
      ::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0 ||
      ::mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "size=1g,mode=1777") != 0)
    return false;
  return ruleset < 0 || (sandbox::landlock::allow_directory(ruleset, "/dev/shm") == 0 &&
                         sandbox::landlock::allow_directory(ruleset, "/proc") == 0);
}

constexpr int kBoxNamespaces =
    CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;

[[noreturn]] void box_failed(const char* what) {
  (void)!::write(2, what, std::strlen(what));
  ::_exit(125);
}

// The run's folder handed to the box's unprivileged user (nobody, where the judge is root), and
// to no other: its modes stay private. (A judge that is not root runs the box as itself.)
void owned_by_the_box(const fs::path& dir) {
  if (::geteuid() != 0) return;
  const auto give = [](const fs::path& f) {
    if (::lchown(f.c_str(), sandbox::namespaces::outside_uid(), sandbox::namespaces::outside_gid()) != 0)
      fail("{}", errno_text("chown " + f.string() + " for eval.py's box"));
  };
  give(dir);
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) give(e.path());
  if (ec) fail("cannot list {}: {}", dir.string(), ec.message());
}

// clone into new namespaces (user, pid, mount, net: no network, ipc, uts, cgroup) as the
// unprivileged user, inside its own cgroup (memory.max, pids.max) where cgroup v2 is delegated; the
// judge writes the id maps, then lets the child go. In the child: result pipe on fd 3, its own
// /proc and /dev/shm, rlimits, Landlock (read-only system, the work dir read-only too) and a
// seccomp deny-list (the compile box's: eval.py spawns worker processes, which the contestant's
// allow-list forbids), then exec python3 eval.py MODE CASEFILE.
EvalPyStage run_stage(const fs::path& dir, const std::string& main, const std::string& mode, const std::string& cases,
                   std::optional<uint64_t> seed, double timeout_s) {
  EvalPyStage r;
  std::ofstream(dir / "cases.txt") << cases;
  int res[2], out[2];
  if (::pipe2(res, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) fail("{}", errno_text("pipes for eval.py"));
  const std::string py = python_executable(), cwd = dir.string();
  // HOME and TMPDIR: the box's private tmpfs, its only writable folder (PyTorch's workers ask for a
  // temporary folder, Triton and Inductor keep their caches under them).
  // PATH: the venv's tools first (ninja, for load_inline).
  const std::string venv_bin = oracle_venv().prefix.empty() ? "" : oracle_venv().prefix + "/bin:";
  std::vector<std::string> env = {"PATH=" + venv_bin + "/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/dev/shm", "POPCORN_FD=3",
                                  "PYTHONDONTWRITEBYTECODE=1", "PYTHONNOUSERSITE=1", "TMPDIR=/dev/shm"};
  if (seed) env.push_back("POPCORN_SEED=" + std::to_string(*seed % (1ULL << 31)));
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  // Everything that allocates happens before the fork (the judge may be multithreaded): the
  // child makes system calls only.
  sandbox::Policy p;
  p.read_only_paths = {"/usr", "/lib", "/lib64", "/etc", "/dev/urandom", "/sys/devices/system/cpu", "/proc", cwd};
  // The interpreter where it is not the system's: a virtual environment (pyvenv.cfg, torch) and
  // the installation its python3 links to.
  if (!oracle_venv().prefix.empty()) p.read_only_paths.push_back(oracle_venv().prefix);
  std::error_code ec;
  if (const fs::path real = fs::canonical(py, ec); !ec) p.read_only_paths.push_back(real.parent_path().parent_path());
  // The GPU (PyTorch opens its device files read-write). /dev/shm, for the semaphores of eval.py's
  // worker pool, is a private tmpfs the child mounts and grants itself: neither eval.py nor the
  // submission meets another process's shared memory.
  p.read_write_paths = sandbox::nvidia_device_nodes();
  p.cuda = !p.read_write_paths.empty();
  p.read_write_paths.emplace_back("/dev/null");  // subprocess.DEVNULL opens it read-write
  if (p.cuda)
    for (auto& s : sandbox::nvidia_sys_paths()) p.read_only_paths.push_back(s);
  const bool as_root = ::geteuid() == 0;
  owned_by_the_box(dir);
  p.address_space_mb = 0;  // CUDA reserves huge virtual ranges
  p.cpu_seconds = static_cast<int64_t>(timeout_s) + 5;
  p.max_open_files = 1024;
  const sandbox::rlimits::Plan limits = sandbox::rlimits::for_policy(p);
  const std::vector<sock_filter> filter = sandbox::seccomp::deny_list_program();
  sandbox::cgroup::Group group(kBoxMemory, kBoxPids);  // its destructor kills what is left inside
  sandbox::Status box;
  const int ruleset = sandbox::landlock::build_ruleset(p, box);
  int go[2] = {-1, -1};
  if (::pipe2(go, O_CLOEXEC) != 0) fail("{}", errno_text("pipe for eval.py's start"));
  bool into_cgroup = false;
  const pid_t pid = sandbox::namespaces::clone_child(kBoxNamespaces, group.ok() ? group.dir_fd() : -1, &into_cgroup);
  if (pid < 0) {
    const std::string why = errno_text("clone eval.py's box (user, pid and mount namespaces)");
    for (int fd : {res[0], res[1], out[0], out[1], ruleset, go[0], go[1]})
      if (fd >= 0) ::close(fd);
    fail("{}", why);
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(res[1], 3);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    if (ruleset >= 0 && ::dup3(ruleset, 4, O_CLOEXEC) < 0) ::_exit(125);
    if (::dup3(go[0], 5, O_CLOEXEC) < 0) ::_exit(125);
    ::syscall(SYS_close_range, 6u, ~0u, 0u);
    char ok = 0;
    if (::read(5, &ok, 1) != 1 || ok != 'g') ::_exit(125);  // the id maps are not written
    ::close(5);
    if (sandbox::namespaces::finish_in_child(as_root) != 0) box_failed("eval.py's box: cannot take its user ids\n");
    if (!private_mounts(ruleset >= 0 ? 4 : -1)) box_failed("eval.py's box: cannot mount its own /proc and /dev/shm\n");
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    if (limits.apply() != nullptr) ::_exit(125);
    if (ruleset >= 0 && sandbox::landlock::restrict_self(4) != 0) ::_exit(125);
    if (sandbox::seccomp::install_program(filter) != 0) box_failed("eval.py's box: cannot install its seccomp filter\n");
    ::execle(py.c_str(), py.c_str(), main.c_str(), mode.c_str(), "cases.txt", static_cast<char*>(nullptr),
             envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  if (ruleset >= 0) ::close(ruleset);
  ::close(go[0]);
  const std::string mapped = sandbox::namespaces::write_id_maps(pid);
  const bool in_group = into_cgroup || (group.ok() && mapped.empty() && group.add(pid));
  r.cgroup = in_group ? group.describe() : "none: " + (group.ok() ? "cannot move the box into its cgroup" : group.why());
  if (mapped.empty()) (void)!::write(go[1], "g", 1);
  ::close(go[1]);
  if (!mapped.empty()) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    for (int fd : {res[0], res[1], out[0], out[1]}) ::close(fd);
    fail("eval.py's box: {}", mapped);
  }
  ::close(res[1]);
  ::close(out[1]);
  const int64_t deadline = now_ns() + static_cast<int64_t>(timeout_s * 1e9);
  pollfd fds[2] = {{res[0], POLLIN, 0}, {out[0], POLLIN, 0}};
  int open = 2;
  char buf[8192];
  while (open > 0) {
    const int64_t left = (deadline - now_ns()) / 1000000;
    if (left <= 0) { r.timed_out = true; break; }
    if (::poll(fds, 2, static_cast<int>(std::min<int64_t>(left, 1000))) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) { ::close(fds[i].fd); fds[i].fd = -1; --open; continue; }
      std::string& dst = i == 0 ? r.results : r.output;
      if (dst.size() < (1 << 20)) dst.append(buf, static_cast<std::size_t>(n));
    }
  }
  for (auto& f : fds) if (f.fd >= 0) ::close(f.fd);
  int st = 0;
  // Both pipes closed: eval.py is exiting. Wait for it until the deadline, then kill the group.
  while (!r.timed_out && ::waitpid(pid, &st, WNOHANG) == 0) {
    if (now_ns() > deadline) r.timed_out = true;
    else ::usleep(2000);
  }
  ::kill(-pid, SIGKILL);
  if (r.timed_out) ::waitpid(pid, &st, 0);
  if (WIFEXITED(st)) r.exit_code = WEXITSTATUS(st);
  else if (WIFSIGNALED(st)) r.signal = WTERMSIG(st);
  return r;
}

}  // namespace

Evaluation evaluate_with_eval_py(const problem::TaskYml& task, const fs::path& submission, const RunOptions& o) {
  Evaluation ev;
  ev.problem = task.name;
  ev.mode = mode_name(o.mode);
  ev.sandbox = {{"harness", "eval.py"},
                {"namespaces", sandbox::namespaces::names(kBoxNamespaces)},
                {"seccomp", "deny-list (the compile box's: no tracing, BPF, io_uring, keyrings, mounts, "
                            "namespaces or modules)"},
                {"cgroup", "none"},
                {"rlimits", {"cpu", "fsize", "nofile", "core", "memlock", "msgqueue"}},
                {"warnings", {"--harness eval: the submission shares a process with eval.py's timer and checker; "
                              "Arbiter's own harness (the default) is stronger"}}};
  const int64_t t0 = now_ns();
  try {
    std::ifstream f(submission, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    ev.submission_sha256 = sha256_hex(ss.str());
    WorkDir work;
    materialise(task, work.path(), "submission.py", ss.str());
    std::optional<uint64_t> seed;
    if (o.mode == Mode::leaderboard && !o.public_seed) {
      seed = o.seed ? *o.seed : secure_random_u64();
      ev.secret_seed = true;
    }
    ev.verdict = Verdict::pass;
    bool ok = true;
    if (o.mode != Mode::benchmark)
      ok = fold_stage(run_stage(work.path(), task.main, "test", case_file(task.tests), seed, task.test_timeout), false,
                      task.test_timeout, task.tests.size(), 0, ev);
    if (ok && o.mode != Mode::test) {
      const std::string stage = o.mode == Mode::leaderboard ? "leaderboard" : "benchmark";
      const double timeout = o.mode == Mode::leaderboard ? task.ranked_timeout : task.benchmark_timeout;
      const auto cases = task.ranked_benchmarks();
      ok = fold_stage(run_stage(work.path(), task.main, stage, case_file(cases), seed, timeout), true, timeout,
                      cases.size(), cases.size(), ev);
    }
    if (ok && o.mode != Mode::test && !ev.benchmarks.empty()) {
      double s = 0;
      const double n = static_cast<double>(ev.benchmarks.size());
      for (auto& b : ev.benchmarks)
        s += task.ranking_by == problem::TaskRanking::geom ? std::log(std::max(b.summary.mean, 1.0)) / n
                                                            : b.summary.mean / n;
      if (task.ranking_by == problem::TaskRanking::geom) s = std::exp(s);
      if (task.ranking_by == problem::TaskRanking::last) s = ev.benchmarks.back().summary.mean;
      ev.score_ns = s;
    }
  } catch (const std::exception& e) {
    ev.verdict = Verdict::error;
    ev.reason = std::string("judge error: ") + e.what();
  }
  ev.check_fraction = 0;  // eval.py checks what it checks; Arbiter vouches for none of it
  ev.wall_ms = static_cast<double>(now_ns() - t0) / 1e6;
  return ev;
}

}  // namespace arbiter::judge::python
