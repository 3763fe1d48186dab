// The switch that ends an unwanted run's children from another thread.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "judge/kill_switch.hpp"

using arbiter::judge::KillSwitch;

namespace {

pid_t sleeper() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::pause();
    ::_exit(0);
  }
  return pid;
}

int end_signal(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1;
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

}  // namespace

TEST(KillSwitch, PullKillsEveryTrackedChild) {
  KillSwitch k;
  const pid_t a = sleeper(), b = sleeper();
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  k.track(a);
  k.track(b);
  EXPECT_FALSE(k.pulled());
  std::thread([&] { k.pull(); }).join();  // from another thread, as the baseline's owner does
  EXPECT_TRUE(k.pulled());
  EXPECT_EQ(end_signal(a), SIGKILL);
  EXPECT_EQ(end_signal(b), SIGKILL);
}

TEST(KillSwitch, AChildStartedAfterThePullDiesAtOnce) {
  KillSwitch k;
  k.pull();
  const pid_t c = sleeper();
  ASSERT_GT(c, 0);
  k.track(c);
  EXPECT_EQ(end_signal(c), SIGKILL);
}
