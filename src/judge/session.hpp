#pragma once
// The judge's half of the protocol: each step sends one frame, waits (bounded) for the one
// expected reply, and turns anything else — silence, death, a malformed, replayed or
// out-of-turn frame — into a Stop with a verdict.
#include <nlohmann/json.hpp>

#include "judge/contestant_process.hpp"
#include "judge/judge_case.hpp"
#include "judge/plausibility.hpp"
#include "judge/verdict.hpp"

namespace arbiter::judge {

class Session {
 public:
  explicit Session(ContestantProcess proc) : proc_(std::move(proc)) {}
  nlohmann::json hello(int timeout_ms);            // returns the sandbox status JSON
  void setup(const JudgeCase& c, int timeout_ms);
  // The same for any case description (task.yml cases describe themselves).
  // output_fd < 0: outputs come with each call (native harness).
  void setup(const wire::SetupCase& desc, int input_fd, int output_fd, int timeout_ms);
  // device: empty for a shared object (host level), else the device trust level's spec
  // (launch_plan.hpp); returns the Loaded reply's message (the knobs the device code set).
  std::string load(const std::string& so_path, int timeout_ms, const std::string& device = "");
  // The device trust level: the current case's launch plan.
  void launch(const std::string& plan, int timeout_ms);
  CallObservation call(uint64_t iteration, wire::CallKind kind, int timeout_ms);
  // Hands the next call its fresh outputs (JudgeCase::fresh_outputs) in a round trip of its own,
  // so that mapping them is not part of the call's (native harness only).
  // Returns the contestant's CPU time in that round trip, capped at its wall time (what one harness
  // thread can use: more would be other threads' work, which stays counted as between calls).
  int64_t hand_outputs(uint64_t iteration, int output_fd, int timeout_ms);
  // When the contestant has already died (e.g. a thread faulted on outputs after the reply),
  // throws the Stop its end deserves.
  void check_alive(const char* what);
  // Also reports a violation that ended the contestant after its last reply.
  ContestantEnd shutdown();
  pid_t pid() const { return proc_.pid(); }

 private:
  wire::FromContestant expect(wire::Type type, int timeout_ms, const char* what);
  [[noreturn]] void died(const char* what);
  void send(const wire::Frame& f, const std::vector<int>& fds, const char* what);
  ContestantProcess proc_;
  bool loaded_ = false;
};

}  // namespace arbiter::judge
