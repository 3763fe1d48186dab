// cgroup v2 delegation over a fake cgroupfs: plain directories and files stand in for the
// controller files, so the logic runs without root or a pure v2 host.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sandbox/cgroup.hpp"

namespace fs = std::filesystem;
using arbiter::sandbox::cgroup::prepare_parent;

namespace {
struct FakeTree {
  fs::path root = fs::temp_directory_path() / ("fake-cgroup-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  FakeTree() { fs::create_directories(root); }
  ~FakeTree() { fs::remove_all(root); }
  void cgroup(const std::string& rel, const std::string& controllers, const std::string& subtree,
              const std::string& procs) {
    fs::create_directories(root / rel);
    put(fs::path(rel) / "cgroup.controllers", controllers);
    put(fs::path(rel) / "cgroup.subtree_control", subtree);
    put(fs::path(rel) / "cgroup.procs", procs);
  }
  void put(const fs::path& rel, const std::string& text) { std::ofstream(root / rel) << text; }
  std::string get(const std::string& rel) const {
    std::ifstream f(root / rel);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
};
}  // namespace

TEST(CgroupDelegation, JudgeAloneInItsCgroupMovesIntoALeafAndEnablesControllers) {
  FakeTree t;
  t.cgroup("system.slice/judge.service", "cpu memory pids", "", "4242\n");
  auto p = prepare_parent(t.root.string(), "/system.slice/judge.service", 4242);
  ASSERT_TRUE(p.ok()) << p.why;
  EXPECT_EQ(p.path, (t.root / "system.slice/judge.service").string());
  EXPECT_EQ(t.get("system.slice/judge.service/arbiter-judge/cgroup.procs"), "4242");
  EXPECT_NE(t.get("system.slice/judge.service/cgroup.subtree_control").find("+memory +pids"), std::string::npos);
  EXPECT_NE(p.action.find("moved the judge into"), std::string::npos);
}

TEST(CgroupDelegation, RootCgroupNeedsNoMove) {
  FakeTree t;
  t.cgroup("", "cpuset cpu io memory pids", "", "1\n2\n4242\n");  // the root may hold processes
  auto p = prepare_parent(t.root.string(), "/", 4242);
  ASSERT_TRUE(p.ok()) << p.why;
  EXPECT_EQ(p.path, t.root.string());
  EXPECT_FALSE(fs::exists(t.root / "arbiter-judge"));
  EXPECT_EQ(p.action.find("moved"), std::string::npos);
}

TEST(CgroupDelegation, AlreadyInTheLeafUsesItsParent) {
  FakeTree t;
  t.cgroup("user.slice/j", "memory pids", "memory pids", "");
  t.cgroup("user.slice/j/arbiter-judge", "memory pids", "", "4242\n");
  auto p = prepare_parent(t.root.string(), "/user.slice/j/arbiter-judge", 4242);
  ASSERT_TRUE(p.ok()) << p.why;
  EXPECT_EQ(p.path, (t.root / "user.slice/j").string());
  EXPECT_TRUE(p.action.empty());
}

TEST(CgroupDelegation, OtherProcessesInTheCgroupAreNotMoved) {
  FakeTree t;
  t.cgroup("session", "memory pids", "", "17\n4242\n99\n");
  auto p = prepare_parent(t.root.string(), "/session", 4242);
  EXPECT_FALSE(p.ok());
  EXPECT_NE(p.why.find("other processes (17 99)"), std::string::npos) << p.why;
  EXPECT_FALSE(fs::exists(t.root / "session/arbiter-judge"));
}

TEST(CgroupDelegation, MissingControllersAreNamed) {
  FakeTree t;
  t.cgroup("hybrid", "", "", "4242\n");  // a hybrid host's unified hierarchy offers nothing
  auto p = prepare_parent(t.root.string(), "/hybrid", 4242);
  EXPECT_FALSE(p.ok());
  EXPECT_NE(p.why.find("not offered the memory and pids controllers"), std::string::npos) << p.why;
  EXPECT_FALSE(fs::exists(t.root / "hybrid/arbiter-judge"));
}
