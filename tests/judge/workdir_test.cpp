// Run folders: removed by their owner, and by the next judge when their owner was killed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "judge/workdir.hpp"

namespace fs = std::filesystem;
using arbiter::judge::sweep_stale_work_dirs;
using arbiter::judge::WorkDir;

namespace {
// A private TMPDIR for the test, so the sweep sees only what the test made.
struct PrivateTmp {
  fs::path dir = fs::temp_directory_path() / ("arbiter-workdir-test-" + std::to_string(::getpid()));
  std::string old;
  bool had = false;
  PrivateTmp() {
    fs::create_directories(dir);
    if (const char* t = std::getenv("TMPDIR")) { old = t; had = true; }
    ::setenv("TMPDIR", dir.c_str(), 1);
  }
  ~PrivateTmp() {
    if (had) ::setenv("TMPDIR", old.c_str(), 1);
    else ::unsetenv("TMPDIR");
    fs::remove_all(dir);
  }
};
}  // namespace

TEST(WorkDir, KilledOwnersFolderIsSweptLiveOnesAreNot) {
  PrivateTmp tmp;
  int pipefd[2];
  ASSERT_EQ(::pipe(pipefd), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // a judge killed mid-run: its folder is never removed by its owner
    WorkDir* w = new WorkDir();
    std::ofstream(w->path() / "submission.cpp") << "int x;";
    const std::string p = w->path().string();
    (void)!::write(pipefd[1], p.data(), p.size());
    ::_exit(0);
  }
  ::close(pipefd[1]);
  char buf[4096] = {};
  const ssize_t n = ::read(pipefd[0], buf, sizeof buf - 1);
  ::close(pipefd[0]);
  ::waitpid(pid, nullptr, 0);
  ASSERT_GT(n, 0);
  const fs::path dead(std::string(buf, static_cast<std::size_t>(n)));
  ASSERT_TRUE(fs::exists(dead / "submission.cpp"));
  ASSERT_TRUE(fs::exists(dead.string() + ".lock"));

  fs::create_directories(tmp.dir / "arbiter-run-legacy");  // an older judge's, without a lock: kept
  EXPECT_EQ(sweep_stale_work_dirs(), 1u);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_FALSE(fs::exists(dead.string() + ".lock"));
  {
    WorkDir live;
    EXPECT_EQ(sweep_stale_work_dirs(), 0u);
    EXPECT_TRUE(fs::exists(live.path()));  // its owner (this process) holds the lock
    EXPECT_TRUE(fs::exists(live.path().string() + ".lock"));
    EXPECT_TRUE(fs::exists(tmp.dir / "arbiter-run-legacy"));
  }
  // The owner removes its own folder and lock.
  std::size_t left = 0;
  for (const auto& e : fs::directory_iterator(tmp.dir)) left += e.path().filename() != "arbiter-run-legacy";
  EXPECT_EQ(left, 0u);
}
