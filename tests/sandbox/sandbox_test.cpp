// Unit tests of the sandbox's pieces, and one end-to-end look at what a real contestant gets
// (through `arbiter sandbox-check --json`, so the contestant is the real binary).
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "sandbox/cgroup.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/mounts.hpp"
#include "sandbox/namespaces.hpp"
#include "sandbox/seccomp.hpp"

namespace fs = std::filesystem;
using namespace arbiter::sandbox;

TEST(Namespaces, AllSevenRequested) {
  auto n = namespaces::names(namespaces::all_flags());
  EXPECT_EQ(n, (std::vector<std::string>{"user", "pid", "net", "ipc", "mount", "uts", "cgroup"}));
  EXPECT_TRUE(namespaces::names(0).empty());
}

TEST(Namespaces, ContestantNeverRunsAsRootOutside) {
  if (::geteuid() == 0) EXPECT_EQ(namespaces::outside_uid(), 65534u);
  else EXPECT_EQ(namespaces::outside_uid(), ::geteuid());
}

TEST(Mounts, PlanBindsKeepHostPathsAndRecreateSymlinks) {
  const fs::path d = fs::temp_directory_path() / ("arbiter-mounts-test-" + std::to_string(::getpid()));
  fs::create_directories(d / "sub");
  std::ofstream(d / "sub" / "file") << "x";
  fs::create_symlink("sub", d / "link");
  mounts::Plan p;
  mounts::plan(p, {(d / "sub").string(), (d / "sub" / "file").string(), (d / "link").string(), "/definitely/absent"},
               {"/dev/null"});
  ASSERT_EQ(p.binds.size(), 3u);  // sub, sub/file, /dev/null
  EXPECT_EQ(p.binds[0].target, p.staging + (d / "sub").string());
  EXPECT_EQ(p.binds[0].source, "/proc/self/fd/" + std::to_string(p.binds[0].fd));
  EXPECT_FALSE(p.binds[0].device);
  EXPECT_TRUE(p.binds[2].device);
  ASSERT_EQ(p.symlinks.size(), 1u);
  EXPECT_EQ(p.symlinks[0].second, "sub");
  EXPECT_EQ(p.skipped, (std::vector<std::string>{"/definitely/absent"}));
  EXPECT_EQ(p.private_tmp, p.staging + "/tmp");
  // Parents come before children, so mkdir in order works.
  auto pos = [&](const std::string& s) { return std::find(p.dirs.begin(), p.dirs.end(), p.staging + s) - p.dirs.begin(); };
  EXPECT_LT(pos(d.string()), pos((d / "sub").string()));
  fs::remove_all(d);
}

TEST(Seccomp, NamesSyscalls) {
  EXPECT_EQ(seccomp::syscall_name(101), "ptrace");  // x86-64
  EXPECT_EQ(seccomp::syscall_name(-5), "#-5");
}

TEST(Cgroup, DescribesWhyItIsMissing) {
  cgroup::Group g(64 << 20, 8);
  if (g.ok()) EXPECT_NE(g.describe().find("memory.max="), std::string::npos);
  else EXPECT_NE(g.describe().find("rlimits only"), std::string::npos);
}

TEST(SandboxCheck, RealContestantReportsItsProtections) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(::popen(ARBITER_BIN " sandbox-check --json", "r"), ::pclose);
  ASSERT_TRUE(f);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f.get())) out.append(buf, n);
  auto j = nlohmann::json::parse(out);
  ASSERT_TRUE(j.contains("contestant")) << out;
  const auto& c = j["contestant"];
  EXPECT_TRUE(c["seccomp"].get<bool>());
  EXPECT_TRUE(c["no_new_privs"].get<bool>());
  EXPECT_EQ(c["landlock_abi"].get<int>(), landlock::abi_version());
  std::string why;
  if (namespaces::probe(why)) {
    EXPECT_EQ(c["namespaces"].size(), 7u) << out;
    EXPECT_NE(c["mounts"].get<std::string>().find("minimal read-only root"), std::string::npos);
  } else {
    EXPECT_TRUE(c["namespaces"].empty());
  }
}

