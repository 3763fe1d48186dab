#include "judge/contestant_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::judge {

std::string ContestantEnd::describe() const {
  if (violation == kUnknownSyscall) return "sandbox: forbidden syscall";
  if (violation >= 0) return "sandbox: syscall " + sandbox::seccomp::syscall_name(violation);
  if (exited) return "exit status " + std::to_string(code);
  const char* name = sigabbrev_np(signal);
  return std::string("killed by SIG") + (name ? name : std::to_string(signal).c_str());
}

ContestantProcess ContestantProcess::spawn(const SpawnOptions& o) {
  int sv[2], vp[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) fail("{}", errno_text("socketpair"));
  if (::pipe2(vp, O_CLOEXEC) != 0) fail("{}", errno_text("pipe2"));
  const std::string exe = self_exe().string();
  std::vector<std::string> args = {"arbiter", "contestant", "--channel", "3", "--violation", "4",
                                   "--address-space-mb", std::to_string(o.address_space_mb),
                                   "--cpu-seconds", std::to_string(o.cpu_seconds)};
  for (auto& p : o.read_only_paths) { args.push_back("--ro"); args.push_back(p); }
  // A clean environment: nothing of the judge's (tokens, paths, seeds) reaches the contestant.
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "OMP_WAIT_POLICY=PASSIVE", "HOME=/nonexistent"};
#if defined(__SANITIZE_ADDRESS__)
  // LeakSanitizer stops the world with ptrace, and the SEGV report opens files: neither is
  // allowed in the box, so faults reach the judge as plain signals.
  env.push_back("ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_abort=0");
#endif
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t judge = ::getpid();

  pid_t pid = ::fork();
  if (pid < 0) fail("{}", errno_text("fork"));
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != judge) ::_exit(127);  // the judge died before we got here
    if (::dup2(sv[1], 3) < 0 || ::dup2(vp[1], 4) < 0) ::_exit(127);
    ::execve(exe.c_str(), argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from the parent: no race with the kill below
  ::close(sv[1]);
  ::close(vp[1]);
  ContestantProcess p;
  p.pid_ = pid;
  p.violation_fd_ = vp[0];
  p.channel_ = wire::Channel(sv[0]);
  p.have_cpu_clock_ = ::clock_getcpuclockid(pid, &p.cpu_clock_) == 0;
  p.schedstat_fd_ = ::open(("/proc/" + std::to_string(pid) + "/schedstat").c_str(), O_RDONLY | O_CLOEXEC);
  return p;
}

ContestantProcess::ContestantProcess(ContestantProcess&& o) noexcept
    : pid_(o.pid_), violation_fd_(o.violation_fd_), cpu_clock_(o.cpu_clock_), have_cpu_clock_(o.have_cpu_clock_),
      reaped_(o.reaped_), wait_status_(o.wait_status_), channel_(std::move(o.channel_)), schedstat_fd_(o.schedstat_fd_) {
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
  if (pid_ > 0 && !reaped_) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
  }
}

bool ContestantProcess::alive() {
  if (reaped_) return false;
  int st;
  pid_t r = ::waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    reaped_ = true;
    wait_status_ = st;
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
    ::waitpid(pid_, &wait_status_, 0);
    reaped_ = true;
  }
  ContestantEnd e;
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
  return e;
}

}  // namespace arbiter::judge
