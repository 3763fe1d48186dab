#include "service/subprocess.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace arbiter::service {

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdout_path,
                          const std::string& stderr_path, int timeout_ms, const std::function<bool()>& every_200ms) {
  ProcessResult r;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int out = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0 || err < 0) {
    r.spawn_failed = true;
    r.error = "cannot open log files: " + std::string(std::strerror(errno));
    if (out >= 0) ::close(out);
    if (err >= 0) ::close(err);
    return r;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    r.spawn_failed = true;
    r.error = std::string("fork: ") + std::strerror(errno);
    ::close(out);
    ::close(err);
    return r;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  ::close(out);
  ::close(err);
  auto start = std::chrono::steady_clock::now();
  auto last_tick = start;
  int status = 0;
  for (;;) {
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) {
      r.spawn_failed = true;
      r.error = std::string("waitpid: ") + std::strerror(errno);
      return r;
    }
    auto now = std::chrono::steady_clock::now();
    if (timeout_ms > 0 && now - start > std::chrono::milliseconds(timeout_ms)) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      r.timed_out = true;
      return r;
    }
    if (every_200ms && now - last_tick >= std::chrono::milliseconds(200)) {
      last_tick = now;
      if (!every_200ms()) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        r.cancelled = true;
        return r;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(-pid, SIGKILL);  // leftovers of the group (children the judge forgot)
  if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  else
    r.exit_code = WEXITSTATUS(status);
  return r;
}

std::string read_text(const std::string& path, std::size_t max_bytes, bool tail) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (s.size() > max_bytes) s = tail ? s.substr(s.size() - max_bytes) : s.substr(0, max_bytes);
  return s;
}

}  // namespace arbiter::service
