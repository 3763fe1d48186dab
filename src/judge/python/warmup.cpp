#include "judge/python/warmup.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "judge/python/oracle.hpp"
#include "sandbox/fds.hpp"
#include "sandbox/landlock.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

namespace {
// Imports the submission as the contestant would; any exception is the build's failure.
constexpr const char* kImportScript = R"PY(
import importlib.util, sys, traceback
d = sys.argv[1]
sys.path.insert(0, d)
try:
    spec = importlib.util.spec_from_file_location("submission", d + "/submission.py")
    m = importlib.util.module_from_spec(spec)
    sys.modules["submission"] = m
    spec.loader.exec_module(m)
except BaseException:
    traceback.print_exc(limit=-6)
    sys.exit(1)
)PY";

void limit(int which, rlim_t v) {
  rlimit r{v, v};
  ::setrlimit(which, &r);
}
}  // namespace

bool needs_warm_up(const std::string& source) {
  for (const char* word : {"cpp_extension", "load_inline", "triton"})
    if (source.find(word) != std::string::npos) return true;
  return false;
}

std::vector<std::string> cache_env(const fs::path& cache) {
  // CUDA_HOME set: without it, importing torch.utils.cpp_extension runs `which nvcc` (a process,
  // which the contestant may not start).
  const char* cuda = std::getenv("CUDA_HOME");
  return {"TORCH_EXTENSIONS_DIR=" + (cache / "torch_extensions").string(),
          "TRITON_CACHE_DIR=" + (cache / "triton").string(), "ARBITER_PREBUILT=1",
          std::string("CUDA_HOME=") + (cuda && *cuda ? cuda : "/usr/local/cuda")};
}

WarmUp warm_up(const fs::path& dir, const fs::path& cache, const std::vector<std::string>& read_only,
               double timeout_s) {
  WarmUp w;
  for (const char* sub : {"torch_extensions", "triton", "tmp"}) fs::create_directories(cache / sub);
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/nonexistent",
                                  "PYTHONDONTWRITEBYTECODE=1", "PYTHONNOUSERSITE=1",
                                  "TMPDIR=" + (cache / "tmp").string(), "MAX_JOBS=2"};
  for (auto& e : cache_env(cache)) env.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string py = python_executable(), d = dir.string();
  int out[2], rep[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(rep, O_CLOEXEC) != 0) fail("{}", errno_text("pipes for the warm-up"));
  const int64_t t0 = now_ns();
  const pid_t pid = ::fork();
  if (pid < 0) fail("{}", errno_text("fork the warm-up"));
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    const int r = ::fcntl(rep[1], F_DUPFD, 3);
    ::dup2(r, 3);
    sandbox::fds::close_all_but({1, 2, 3});  // the build's output goes to the judge
    // No network: a fresh (empty) network namespace, inside a user namespace when unprivileged.
    char net = 'n';
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) net = 'u';
    else if (::unshare(CLONE_NEWNET) == 0) net = 'N';
    (void)!::write(3, &net, 1);
    ::close(3);
    limit(RLIMIT_CPU, static_cast<rlim_t>(timeout_s) + 5);
    limit(RLIMIT_FSIZE, rlim_t{1} << 30);
    limit(RLIMIT_CORE, 0);
    limit(RLIMIT_NOFILE, 1024);
    sandbox::Policy p;
    p.read_only_paths = read_only;
    p.read_only_paths.push_back(d);
    p.read_write_paths = {cache.string(), "/dev/null"};
    sandbox::Status st;
    try {
      sandbox::landlock::apply(p, st);
    } catch (const std::exception&) {
      ::_exit(125);
    }
    if (::chdir(d.c_str()) != 0) ::_exit(126);
    ::execle(py.c_str(), py.c_str(), "-I", "-c", kImportScript, d.c_str(), static_cast<char*>(nullptr), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  ::close(out[1]);
  ::close(rep[1]);
  char net = 0;
  if (::read(rep[0], &net, 1) != 1) net = 0;
  ::close(rep[0]);
  const int64_t deadline = t0 + static_cast<int64_t>(timeout_s * 1e9);
  bool timed_out = false;
  char buf[8192];
  for (;;) {
    const int64_t left = (deadline - now_ns()) / 1000000;
    if (left <= 0) { timed_out = true; break; }
    pollfd pf{out[0], POLLIN, 0};
    if (::poll(&pf, 1, static_cast<int>(std::min<int64_t>(left, 1000))) <= 0) continue;
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    if (w.log.size() < (1 << 20)) w.log.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int st = 0;
  while (!timed_out && ::waitpid(pid, &st, WNOHANG) == 0) {
    if (now_ns() > deadline) timed_out = true;
    else ::usleep(2000);
  }
  ::kill(-pid, SIGKILL);
  if (timed_out) ::waitpid(pid, &st, 0);
  w.seconds = static_cast<double>(now_ns() - t0) / 1e9;
  w.ok = !timed_out && WIFEXITED(st) && WEXITSTATUS(st) == 0;
  if (timed_out) w.log += fmt::format("\nthe build ran past its {:.0f} s limit", timeout_s);
  if (w.log.size() > 3000) w.log = w.log.substr(w.log.size() - 3000);
  w.isolation = std::string("own process; Landlock (writable: the cache only); rlimits; ") +
                (net == 'u' ? "user + network namespaces" : net == 'N' ? "network namespace" : "NO network isolation");
  return w;
}

}  // namespace arbiter::judge::python
