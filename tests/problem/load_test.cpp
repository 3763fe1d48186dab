#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "problem/machine_profile.hpp"
#include "problem/problem.hpp"
#include "support/problem_dir.hpp"

using namespace arbiter;
using namespace arbiter::problem;
namespace fs = std::filesystem;
using arbiter::testing::ProblemDir;

namespace {
const char* kValid = R"(name = "p"
params = ["n"]
[[inputs]]
name = "a"
dtype = "f32"
shape = ["n"]
[[outputs]]
name = "c"
dtype = "f32"
shape = ["n"]
[reference]
source = "reference.cpp"
[floor]
bytes = "8 * n"
[[tests]]
n = 3
[[benchmarks]]
n = 1000
)";

}  // namespace

TEST_F(ProblemDir, LoadsAValidProblem) {
  write(kValid);
  Problem p = load_problem(dir);
  EXPECT_EQ(p.name, "p");
  ASSERT_EQ(p.tests.size(), 1u);
  EXPECT_EQ(p.tests[0].params.at("n"), 3);
  EXPECT_EQ(p.tests[0].name, "n=3");
  EXPECT_EQ(p.inputs[0].bytes({{"n", 10}}), 40u);
  EXPECT_EQ(p.ranking, Ranking::geomean);
  MachineProfile m;
  m.bandwidth_gbs = 1000;
  EXPECT_DOUBLE_EQ(floor_ns(p, {{"n", 1000}}, m), 8000.0 / (1000 * kBandwidthMargin));
  m.bandwidth_gbs = 0.001;  // a profile taken on a busy machine never raises the floor past the minimum peak
  EXPECT_DOUBLE_EQ(floor_ns(p, {{"n", 1000}}, m), 8000.0 / kMinCpuBandwidthGbs);
}

TEST_F(ProblemDir, ErrorsNameFileLineAndField) {
  std::string e = error_of(replace(kValid, "dtype = \"f32\"\nshape = [\"n\"]\n[[outputs]]", "dtype = \"f33\"\nshape = [\"n\"]\n[[outputs]]"));
  EXPECT_NE(e.find("problem.toml:5:"), std::string::npos) << e;
  EXPECT_NE(e.find("inputs[0].dtype"), std::string::npos) << e;
  EXPECT_NE(e.find("f33"), std::string::npos) << e;
}

TEST_F(ProblemDir, SyntaxErrorsHaveLineAndColumn) {
  std::string e = error_of("name = \"p\"\nparams = [\n");
  EXPECT_NE(e.find("problem.toml:"), std::string::npos) << e;
}

TEST_F(ProblemDir, RejectsBadProblems) {
  EXPECT_NE(error_of(replace(kValid, "name = \"p\"", "nmae = \"p\"")).find("unknown key"), std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "[[tests]]\nn = 3", "[[tests]]\nm = 3")).find("not one of the problem's params"),
            std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "shape = [\"n\"]", "shape = [\"n +\"]")).find("inputs[0].shape"), std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "shape = [\"n\"]", "shape = [\"q\"]")).find("'q'"), std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "source = \"reference.cpp\"", "source = \"missing.cpp\"")).find("not found"),
            std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "source = \"reference.cpp\"", "source = \"../../etc/passwd\"")).find("inside"),
            std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "[[benchmarks]]\nn = 1000\n", "")).find("benchmarks"), std::string::npos);
  EXPECT_NE(error_of(std::string(kValid) + "[check]\nrtol = -1\n").find("check.rtol"), std::string::npos);
  EXPECT_NE(error_of(std::string(kValid) + "[limits]\nmin_runs = 10\nmax_runs = 5\n").find("max_runs"),
            std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "[[tests]]\nn = 3", "[[tests]]\nn = -3")).find("negative"), std::string::npos);
  EXPECT_NE(error_of(replace(kValid, "[[tests]]\nn = 3", "[[tests]]\nn = 3\ndistribution = \"cauchy\"")).find("cauchy"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kValid) + "[secret]\ncount = 2\n").find("secret.n"), std::string::npos);
}

TEST_F(ProblemDir, MissingFileIsAClearError) {
  fs::remove(dir / "problem.toml");
  try {
    load_problem(dir);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not found"), std::string::npos);
  }
}

TEST_F(ProblemDir, SecretCasesStayInRange) {
  write(std::string(kValid) + "[secret]\ncount = 20\nn = [5, 50]\n");
  Problem p = load_problem(dir);
  auto a = draw_secret_cases(p, 1), b = draw_secret_cases(p, 2);
  ASSERT_EQ(a.size(), 20u);
  bool differ = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_GE(a[i].params["n"], 5);
    EXPECT_LE(a[i].params["n"], 50);
    EXPECT_TRUE(a[i].secret);
    differ |= a[i].params["n"] != b[i].params["n"];
  }
  EXPECT_TRUE(differ);
}

TEST(BundledExamples, AllLoad) {
  for (const char* name : {"vectoradd", "matmul", "prefixsum"}) {
    Problem p = load_problem(fs::path(ARBITER_SOURCE_DIR) / "examples" / name);
    EXPECT_FALSE(p.tests.empty()) << name;
    EXPECT_FALSE(p.benchmarks.empty()) << name;
  }
}

// limits.cpu_s: the contestant's RLIMIT_CPU for the run (default 600 s).
TEST(Load, CpuLimitIsReadAndDefaults) {
  const fs::path corpus = fs::path(ARBITER_SOURCE_DIR) / "redteam" / "problems";
  EXPECT_EQ(load_problem(corpus / "vecadd-cpu1").limits.cpu_s, 1);
  EXPECT_EQ(load_problem(corpus / "vecadd").limits.cpu_s, 600);
}

// [baseline]: the CPU baseline defaults to the reference; a GPU one must be declared; "" turns one off.
TEST_F(ProblemDir, BaselineDefaultsToTheReferenceAndIsChecked) {
  write(kValid);
  Problem p = load_problem(dir);
  EXPECT_EQ(p.baseline_cpu, p.reference);
  EXPECT_TRUE(p.baseline_cuda.empty());

  std::ofstream(dir / "naive.cu") << "// gpu\n";
  write(std::string(kValid) + "[baseline]\ncuda = \"naive.cu\"\ncpu = \"\"\n");
  p = load_problem(dir);
  EXPECT_EQ(p.baseline_cuda, fs::absolute(dir / "naive.cu"));
  EXPECT_TRUE(p.baseline_cpu.empty());

  EXPECT_NE(error_of(std::string(kValid) + "[baseline]\ncuda = \"missing.cu\"\n").find("baseline.cuda"), std::string::npos);
  EXPECT_NE(error_of(std::string(kValid) + "[baseline]\ncuda = \"reference.cpp\"\n").find("must be a .cu file"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kValid) + "[baseline]\ncuda = \"../x.cu\"\n").find("inside the problem"),
            std::string::npos);
  EXPECT_NE(error_of(std::string(kValid) + "[baseline]\ngpu = \"naive.cu\"\n").find("gpu"), std::string::npos);
}
