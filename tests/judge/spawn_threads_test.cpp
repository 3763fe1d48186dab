// Starting processes from a judge that runs other threads: the submission compiles in a thread
// while the main thread starts the contestant, so neither child may take a lock or wait for a
// thread between fork/clone and execve (glibc's setgroups/setresuid signal every thread the
// parent had; malloc's lock may be held by the other thread at fork time).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "judge/contestant_process.hpp"
#include "judge/session.hpp"
#include "judge/subprocess.hpp"

using namespace arbiter::judge;

namespace {
// Runs `body` in a forked child, which must exit 0 within `limit_s` (a deadlock fails the test
// instead of hanging the suite).
::testing::AssertionResult finishes_within(int limit_s, const std::function<int()>& body) {
  const pid_t pid = ::fork();
  if (pid < 0) return ::testing::AssertionFailure() << "fork failed";
  if (pid == 0) ::_exit(body());
  for (int waited_ms = 0; waited_ms < limit_s * 1000; waited_ms += 20) {
    int st = 0;
    if (::waitpid(pid, &st, WNOHANG) == pid) {
      if (WIFEXITED(st) && WEXITSTATUS(st) == 0) return ::testing::AssertionSuccess();
      return ::testing::AssertionFailure() << "child ended with status " << st;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return ::testing::AssertionFailure() << "deadlocked: not done within " << limit_s << " s";
}
}  // namespace

TEST(SpawnWithThreads, ContestantsStartWhileAnotherThreadRunsLandlockedTools) {
  EXPECT_TRUE(finishes_within(60, [] {
    std::atomic<bool> stop{false};
    std::atomic<int> tools{0}, tool_failures{0};
    // Threads come and go (as the build's does), and each runs a Landlocked tool.
    std::thread churn([&] {
      while (!stop) {
        auto f = std::async(std::launch::async, [] {
          SubprocessSpec s;
          s.argv = {"/bin/true"};
          s.env = {"PATH=/usr/bin:/bin"};
          s.time_limit_s = 20;
          s.landlock = true;
          s.policy.read_only_paths = {"/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache"};
          return run_subprocess(s);
        });
        const SubprocessResult r = f.get();
        ++tools;
        if (r.exit_code != 0) ++tool_failures;
      }
    });
    int bad = 0;
    for (int i = 0; i < 12; ++i) {
      SpawnOptions so;
      so.exe = ARBITER_BIN;
      so.read_only_paths = {"/usr", "/lib", "/lib64", "/etc/ld.so.cache"};
      try {
        Session s(ContestantProcess::spawn(so));
        s.hello(20000);
        s.shutdown();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "contestant %d: %s\n", i, e.what());
        ++bad;
      }
    }
    stop = true;
    churn.join();
    if (tool_failures > 0) std::fprintf(stderr, "%d of %d Landlocked tools failed\n", tool_failures.load(), tools.load());
    return bad == 0 && tool_failures == 0 && tools > 0 ? 0 : 1;
  }));
}
