// Run folders: removed by their owner, and by the next judge when their owner was killed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "judge/workdir.hpp"
#include "sandbox/namespaces.hpp"

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

// A judge killed mid-run: its folder (handed to `owner` when not -1) is never removed by it.
fs::path dead_judges_folder(uid_t owner) {
  int pipefd[2];
  if (::pipe(pipefd) != 0) return {};
  const pid_t pid = ::fork();
  if (pid < 0) return {};
  if (pid == 0) {
    WorkDir* w = new WorkDir();
    std::ofstream(w->path() / "submission.py") << "x = 1";
    if (owner != static_cast<uid_t>(-1) && ::chown(w->path().c_str(), owner, owner) != 0) ::_exit(1);
    const std::string p = w->path().string();
    (void)!::write(pipefd[1], p.data(), p.size());
    ::_exit(0);
  }
  ::close(pipefd[1]);
  char buf[4096] = {};
  const ssize_t n = ::read(pipefd[0], buf, sizeof buf - 1);
  ::close(pipefd[0]);
  ::waitpid(pid, nullptr, 0);
  return n > 0 ? fs::path(std::string(buf, static_cast<std::size_t>(n))) : fs::path();
}
}  // namespace

TEST(WorkDir, KilledOwnersFolderIsSweptLiveOnesAreNot) {
  PrivateTmp tmp;
  const fs::path dead = dead_judges_folder(static_cast<uid_t>(-1));
  ASSERT_FALSE(dead.empty());
  ASSERT_TRUE(fs::exists(dead / "submission.py"));
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

// A root judge gives eval.py's folder to the box's user (nobody): still its own to sweep, while a
// folder some other user owns beside a root lock is never touched.
TEST(WorkDir, RootSweepsTheFolderItGaveToTheBoxOnly) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (the folder is chowned)";
  PrivateTmp tmp;
  { WorkDir first; }  // this process's one sweep done, so the forked judges below do not sweep each other
  const fs::path boxed = dead_judges_folder(arbiter::sandbox::namespaces::outside_uid());
  const fs::path other = dead_judges_folder(4321);
  ASSERT_FALSE(boxed.empty());
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(sweep_stale_work_dirs(), 1u);
  EXPECT_FALSE(fs::exists(boxed));
  EXPECT_FALSE(fs::exists(boxed.string() + ".lock"));
  EXPECT_TRUE(fs::exists(other / "submission.py"));
  EXPECT_TRUE(fs::exists(other.string() + ".lock"));
}
