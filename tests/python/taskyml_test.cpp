// The task.yml and competition-file loaders: the reference-kernels contract (defaults, list
// values, case-file lines) and errors that name the file, the line and the field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "judge/python/popcorn.hpp"
#include "problem/taskyml.hpp"

namespace fs = std::filesystem;
using namespace arbiter;

namespace {
struct TempTask {
  fs::path dir;
  TempTask() {
    dir = fs::temp_directory_path() / ("arbiter-taskyml-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir / "task");
    std::ofstream(dir / "task" / "reference.py") << "# reference\n";
    std::ofstream(dir / "eval.py") << "# eval\n";
  }
  ~TempTask() { fs::remove_all(dir); }
  fs::path write(const std::string& yml) {
    std::ofstream(dir / "task" / "task.yml") << yml;
    return dir / "task";
  }
};

const char* kFiles = R"(files:
  - {"name": "submission.py", "source": "@SUBMISSION@"}
  - {"name": "reference.py", "source": "reference.py"}
  - {"name": "eval.py", "source": "../eval.py"}
lang: "py"
config:
  main: "eval.py"
)";

std::string error_of(const fs::path& dir) {
  try {
    problem::load_task_yml(dir);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(TaskYml, DefaultsMatchReferenceKernels) {
  TempTask t;
  auto task = problem::load_task_yml(t.write(std::string(kFiles) + "tests:\n  - {\"size\": 127, \"seed\": 4242}\n"));
  EXPECT_EQ(task.lang, "py");
  EXPECT_EQ(task.main, "eval.py");
  EXPECT_EQ(task.ranking_by, problem::TaskRanking::last);
  EXPECT_EQ(task.test_timeout, 180);
  EXPECT_EQ(task.benchmark_timeout, 180);
  EXPECT_EQ(task.ranked_timeout, 180);
  EXPECT_FALSE(task.seed.has_value());
  EXPECT_FALSE(task.multi_gpu);
  EXPECT_EQ(task.check_fraction, 1.0);
  ASSERT_EQ(task.files.size(), 3u);
  EXPECT_TRUE(task.files[0].is_submission());
  EXPECT_EQ(task.reference_py(), t.dir / "task" / "reference.py");
}

TEST(TaskYml, CasesKeepOrderAndPythonStrings) {
  TempTask t;
  auto task = problem::load_task_yml(t.write(std::string(kFiles) + R"(tests:
  - {"m": [96, 128], "k": 7168, "name": "abc", "flag": true, "scale": 0.5, "seed": 1}
benchmarks:
  - {"size": 1, "seed": 2}
  - {"size": 2, "seed": 3}
ranking_by: "geom"
test_timeout: 60
seed: 77
)"));
  ASSERT_EQ(task.tests.size(), 1u);
  EXPECT_EQ(task.tests[0].spec(), "m: [96, 128]; k: 7168; name: abc; flag: True; scale: 0.5; seed: 1");
  EXPECT_EQ(task.tests[0].json(), R"({"m": [96, 128], "k": 7168, "name": "abc", "flag": true, "scale": 0.5, "seed": 1})");
  EXPECT_EQ(task.ranking_by, problem::TaskRanking::geom);
  EXPECT_EQ(task.test_timeout, 60);
  EXPECT_EQ(*task.seed, 77);
  EXPECT_EQ(task.ranked_benchmarks().size(), 2u);
  EXPECT_EQ(judge::python::case_file(task.benchmarks), "size: 1; seed: 2\nsize: 2; seed: 3\n");
}

TEST(TaskYml, RankingLastKeepsOnlyTheLastBenchmark) {
  TempTask t;
  auto task = problem::load_task_yml(t.write(std::string(kFiles) + R"(tests:
  - {"size": 1, "seed": 1}
benchmarks:
  - {"size": 1, "seed": 2}
  - {"size": 2, "seed": 3}
)"));
  auto b = task.ranked_benchmarks();
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].spec(), "size: 2; seed: 3");
}

TEST(TaskYml, ErrorsNameFileLineAndField) {
  TempTask t;
  std::string e = error_of(t.write(std::string(kFiles) + "tests:\n  - {\"size\": 1}\nranking_by: \"best\"\n"));
  EXPECT_NE(e.find("task.yml:10: field 'ranking_by'"), std::string::npos) << e;
  e = error_of(t.write(std::string(kFiles) + "tests:\n  - {\"size\": 1}\ntest_timeout: soon\n"));
  EXPECT_NE(e.find("field 'test_timeout'"), std::string::npos) << e;
  e = error_of(t.write("lang: \"py\"\nconfig: {main: eval.py}\nfiles:\n  - {\"name\": \"reference.py\", \"source\": \"reference.py\"}\ntests: [{size: 1}]\n"));
  EXPECT_NE(e.find("@SUBMISSION@"), std::string::npos) << e;
  e = error_of(t.write(std::string(kFiles) + "multi_gpu: true\ntests:\n  - {\"size\": 1}\n"));
  EXPECT_NE(e.find("world_size"), std::string::npos) << e;
  e = error_of(t.write("files:\n  - {\"name\": \"x.py\", \"source\": \"missing.py\"}\nlang: py\n"));
  EXPECT_NE(e.find("task.yml:2: field 'files[0].source'"), std::string::npos) << e;
  e = error_of(t.write("files: [\n"));
  EXPECT_NE(e.find("invalid YAML"), std::string::npos) << e;
}

TEST(TaskYml, MultiGpuCasesCarryWorldSize) {
  TempTask t;
  auto task = problem::load_task_yml(
      t.write(std::string(kFiles) + "multi_gpu: true\ntests:\n  - {\"size\": 1, \"world_size\": 8}\n"));
  EXPECT_TRUE(task.multi_gpu);
  EXPECT_EQ(task.tests[0].get("world_size")->integer, 8);
}

TEST(Competition, LoadsTheBundledSet) {
  auto c = problem::load_competition(fs::path(ARBITER_SOURCE_DIR) / "examples/taskyml/problems/cpu_examples.yaml");
  EXPECT_EQ(c.name, "cpu_examples");
  ASSERT_EQ(c.problems.size(), 3u);
  EXPECT_EQ(c.problems[0].name, "vectoradd_cpu");
  EXPECT_EQ(c.problems[0].gpus, std::vector<std::string>{"cpu"});
}

TEST(Competition, MissingDirectoryIsNamed) {
  TempTask t;
  std::ofstream(t.dir / "set.yaml") << "name: x\nproblems:\n  - {directory: nowhere, name: n}\n";
  try {
    problem::load_competition(t.dir / "set.yaml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("set.yaml:3: field 'problems[0].directory'"), std::string::npos) << e.what();
  }
}

TEST(TaskYml, BundledExamplesLoad) {
  for (auto name : {"vectoradd_cpu", "grayscale_cpu", "prefixsum_cpu"}) {
    auto task = problem::load_task_yml(fs::path(ARBITER_SOURCE_DIR) / "examples/taskyml" / name);
    EXPECT_FALSE(task.tests.empty()) << name;
    EXPECT_FALSE(task.benchmarks.empty()) << name;
  }
}
