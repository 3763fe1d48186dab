// The helper-process runner (judge/subprocess.hpp): a setup that fails is told apart from the
// program's own failure, a cancelled run stops at once, and the compiler's start-up failure is
// the machine's error, not a compile_error.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "judge/compile.hpp"
#include "judge/subprocess.hpp"
#include "judge/workdir.hpp"
#include "sandbox/rlimits.hpp"

using namespace arbiter;
using namespace arbiter::judge;

TEST(Subprocess, ProgramThatCannotStartIsASetupFailure) {
  SubprocessSpec s;
  s.argv = {"/nonexistent/tool", "x"};
  SubprocessResult r = run_subprocess(s);
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_NE(r.setup_failure.find("cannot execute it (/nonexistent/tool)"), std::string::npos) << r.setup_failure;
  s.argv = {"/bin/true"};
  s.cwd = "/nonexistent-folder";
  r = run_subprocess(s);
  EXPECT_NE(r.setup_failure.find("cannot enter its folder"), std::string::npos) << r.setup_failure;
}

TEST(Subprocess, ProgramsOwnFailureIsNotASetupFailure) {
  SubprocessSpec s;
  s.argv = {"/bin/sh", "-c", "echo out; exit 127"};
  s.no_network = true;
  const SubprocessResult r = run_subprocess(s);
  EXPECT_EQ(r.exit_code, 127);
  EXPECT_TRUE(r.setup_failure.empty()) << r.setup_failure;
  EXPECT_EQ(r.output, "out\n");
  EXPECT_FALSE(r.network.empty());  // the isolation report still reads before the program's output
}

TEST(Subprocess, LimitsAboveTheJudgesOwnAreLoweredNotRefused) {
  rlimit files{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &files), 0);
  if (files.rlim_max == RLIM_INFINITY) GTEST_SKIP() << "no hard limit on open files here";
  SubprocessSpec s;
  s.argv = {"/bin/sh", "-c", "ulimit -Hn"};
  s.max_open_files = static_cast<long>(files.rlim_max) + 1000;
  const SubprocessResult r = run_subprocess(s);
  EXPECT_TRUE(r.setup_failure.empty()) << r.setup_failure;
  EXPECT_EQ(r.output, std::to_string(files.rlim_max) + "\n");
}

TEST(Subprocess, CancelKillsTheProcessGroup) {
  std::atomic<bool> cancel{false};
  SubprocessSpec s;
  s.argv = {"/bin/sh", "-c", "sleep 60 & sleep 60; echo never"};
  s.time_limit_s = 120;
  s.cancel = &cancel;
  std::thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel = true;
  });
  const SubprocessResult r = run_subprocess(s);
  t.join();
  EXPECT_TRUE(r.cancelled);
  EXPECT_FALSE(r.timed_out);
  EXPECT_LT(r.ms, 30000);  // a liveness bound, far from the 60 s the program would take
  EXPECT_EQ(r.output.find("never"), std::string::npos);
}

TEST(Subprocess, CompilerThatCannotStartIsTheMachinesError) {
  WorkDir w;
  const auto src = w.path() / "a.cpp";
  { std::ofstream(src) << "int f() { return 1; }\n"; }
  ::setenv("ARBITER_CXX", "/nonexistent/g++", 1);
  try {
    compile_shared_object({src, w.path() / "a.so", {}, 30, true, false});
    ADD_FAILURE() << "a compiler that cannot start must throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("the compiler could not be started"), std::string::npos) << e.what();
  }
  ::unsetenv("ARBITER_CXX");
  const CompileResult ok = compile_shared_object({src, w.path() / "a.so", {}, 60, true, false});
  EXPECT_TRUE(ok.ok) << ok.log;
}

TEST(Subprocess, CancelledCompileSaysSo) {
  WorkDir w;
  const auto src = w.path() / "a.cpp";
  { std::ofstream(src) << "int f() { return 1; }\n"; }
  std::atomic<bool> cancel{true};
  CompileJob job{src, w.path() / "a.so", {}, 60, true, false};
  job.cancel = &cancel;
  const CompileResult r = compile_shared_object(job);
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.cancelled);
  EXPECT_NE(r.log.find("the run ended before it"), std::string::npos) << r.log;
}

TEST(Rlimits, PlanIsSetInTheChildWithItsNames) {
  sandbox::Policy p;
  p.cpu_seconds = 7;
  p.max_open_files = 33;
  p.address_space_mb = 0;
  const sandbox::rlimits::Plan plan = sandbox::rlimits::for_policy(p);
  EXPECT_EQ(plan.names(), (std::vector<std::string>{"cpu", "fsize", "nofile", "core", "memlock", "msgqueue"}));
  p.address_space_mb = 2048;
  EXPECT_EQ(sandbox::rlimits::for_policy(p).names().front(), "as");
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (plan.apply() != nullptr) ::_exit(1);
    rlimit cpu{}, files{};
    ::getrlimit(RLIMIT_CPU, &cpu);
    ::getrlimit(RLIMIT_NOFILE, &files);
    ::_exit(cpu.rlim_cur == 7 && cpu.rlim_max == 8 && files.rlim_cur == 33 ? 0 : 2);
  }
  int st = 0;
  ASSERT_EQ(::waitpid(pid, &st, 0), pid);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << st;
}

TEST(Compile, IncludeDirFromManyThreadsAtOnce) {
  // The submission builds in a thread while the reference builds in another: both may write
  // kernel.h into a fresh cache at once (one of them once failed its rename).
  WorkDir home;
  const char* old = std::getenv("ARBITER_HOME");
  const std::string saved = old ? old : "";
  ::setenv("ARBITER_HOME", home.path().c_str(), 1);
  for (int round = 0; round < 5; ++round) {
    std::filesystem::remove_all(home.path() / "cache");
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&] {
        try {
          if (!std::filesystem::exists(include_dir() / "arbiter" / "kernel.h")) ++failures;
        } catch (const std::exception&) {
          ++failures;
        }
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0) << "round " << round;
  }
  if (old) ::setenv("ARBITER_HOME", saved.c_str(), 1);
  else ::unsetenv("ARBITER_HOME");
}