// The main thread's own filter: shared file maps fail for it and every thread it starts later,
// not for a thread started before (the harness's mapper). In a child: filters cannot be removed.
TEST(Seccomp, ThreadFilterForbidsSharedFileMapsForLaterThreadsOnly) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int fd = ::memfd_create("t", 0);
    if (fd < 0 || ::ftruncate(fd, 4096) != 0) ::_exit(10);
    auto shared_ok = [fd] {
      void* m = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
      if (m == MAP_FAILED) return errno == EACCES ? 0 : -1;
      ::munmap(m, 4096);
      return 1;
    };
    std::atomic<int> go{0}, before{-2};
    std::thread early([&] {
      while (!go) {}
      before = shared_ok();
    });
    ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    arbiter::sandbox::seccomp::forbid_shared_file_maps_on_this_thread();
    int later = -2;
    std::thread([&] { later = shared_ok(); }).join();
    go = 1;
    early.join();
    void* priv = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    ::_exit(shared_ok() == 0 && later == 0 && before == 1 && priv != MAP_FAILED ? 0 : 20);
  }
  int st = 0;
  ::waitpid(pid, &st, 0);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << st;
}

// The compile warm-up's filter: processes may start (the compilers), the deny-list fails with
// EPERM instead of trapping. In a child: filters cannot be removed.
TEST(Seccomp, BuildProfileAllowsProcessesAndRefusesTheDenyList) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Policy p;
    p.profile = Profile::build;
    Status s;
    seccomp::apply(p, s);
    if (!s.seccomp || !s.no_new_privs) ::_exit(10);
    const long traced = ::syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
    const int ptrace_errno = errno;
    const long shared = ::unshare(CLONE_NEWNS);
    const int unshare_errno = errno;
    const pid_t child = ::fork();  // a compiler's process
    if (child == 0) ::_exit(7);
    int st = 0;
    const bool forked = child > 0 && ::waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == 7;
    ::_exit(traced == -1 && ptrace_errno == EPERM && shared == -1 && unshare_errno == EPERM && forked ? 0 : 20);
  }
  int st = 0;
  ::waitpid(pid, &st, 0);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0) << st;
}

// What PyTorch 2.x's CPU runtime asks of the Python profile: the priority range answers,
// pinning threads is refused quietly, the legacy open reads, a read-write open (the CUDA driver
// probing for /dev/nvidiactl in a box without a GPU) finds nothing, writing is a violation.
TEST(Seccomp, PythonProfileAnswersTorchsCpuRuntimeAndStillTrapsWrites) {
  auto run = [](int flags) {
    pid_t pid = ::fork();
    if (pid == 0) {
      Policy p;
      p.profile = Profile::python;
      Status s;
      seccomp::apply(p, s);
      const long prio = ::syscall(SYS_sched_get_priority_max, SCHED_RR);
      cpu_set_t set;
      CPU_ZERO(&set);
      CPU_SET(0, &set);
      const long pinned = ::syscall(SYS_sched_setaffinity, 0, sizeof set, &set);
      const int pin_errno = errno;
      const long fd = ::syscall(SYS_open, "/proc/self/stat", flags);
      const int open_errno = errno;
      if (flags == O_RDWR) ::_exit(fd == -1 && open_errno == ENOENT ? 0 : 21);
      ::_exit(prio > 0 && pinned == -1 && pin_errno == EPERM && fd >= 0 ? 0 : 20);
    }
    int st = 0;
    ::waitpid(pid, &st, 0);
    return st;
  };
  const int reads = run(O_RDONLY);
  EXPECT_TRUE(WIFEXITED(reads) && WEXITSTATUS(reads) == 0) << reads;
  const int read_write = run(O_RDWR);
  EXPECT_TRUE(WIFEXITED(read_write) && WEXITSTATUS(read_write) == 0) << read_write;
  const int writes = run(O_WRONLY);
  EXPECT_TRUE(WIFEXITED(writes) && WEXITSTATUS(writes) == seccomp::kViolationExit) << writes;
}

// Only directories named writable (the warm-up's cache) are bound without the read-only flag.
TEST(Mounts, PlanMarksOnlyTheNamedDirectoriesWritable) {
  const fs::path d = fs::temp_directory_path() / ("arbiter-mounts-rw-" + std::to_string(::getpid()));
  fs::create_directories(d / "ro");
  fs::create_directories(d / "rw");
  mounts::Plan p;
  mounts::plan(p, {(d / "ro").string()}, {"/dev/null"}, {(d / "rw").string()});
  ASSERT_EQ(p.binds.size(), 3u);
  for (auto& b : p.binds) EXPECT_EQ(b.writable, b.host == (d / "rw").string()) << b.host;
  fs::remove_all(d);
}
