#pragma once
// The judge's handle on the oracle: a trusted /usr/bin/python3 child running oracle_driver.py
// over the task's reference.py. Requests are JSON lines with optional raw payloads; every reply
// is bounded by a deadline, and a dead or failing oracle is the problem's fault (`error`).
#include <sys/types.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace arbiter::judge::python {

struct OracleReply {
  nlohmann::json head;
  std::string payload;
};

class Oracle {
 public:
  // Starts python3 on the driver inside `dir` (the task's files, materialised flat).
  Oracle(const std::filesystem::path& dir, const std::filesystem::path& driver, double timeout_s);
  ~Oracle();
  Oracle(const Oracle&) = delete;
  Oracle& operator=(const Oracle&) = delete;

  // Throws arbiter::Error with the oracle's own traceback on failure.
  OracleReply request(const nlohmann::json& head, const std::string& payload = {});
  double busy_ms() const { return busy_ms_; }  // time spent inside the oracle, for the report

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  int timeout_ms_;
  double busy_ms_ = 0;
  std::string buf_;
  std::string read_line();
  std::string read_bytes(std::size_t n);
  void fill();
};

// Where the oracle's interpreter is: $ARBITER_PYTHON, else /usr/bin/python3.
std::string python_executable();

}  // namespace arbiter::judge::python
