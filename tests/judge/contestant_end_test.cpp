// How the judge names the contestant's end: CPU-limit kills are timeouts, not crashes.
#include <gtest/gtest.h>

#include <signal.h>

#include "judge/contestant_process.hpp"
#include "sandbox/seccomp.hpp"

using arbiter::judge::ContestantEnd;

TEST(ContestantEnd, SigxcpuIsTheCpuLimit) {
  ContestantEnd e;
  e.signal = SIGXCPU;
  e.cpu_limit_s = 5;
  e.cpu_ns = 5'010'000'000;
  EXPECT_TRUE(e.cpu_limit_exceeded());
  EXPECT_NE(e.describe().find("CPU time limit of 5 s exceeded"), std::string::npos) << e.describe();
}

TEST(ContestantEnd, SigkillAtTheHardLimitIsTheCpuLimit) {
  ContestantEnd e;
  e.signal = SIGKILL;
  e.cpu_limit_s = 1;
  e.cpu_ns = 2'003'000'000;  // soft + 1 s: SIGXCPU was ignored
  EXPECT_TRUE(e.cpu_limit_exceeded());
}

TEST(ContestantEnd, SigkillBelowTheLimitIsNot) {
  ContestantEnd e;
  e.signal = SIGKILL;
  e.cpu_limit_s = 600;
  e.cpu_ns = 300'000'000;  // the OOM killer or the judge itself
  EXPECT_FALSE(e.cpu_limit_exceeded());
  EXPECT_EQ(e.describe(), "killed by SIGKILL");
}

TEST(ContestantEnd, LateOutputWriteIsNamed) {
  ContestantEnd e;
  e.exited = true;
  e.code = arbiter::sandbox::seccomp::kViolationExit;
  e.violation = arbiter::sandbox::seccomp::kLateOutputWrite;
  EXPECT_NE(e.describe().find("output written after the call returned"), std::string::npos) << e.describe();
}
