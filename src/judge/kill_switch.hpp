#pragma once
// Ends a run's child processes from another thread, once and for good: a run that is no longer
// wanted (the same-run baseline of a submission that failed) stops at once instead of finishing
// its start-up, since every blocking call on a killed child fails at once. Processes are held as
// pidfds, so a pid reused after its process was reaped is never hit.
#include <sys/types.h>

#include <mutex>
#include <vector>

namespace arbiter::judge {

class KillSwitch {
 public:
  KillSwitch() = default;
  ~KillSwitch();
  KillSwitch(const KillSwitch&) = delete;
  KillSwitch& operator=(const KillSwitch&) = delete;
  // A child just started (not yet reaped). Killed at once when the switch is already pulled.
  void track(pid_t pid);
  // SIGKILL to every tracked process, and to every one tracked later.
  void pull();
  bool pulled() const;

 private:
  mutable std::mutex mu_;
  std::vector<int> fds_;
  bool pulled_ = false;
};

}  // namespace arbiter::judge
