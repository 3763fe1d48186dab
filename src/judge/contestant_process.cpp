#include "judge/contestant_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sys/syscall.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "sandbox/cgroup.hpp"
#include "sandbox/mounts.hpp"
#include "sandbox/namespaces.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::judge {

bool ContestantEnd::cpu_limit_exceeded() const {
  if (exited || cpu_limit_s <= 0) return false;
  // 0.9 s: the clock the kernel checks ticks coarser than the rusage we read.
  return signal == SIGXCPU || (signal == SIGKILL && cpu_ns >= (cpu_limit_s * 1000 - 100) * 1000000LL);
}

std::string ContestantEnd::describe() const {
  if (cpu_limit_exceeded())
    return "CPU time limit of " + std::to_string(cpu_limit_s) + " s exceeded (RLIMIT_CPU, all threads: " +
           std::to_string(cpu_ns / 1000000) + " ms)";
  if (violation == kUnknownSyscall) return "sandbox: forbidden syscall";
  if (violation == sandbox::seccomp::kLateOutputWrite)
    return "output written after the call returned: a thread of the submission outlived the call and touched "
           "the outputs the harness had already taken back";
  if (violation >= 0) return "sandbox: syscall " + sandbox::seccomp::syscall_name(violation);
  if (exited) return "exit status " + std::to_string(code);
  const char* name = sigabbrev_np(signal);
  return std::string("killed by SIG") + (name ? name : std::to_string(signal).c_str());
}

namespace detail {
struct Resources {
  std::unique_ptr<sandbox::cgroup::Group> cgroup;
};
}  // namespace detail

void OuterBox::merge_into(nlohmann::json& status) const {
  status["namespaces"] = namespaces;
  status["mounts"] = mounts;
  status["cgroup"] = cgroup;
  if (!status.contains("warnings") || !status["warnings"].is_array()) status["warnings"] = nlohmann::json::array();
  for (auto& w : warnings) status["warnings"].push_back(w);
}

namespace {

// The child's report when it could not reach execve: which step failed and its errno. The
// step is a string literal, so its address means the same in the judge.
struct ChildFailure {
  const char* step;
  int err;
};

[[noreturn]] void child_fail(int report_fd, const char* step, int err) {
  ChildFailure f{step, err};
  (void)!::write(report_fd, &f, sizeof f);
  ::_exit(126);
}

}  // namespace

void add_development_knobs(SpawnOptions& so) {
  if (const char* v = std::getenv("ARBITER_DEV_SECCOMP_LOG"); v && *v == '1')
    so.contestant_flags.push_back("--seccomp-log-only");
  if (const char* v = std::getenv("ARBITER_DEV_CONTESTANT_ENV"); v && *v) {
    std::istringstream words(v);
    for (std::string kv; words >> kv;) so.extra_env.push_back(kv);
  }
}

ContestantProcess ContestantProcess::spawn(const SpawnOptions& o) {
  // o.executable: another contestant program (no subcommand word); o.exe: another arbiter binary.
  const std::string exe = !o.executable.empty() ? o.executable : o.exe.empty() ? self_exe().string() : o.exe;
  std::vector<std::string> args = {"arbiter", "contestant", "--channel", "3", "--violation", "4",
                                   "--address-space-mb", std::to_string(o.address_space_mb),
                                   "--cpu-seconds", std::to_string(o.cpu_seconds)};
  for (auto& p : o.read_only_paths) { args.push_back("--ro"); args.push_back(p); }
  for (auto& p : o.read_write_paths) { args.push_back("--rw"); args.push_back(p); }
  for (auto& p : o.writable_dirs) { args.push_back("--rw"); args.push_back(p); }
  for (auto& f : o.contestant_flags) args.push_back(f);
  if (!o.executable.empty()) {  // its own program: argv[0] is its path, no subcommand word
    args.erase(args.begin(), args.begin() + 2);
    args.insert(args.begin(), o.executable);
  }
  if (o.unsandboxed_for_bench) args.push_back("--unsandboxed-for-bench");
  // A clean environment: nothing of the judge's (tokens, paths, seeds) reaches the contestant.
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "OMP_WAIT_POLICY=PASSIVE",
                                  "HOME=/nonexistent", "TMPDIR=/tmp"};
