#include "judge/kill_switch.hpp"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace arbiter::judge {
namespace {

int pidfd_open(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }
void pidfd_kill(int fd) { (void)::syscall(SYS_pidfd_send_signal, fd, SIGKILL, nullptr, 0); }

}  // namespace

KillSwitch::~KillSwitch() {
  for (int fd : fds_) ::close(fd);
}

void KillSwitch::track(pid_t pid) {
  if (pid <= 0) return;
  const int fd = pidfd_open(pid);
  std::lock_guard<std::mutex> lock(mu_);
  if (fd < 0) {  // no pidfds (kernels before 5.3): only a child started after the pull is killed
    if (pulled_) ::kill(pid, SIGKILL);
    return;
  }
  if (pulled_) pidfd_kill(fd);
  fds_.push_back(fd);
}

void KillSwitch::pull() {
  std::lock_guard<std::mutex> lock(mu_);
  pulled_ = true;
  for (int fd : fds_) pidfd_kill(fd);
}

bool KillSwitch::pulled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pulled_;
}

}  // namespace arbiter::judge
