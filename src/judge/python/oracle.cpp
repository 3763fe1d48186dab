#include "judge/python/oracle.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace arbiter::judge::python {

std::string python_executable() {
  const char* p = std::getenv("ARBITER_PYTHON");
  return p && *p ? p : "/usr/bin/python3";
}

Oracle::Oracle(const std::filesystem::path& dir, const std::filesystem::path& driver, double timeout_s)
    : timeout_ms_(static_cast<int>(timeout_s * 1000)) {
  ::signal(SIGPIPE, SIG_IGN);  // a dead oracle must be an error, not the judge killed by SIGPIPE
  int in[2], out[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0) fail("{}", errno_text("oracle pipes"));
  const std::string py = python_executable(), drv = driver.string(), cwd = dir.string();
  pid_ = ::fork();
  if (pid_ < 0) fail("{}", errno_text("fork oracle"));
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
    ::setenv("PYTHONNOUSERSITE", "1", 1);
    ::unsetenv("POPCORN_FD");
    ::unsetenv("POPCORN_SEED");
    ::execl(py.c_str(), py.c_str(), "-I", drv.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  to_ = in[1];
  from_ = out[0];
}

Oracle::~Oracle() {
  if (to_ >= 0) ::close(to_);
  if (from_ >= 0) ::close(from_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

void Oracle::fill() {
  pollfd p{from_, POLLIN, 0};
  const int r = ::poll(&p, 1, timeout_ms_);
  if (r == 0) fail("the oracle (reference.py) gave no answer within {} s", timeout_ms_ / 1000);
  char tmp[65536];
  const ssize_t n = ::read(from_, tmp, sizeof tmp);
  if (n <= 0) fail("the oracle (python3 on reference.py) exited; is python3-torch installed?");
  buf_.append(tmp, static_cast<std::size_t>(n));
}

std::string Oracle::read_line() {
  std::size_t nl;
  while ((nl = buf_.find('\n')) == std::string::npos) fill();
  std::string line = buf_.substr(0, nl);
  buf_.erase(0, nl + 1);
  return line;
}

std::string Oracle::read_bytes(std::size_t n) {
  while (buf_.size() < n) fill();
  std::string s = buf_.substr(0, n);
  buf_.erase(0, n);
  return s;
}

OracleReply Oracle::request(const nlohmann::json& head_in, const std::string& payload) {
  const int64_t t0 = now_ns();
  nlohmann::json head = head_in;
  if (!payload.empty()) head["bytes"] = payload.size();
  const std::string msg = head.dump() + "\n" + payload;
  for (std::size_t off = 0; off < msg.size();) {
    const ssize_t n = ::write(to_, msg.data() + off, msg.size() - off);
    if (n <= 0) fail("the oracle (python3 on reference.py) is gone");
    off += static_cast<std::size_t>(n);
  }
  OracleReply r;
  r.head = nlohmann::json::parse(read_line());
  if (!r.head.value("ok", false)) fail("reference.py failed in {}:\n{}", head_in.value("op", "?"),
                                       r.head.value("error", std::string("(no message)")));
  if (r.head.contains("bytes")) r.payload = read_bytes(r.head["bytes"].get<std::size_t>());
  busy_ms_ += static_cast<double>(now_ns() - t0) / 1e6;
  return r;
}

}  // namespace arbiter::judge::python