#if defined(__SANITIZE_ADDRESS__)
  // LeakSanitizer stops the world with ptrace, and the SEGV report opens files: neither is
  // allowed in the box, so faults reach the judge as plain signals.
  env.push_back("ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_abort=0");
#endif
  // extra_env replaces a default of the same name (getenv would find the first of two).
  for (const auto& e : o.extra_env) {
    const std::string key = e.substr(0, e.find('=') + 1);
    auto same = std::find_if(env.begin(), env.end(), [&](const std::string& d) { return d.rfind(key, 0) == 0; });
    if (same != env.end()) *same = e;
    else env.push_back(e);
  }
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  OuterBox box;
  auto resources = std::make_shared<detail::Resources>();
  bool isolate = o.isolate;
  for (;;) {
    // Everything the child needs is prepared here: between clone and execve it only makes
    // system calls (the judge may be multithreaded).
    sandbox::mounts::Plan plan;
    std::vector<std::string> ro = o.read_only_paths;
    ro.push_back(exe);
    if (isolate) {
      std::vector<std::string> devices = {"/dev/null", "/dev/zero", "/dev/urandom"};
      devices.insert(devices.end(), o.devices.begin(), o.devices.end());
      sandbox::mounts::plan(plan, ro, devices, o.writable_dirs);
      plan.proc_writable = o.writable_proc;
      const int64_t mem = (o.address_space_mb > 0 ? o.address_space_mb : 8192) * (int64_t{1} << 20);
      resources->cgroup = std::make_unique<sandbox::cgroup::Group>(mem, o.pids_max);
    }
    const int flags = isolate ? sandbox::namespaces::all_flags() : 0;
    // Writable: the private tmpfs /tmp, and only when isolated (without the mount namespace,
    // /tmp would be the host's, where the judge's own work dir lives).
    std::vector<std::string> run_args = args;
    if (isolate) run_args.insert(run_args.end(), {"--rw", "/tmp"});
    std::vector<char*> argv;
    argv.reserve(run_args.size() + 1);
    for (auto& a : run_args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const bool judge_is_root = ::geteuid() == 0;
    int sv[2], vp[2], sync[2], report[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) fail("{}", errno_text("socketpair"));
    if (::pipe2(vp, O_CLOEXEC) != 0 || ::pipe2(sync, O_CLOEXEC) != 0 || ::pipe2(report, O_CLOEXEC) != 0)
      fail("{}", errno_text("pipe2"));
    auto close_all = [&] { for (int fd : {sv[0], sv[1], vp[0], vp[1], sync[0], sync[1], report[0], report[1]}) ::close(fd); };
    bool into_cgroup = false;
    const int cg_fd = isolate && resources->cgroup->ok() ? resources->cgroup->dir_fd() : -1;
    pid_t pid = sandbox::namespaces::clone_child(flags, cg_fd, &into_cgroup);
    if (pid < 0) {
      const std::string why = errno_text("clone");
      close_all();
      if (!isolate) fail("{}", why);
      box.warnings.push_back("namespaces unavailable (" + why + "): contestant runs in the judge's namespaces "
                             "and file system, under seccomp, Landlock and rlimits only");
      isolate = false;
      resources->cgroup.reset();
      continue;
    }
    if (pid == 0) {
      ::close(sync[1]);
      ::close(report[0]);
      const int rep = ::fcntl(report[1], F_DUPFD_CLOEXEC, 10);
      ::setpgid(0, 0);
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      char go = 0;
      if (::read(sync[0], &go, 1) != 1 || go != 'g') ::_exit(127);  // the judge died or gave up
      if (isolate) {
        const char* open_step = "";
        if (int e = sandbox::mounts::open_sources(plan, &open_step); e != 0) child_fail(rep, open_step, e);
        if (int e = sandbox::namespaces::finish_in_child(judge_is_root); e != 0)
          child_fail(rep, "take the mapped ids", e);
        const char* step = "";
        bool proc_ok = false;
        if (int e = sandbox::mounts::build(plan, &step, &proc_ok); e != 0) child_fail(rep, step, e);
        if (!proc_ok) (void)!::write(rep, "P", 1);  // not a failure: tell the judge /proc is absent
        // Taking the mapped ids cleared the parent-death signal: arm it again, then make sure
        // the judge did not die in between (its end of the channel would have hung up).
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        pollfd pf{sv[1], POLLRDHUP, 0};
        if (::poll(&pf, 1, 0) > 0 && (pf.revents & (POLLHUP | POLLRDHUP))) ::_exit(127);
      }
      const int ch = ::fcntl(sv[1], F_DUPFD, 10), vio = ::fcntl(vp[1], F_DUPFD, 10);
      if (ch < 0 || vio < 0 || ::dup2(ch, 3) < 0 || ::dup2(vio, 4) < 0) child_fail(rep, "dup2", errno);
      ::execve(exe.c_str(), argv.data(), envp.data());
      child_fail(rep, "execve arbiter contestant", errno);
    }
    ::setpgid(pid, pid);  // also from the parent: no race with the kill below
    ::close(sv[1]);
    ::close(vp[1]);
    ::close(sync[0]);
    ::close(report[1]);
    std::string problem;
    if (isolate) problem = sandbox::namespaces::write_id_maps(pid);
    if (problem.empty() && isolate && resources->cgroup->ok() && !into_cgroup && !resources->cgroup->add(pid))
      resources->cgroup = std::make_unique<sandbox::cgroup::Group>(0, 0);  // not applied
    if (problem.empty() && ::write(sync[1], "g", 1) != 1) problem = errno_text("release the contestant");
    ::close(sync[1]);
    bool no_proc = false;
    if (problem.empty()) {
      // EOF: execve succeeded (the pipe is close-on-exec); a ChildFailure: it did not.
      char buf[sizeof(ChildFailure) + 1];
      std::size_t got = 0;
      for (;;) {
        ssize_t n = ::read(report[0], buf + got, sizeof buf - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
        if (got == sizeof buf) break;
      }
      std::size_t off = 0;
      if (got > 0 && buf[0] == 'P') { no_proc = true; off = 1; }
      if (got - off >= sizeof(ChildFailure)) {
        ChildFailure f;
        std::memcpy(&f, buf + off, sizeof f);
        problem = std::string(f.step) + ": " + std::strerror(f.err);
      }
    }
    ::close(report[0]);
    if (!problem.empty()) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      ::close(sv[0]);
      ::close(vp[0]);
      if (!isolate) fail("cannot start the contestant: {}", problem);
      box.warnings.push_back("isolation failed (" + problem + "): contestant runs in the judge's namespaces and "
                             "file system, under seccomp, Landlock and rlimits only");
      isolate = false;
      resources->cgroup.reset();
      continue;
    }
    ContestantProcess p;
    p.pid_ = pid;
    p.cpu_limit_s_ = o.cpu_seconds;
    p.violation_fd_ = vp[0];
    p.channel_ = wire::Channel(sv[0]);
    p.have_cpu_clock_ = ::clock_getcpuclockid(pid, &p.cpu_clock_) == 0;
    p.schedstat_fd_ = ::open(("/proc/" + std::to_string(pid) + "/schedstat").c_str(), O_RDONLY | O_CLOEXEC);
    if (isolate) {
      box.namespaces = sandbox::namespaces::names(flags);
      box.mounts = std::string("minimal read-only root, private tmpfs /tmp (") + plan.private_tmp_options + "), " +
                   (no_proc ? "no /proc" : "fresh /proc");
      box.cgroup = resources->cgroup->describe();
      if (!resources->cgroup->ok()) box.warnings.push_back("cgroup v2: " + resources->cgroup->why() +
                                                          "; memory and processes bounded by rlimits only");
    } else {
      box.warnings.push_back("no namespaces, no private mount tree, no cgroup");
      box.cgroup = "none: not isolated; rlimits only";
    }
    if (o.unsandboxed_for_bench) box.warnings.push_back("UNSANDBOXED (benchmark of the sandbox's cost only)");
    p.box_ = box;
    p.resources_ = resources;
    return p;
  }
}

