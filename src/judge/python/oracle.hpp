#pragma once
// The judge's handle on the oracle: a trusted /usr/bin/python3 child running oracle_driver.py
// over the task's reference.py. Requests and replies are JSON lines; tensor bytes (inputs out,
// output snapshots in) travel through one shared memfd, the exchange, which both map: a pipe and
// Python's bytes objects cost seconds per call at reference-kernels' sizes (1.5 GiB a call for
// vectoradd at 16384²). On a GPU the oracle maps the judge's own allocations instead and moves
// nothing through the host at all (PyCase's direct mode). Every reply is bounded by a deadline,
// and a dead or failing oracle is the problem's fault (`error`).
#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace arbiter::judge::python {

struct OracleReply {
  nlohmann::json head;
  const unsigned char* shared = nullptr;  // "shm_bytes" of the reply, at the start of the exchange
  std::size_t shared_bytes = 0;
};

class Oracle {
 public:
  // Starts python3 on the driver inside `dir` (the task's files, materialised flat).
  Oracle(const std::filesystem::path& dir, const std::filesystem::path& driver, double timeout_s);
  ~Oracle();
  Oracle(const Oracle&) = delete;
  Oracle& operator=(const Oracle&) = delete;

  // Throws arbiter::Error with the oracle's own traceback on failure. shared_bytes: what the
  // caller wrote at the start of exchange() for the oracle to read. fds: descriptors handed over
  // with the request (a Unix socket, SCM_RIGHTS: the judge's GPU allocations as POSIX fds, which
  // the oracle maps into its own CUDA context).
  OracleReply request(const nlohmann::json& head, std::size_t shared_bytes = 0, const std::vector<int>& fds = {});
  // At least n bytes of the exchange, mapped (grown when needed); valid until the next call.
  unsigned char* exchange(std::size_t n);
  double busy_ms() const { return busy_ms_; }  // time spent inside the oracle, for the report
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int timeout_ms_;
  double busy_ms_ = 0;
  int shm_fd_ = -1;
  int sock_ = -1;  // descriptors to the oracle (its fd 4)
  unsigned char* shm_ = nullptr;
  std::size_t shm_len_ = 0;
  std::string buf_;
  std::string read_line();
  void fill();
  void unmap();
};

// Where the oracle's interpreter is: $ARBITER_PYTHON, else /usr/bin/python3.
std::string python_executable();

}  // namespace arbiter::judge::python
