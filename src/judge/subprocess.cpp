#include "judge/subprocess.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/syscall.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/rlimits.hpp"

namespace arbiter::judge {

SubprocessResult run_subprocess(const SubprocessSpec& spec) {
  SubprocessResult res;
  int out[2];
  int rep[2] = {-1, -1};  // the child's report of the network isolation it got
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(rep, O_CLOEXEC) != 0) fail("{}", errno_text("pipe2"));
  std::vector<std::string> argv_s = spec.argv, env_s = spec.env;
  std::vector<char*> argv, envp;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  // The Landlock ruleset is built here: between fork and execve the child makes system calls only.
  int ruleset = -1;
  if (spec.landlock) {
    sandbox::Status st;
    ruleset = sandbox::landlock::build_ruleset(spec.policy, st);
  }
  sandbox::rlimits::Plan limits;
  if (spec.address_space_mb > 0) {
    const auto as = static_cast<rlim_t>(spec.address_space_mb) << 20;
    limits.add(RLIMIT_AS, as, as, "as");
  }
  const auto fsize = static_cast<rlim_t>(spec.file_size_mb) << 20, cpu = static_cast<rlim_t>(spec.time_limit_s) + 2;
  limits.add(RLIMIT_FSIZE, fsize, fsize, "fsize").add(RLIMIT_CPU, cpu, cpu, "cpu").add(RLIMIT_CORE, 0, 0, "core");
  if (spec.max_open_files > 0) {
    const auto files = static_cast<rlim_t>(spec.max_open_files);
    limits.add(RLIMIT_NOFILE, files, files, "nofile");
  }
  const int64_t t0 = now_ns();
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    const std::string why = errno_text("fork");
    for (int fd : {out[0], out[1], rep[0], rep[1], ruleset})
      if (fd >= 0) ::close(fd);
    fail("{}", why);
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    // Nothing of the judge's reaches the helper: stdio, and the report pipe at 3 (close-on-exec).
    // Plain system calls only: the judge may be multithreaded.
    if (::dup3(rep[1], 3, O_CLOEXEC) < 0) ::_exit(124);
    if (ruleset >= 0 && ::dup3(ruleset, 4, O_CLOEXEC) < 0) ::_exit(124);
    ::syscall(SYS_close_range, ruleset >= 0 ? 5u : 4u, ~0u, 0u);
    // The report: the network isolation got, then a setup step that failed and its errno.
    const int report = 3;
    const auto failed = [report](char step, int code) {
      const char msg[2] = {step, static_cast<char>(errno)};
      (void)!::write(report, msg, 2);
      ::_exit(code);
    };
    if (spec.no_network) {
      char net = 'n';
      if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) net = 'u';
      else if (::unshare(CLONE_NEWNET) == 0) net = 'N';
      (void)!::write(report, &net, 1);
    }
    if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) failed('C', 126);
    if (limits.apply() != nullptr) failed('R', 125);
    if (ruleset >= 0 && sandbox::landlock::restrict_self(4) != 0) failed('L', 125);
    ::execvpe(argv[0], argv.data(), envp.data());
    failed('X', 127);
  }
  ::setpgid(pid, pid);
  if (ruleset >= 0) ::close(ruleset);
  ::close(out[1]);
  ::close(rep[1]);
  const int64_t deadline = t0 + static_cast<int64_t>(spec.time_limit_s * 1e9);
  // The report ends when the child execs (close-on-exec) or exits: a few bytes, at once.
  std::string report;
  for (char b[16];;) {
    pollfd p{rep[0], POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, (deadline - now_ns()) / 1000000))) <= 0) break;
    const ssize_t n = ::read(rep[0], b, sizeof b);
    if (n <= 0) break;
    report.append(b, static_cast<std::size_t>(n));
  }
  ::close(rep[0]);
  for (std::size_t i = 0; i < report.size(); ++i) {
    const char c = report[i];
    if (c == 'u' || c == 'N' || c == 'n') {
      res.network = c == 'u' ? "user + network namespaces" : c == 'N' ? "network namespace" : "none";
    } else if (i + 1 < report.size()) {
      const char* step = c == 'C'   ? "cannot enter its folder"
                         : c == 'R' ? "cannot set its resource limits"
                         : c == 'L' ? "cannot confine it with Landlock"
                                    : "cannot execute it";
      res.setup_failure = fmt::format("{} ({}): {}", step, spec.argv.empty() ? "" : spec.argv[0],
                                      std::strerror(static_cast<unsigned char>(report[++i])));
    }
  }
  char buf[8192];
  for (;;) {
    int64_t left_ms = (deadline - now_ns()) / 1000000;
    if (left_ms <= 0) {
      res.timed_out = true;
      break;
    }
    if (spec.cancel && spec.cancel->load()) {
      res.cancelled = true;
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    int pr = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left_ms, spec.cancel ? 50 : 1000)));
    if (pr < 0 && errno == EINTR) continue;
    if (pr == 0) continue;
    ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;  // every writer closed: the process (group) is done writing
    if (res.output.size() < spec.max_output)
      res.output.append(buf, std::min<std::size_t>(static_cast<std::size_t>(n), spec.max_output - res.output.size()));
  }
  ::close(out[0]);
  if (res.timed_out || res.cancelled) ::kill(-pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
  ::kill(-pid, SIGKILL);  // stray grandchildren
  if (WIFEXITED(st)) res.exit_code = WEXITSTATUS(st);
  else if (WIFSIGNALED(st)) res.signal = WTERMSIG(st);
  res.ms = static_cast<double>(now_ns() - t0) / 1e6;
  return res;
}

}  // namespace arbiter::judge