ContestantProcess::ContestantProcess(ContestantProcess&& o) noexcept
    : pid_(o.pid_), violation_fd_(o.violation_fd_), cpu_clock_(o.cpu_clock_), have_cpu_clock_(o.have_cpu_clock_),
      reaped_(o.reaped_), wait_status_(o.wait_status_), exit_cpu_ns_(o.exit_cpu_ns_), cpu_limit_s_(o.cpu_limit_s_),
      channel_(std::move(o.channel_)), schedstat_fd_(o.schedstat_fd_),
      box_(std::move(o.box_)), resources_(std::move(o.resources_)) {
  o.pid_ = -1;
  o.violation_fd_ = -1;
  o.schedstat_fd_ = -1;
}

ContestantProcess::~ContestantProcess() {
  if (pid_ > 0 && !reaped_) {
    kill();
    ::waitpid(pid_, nullptr, 0);
  }
  if (violation_fd_ >= 0) ::close(violation_fd_);
  if (schedstat_fd_ >= 0) ::close(schedstat_fd_);
}

namespace {
// schedstat: "<on-cpu ns> <run-delay ns> <timeslices>"
int64_t read_run_delay(int fd) {
  char buf[128];
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return -1;
  buf[n] = 0;
  unsigned long long on_cpu = 0, delay = 0;
  if (std::sscanf(buf, "%llu %llu", &on_cpu, &delay) != 2) return -1;
  return static_cast<int64_t>(delay);
}
}  // namespace

