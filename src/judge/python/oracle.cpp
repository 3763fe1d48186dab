#include "judge/python/oracle.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

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
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) fail("{}", errno_text("oracle socket"));
  sock_ = sv[0];
  shm_fd_ = ::memfd_create("arbiter-oracle-exchange", MFD_CLOEXEC);
  if (shm_fd_ < 0) fail("{}", errno_text("memfd_create (oracle exchange)"));
  const std::string py = python_executable(), drv = driver.string(), cwd = dir.string();
  // The oracle's environment is the judge's (it is trusted) with its descriptors named and
  // upstream's own channels removed; built before the fork, since the judge may be multithreaded
  // and the child may then only make system calls.
  std::vector<std::string> env = {"ARBITER_ORACLE_EXCHANGE_FD=3", "ARBITER_ORACLE_SOCKET_FD=4",
                                  "PYTHONDONTWRITEBYTECODE=1", "PYTHONNOUSERSITE=1"};
  for (char** e = environ; *e; ++e) {
    const std::string_view v(*e);
    const std::string_view name = v.substr(0, v.find('='));
    if (name != "POPCORN_FD" && name != "POPCORN_SEED" && name != "ARBITER_ORACLE_EXCHANGE_FD" &&
        name != "ARBITER_ORACLE_SOCKET_FD" && name != "PYTHONDONTWRITEBYTECODE" && name != "PYTHONNOUSERSITE")
      env.emplace_back(v);
  }
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) fail("{}", errno_text("fork oracle"));
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(shm_fd_, 3);  // the exchange, at a known number (dup2 drops close-on-exec)
    ::dup2(sv[1], 4);    // descriptors from the judge
    if (::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::execle(py.c_str(), py.c_str(), "-I", drv.c_str(), static_cast<char*>(nullptr), envp.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(sv[1]);
  to_ = in[1];
  from_ = out[0];
}

Oracle::~Oracle() {
  unmap();
  if (shm_fd_ >= 0) ::close(shm_fd_);
  if (sock_ >= 0) ::close(sock_);
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

void Oracle::unmap() {
  if (shm_) ::munmap(shm_, shm_len_);
  shm_ = nullptr;
  shm_len_ = 0;
}

unsigned char* Oracle::exchange(std::size_t n) {
  struct stat st {};
  if (::fstat(shm_fd_, &st) != 0) fail("{}", errno_text("fstat (oracle exchange)"));
  std::size_t size = static_cast<std::size_t>(st.st_size);
  if (size < n) {  // either side grows it; the other remaps when it sees a larger size
    if (::ftruncate(shm_fd_, static_cast<off_t>(n)) != 0) fail("{}", errno_text("ftruncate (oracle exchange)"));
    size = n;
  }
  if (size == 0) return nullptr;
  if (shm_len_ < size) {
    unmap();
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd_, 0);
    if (p == MAP_FAILED) fail("{}", errno_text("mmap (oracle exchange)"));
    shm_ = static_cast<unsigned char*>(p);
    shm_len_ = size;
  }
  return shm_;
}

OracleReply Oracle::request(const nlohmann::json& head_in, std::size_t shared_bytes, const std::vector<int>& fds) {
  const int64_t t0 = now_ns();
  nlohmann::json head = head_in;
  if (shared_bytes) head["shm_bytes"] = shared_bytes;
  if (!fds.empty()) head["fds"] = fds.size();
  const std::string msg = head.dump() + "\n";
  for (std::size_t off = 0; off < msg.size();) {
    const ssize_t n = ::write(to_, msg.data() + off, msg.size() - off);
    if (n <= 0) fail("the oracle (python3 on reference.py) is gone");
    off += static_cast<std::size_t>(n);
  }
  if (!fds.empty()) {
    char byte = 'f';
    iovec iov{&byte, 1};
    std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()), 0);
    msghdr mh{};
    mh.msg_iov = &iov;
    mh.msg_iovlen = 1;
    mh.msg_control = control.data();
    mh.msg_controllen = control.size();
    cmsghdr* c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
    if (::sendmsg(sock_, &mh, MSG_NOSIGNAL) != 1) fail("{}", errno_text("sending descriptors to the oracle"));
  }
  OracleReply r;
  r.head = nlohmann::json::parse(read_line());
  if (!r.head.value("ok", false)) fail("reference.py failed in {}:\n{}", head_in.value("op", "?"),
                                       r.head.value("error", std::string("(no message)")));
  if (r.head.contains("shm_bytes")) {
    r.shared_bytes = r.head["shm_bytes"].get<std::size_t>();
    r.shared = exchange(r.shared_bytes);
  }
  busy_ms_ += static_cast<double>(now_ns() - t0) / 1e6;
  return r;
}

}  // namespace arbiter::judge::python
