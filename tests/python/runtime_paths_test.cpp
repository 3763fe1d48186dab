// The paths bound into the Python contestant's mount tree: asked from the contestant's own
// interpreter, and pruned of entries already beneath another bound path.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "judge/python/runtime_paths.hpp"

namespace fs = std::filesystem;
using arbiter::judge::python::interpreter_paths;
using arbiter::judge::python::without_nested;

TEST(RuntimePaths, NestedEntriesAreDropped) {
  EXPECT_EQ(without_nested({"/usr", "/usr/lib/python3.11", "/usrx", "/etc/ld.so.cache", "/usr"}),
            (std::vector<std::string>{"/usr", "/usrx", "/etc/ld.so.cache"}));
  EXPECT_EQ(without_nested({"/a/b", "/a"}), (std::vector<std::string>{"/a"}));
  EXPECT_EQ(without_nested({"/a/b", "/a/bc"}), (std::vector<std::string>{"/a/b", "/a/bc"}));
}

TEST(RuntimePaths, TheInterpreterNamesItsStdlibAndTorch) {
  const auto& paths = interpreter_paths(ARBITER_PY_CONTESTANT);
  ASSERT_FALSE(paths.empty());
  for (auto& p : paths) EXPECT_TRUE(fs::path(p).is_absolute()) << p;
  auto has = [&](auto pred) { return std::any_of(paths.begin(), paths.end(), pred); };
  // The stdlib (holds os.py) and the directory holding the torch package.
  EXPECT_TRUE(has([](const std::string& p) { return fs::exists(fs::path(p) / "os.py"); }));
  EXPECT_TRUE(has([](const std::string& p) { return fs::exists(fs::path(p) / "torch" / "__init__.py"); }));
  // Every absolute symlink hop of a library the loader may open lies in the list (Debian's BLAS
  // alternatives were why the interpreter once could not start in the tree).
  if (fs::is_symlink("/etc/alternatives/libblas.so.3-x86_64-linux-gnu"))
    EXPECT_TRUE(has([](const std::string& p) { return p == "/etc/alternatives/libblas.so.3-x86_64-linux-gnu"; }));
}