int64_t ContestantProcess::run_delay_ns() const {
  return schedstat_fd_ < 0 || reaped_ ? -1 : read_run_delay(schedstat_fd_);
}

int64_t own_run_delay_ns() {
  thread_local int fd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  return fd < 0 ? -1 : read_run_delay(fd);
}

int64_t ContestantProcess::cpu_ns() const {
  timespec ts;
  if (!have_cpu_clock_ || reaped_ || ::clock_gettime(cpu_clock_, &ts) != 0) return -1;
  return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void ContestantProcess::kill() {
  if (resources_ && resources_->cgroup) resources_->cgroup->kill_all();
  if (pid_ > 0 && !reaped_) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
  }
}

bool ContestantProcess::reap(int options) {
  int st = 0;
  rusage ru{};
  if (::wait4(pid_, &st, options, &ru) != pid_) return false;
  reaped_ = true;
  wait_status_ = st;
  auto ns = [](const timeval& t) { return static_cast<int64_t>(t.tv_sec) * 1000000000LL + t.tv_usec * 1000LL; };
  exit_cpu_ns_ = ns(ru.ru_utime) + ns(ru.ru_stime);
  return true;
}

bool ContestantProcess::alive() {
  if (reaped_) return false;
  if (reap(WNOHANG)) {
    ::kill(-pid_, SIGKILL);
    return false;
  }
  return true;
}

ContestantEnd ContestantProcess::finish(int timeout_ms) {
  const int64_t deadline = now_ns() + int64_t{timeout_ms} * 1000000;
  while (alive() && now_ns() < deadline) {
    timespec ts{0, 2000000};
    ::nanosleep(&ts, nullptr);
  }
  if (!reaped_) {
    kill();
    if (!reap(0)) reaped_ = true;
  }
  ContestantEnd e;
  e.cpu_ns = exit_cpu_ns_;
  e.cpu_limit_s = cpu_limit_s_;
  if (WIFEXITED(wait_status_)) {
    e.exited = true;
    e.code = WEXITSTATUS(wait_status_);
  } else if (WIFSIGNALED(wait_status_)) {
    e.signal = WTERMSIG(wait_status_);
  }
  int nr;
  ::fcntl(violation_fd_, F_SETFL, O_NONBLOCK);
  if (::read(violation_fd_, &nr, sizeof nr) == static_cast<ssize_t>(sizeof nr)) e.violation = nr;
  else if (!e.exited && e.signal == SIGSYS) e.violation = ContestantEnd::kUnknownSyscall;
  // The handler exits with kViolationExit after reporting; if the submission closed the pipe
  // first, the number is lost but the exit still says it was a sandbox violation.
  else if (e.exited && e.code == sandbox::seccomp::kViolationExit) e.violation = ContestantEnd::kUnknownSyscall;
  return e;
}

}  // namespace arbiter::judge
