#include "contestant/late_write_guard.hpp"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>

#include "core/error.hpp"
#include "sandbox/seccomp.hpp"

namespace arbiter::contestant::late_write_guard {
namespace {
int g_fd = -1;
std::atomic<uintptr_t> g_lo{0}, g_hi{0};

// Async-signal-safe: atomics, write, sigaction, exit_group.
void on_segv(int, siginfo_t* info, void*) {
  const auto a = reinterpret_cast<uintptr_t>(info->si_addr);
  if (a >= g_lo.load() && a < g_hi.load()) {
    const int code = sandbox::seccomp::kLateOutputWrite;
    if (g_fd >= 0) (void)!::write(g_fd, &code, sizeof code);
    ::syscall(SYS_exit_group, sandbox::seccomp::kViolationExit);
  }
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  ::sigaction(SIGSEGV, &dfl, nullptr);  // returning re-runs the access: the default action kills
}
}  // namespace

void install(int violation_fd) {
  g_fd = violation_fd;
  struct sigaction sa {};
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  if (::sigaction(SIGSEGV, &sa, nullptr) != 0) fail("{}", errno_text("sigaction SIGSEGV"));
}

void arm(const void* base, std::size_t len) {
  g_hi.store(0);
  g_lo.store(reinterpret_cast<uintptr_t>(base));
  g_hi.store(reinterpret_cast<uintptr_t>(base) + len);
}

void disarm() {
  g_hi.store(0);
  g_lo.store(0);
}

}  // namespace arbiter::contestant::late_write_guard
