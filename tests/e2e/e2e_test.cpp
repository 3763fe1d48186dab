// End to end: the real `arbiter` binary judging real submissions, verdicts read from the
// signed JSON report.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <signal.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Result {
  int exit_code = -1;
  nlohmann::json report;
};

std::string src(const std::string& rel) { return std::string(ARBITER_SOURCE_DIR) + "/" + rel; }

int shell(const std::string& cmd) {
  int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Result run(const std::string& problem, const std::string& submission, const std::string& mode,
           const std::string& extra = "") {
  static int counter = 0;
  fs::create_directories(ARBITER_TEST_HOME);
  const std::string out = std::string(ARBITER_TEST_HOME) + "/report-" + std::to_string(::getpid()) + "-" +
                          std::to_string(counter++) + ".json";
  const std::string cmd = std::string("ARBITER_HOME=") + ARBITER_TEST_HOME + " " + ARBITER_BIN + " run " + problem +
                          " " + submission + " --mode " + mode + " --quiet --json " + out + " " + extra;
  Result r;
  r.exit_code = shell(cmd);
  std::ifstream f(out);
  if (f) r.report = nlohmann::json::parse(f, nullptr, false);
  return r;
}

std::string verdict(const Result& r) { return r.report.is_object() ? r.report.value("verdict", "?") : "no report"; }
std::string reason(const Result& r) { return r.report.is_object() ? r.report.value("reason", "") : ""; }

const std::string kTiny = src("tests/e2e/problems/tiny");
std::string cheat(const std::string& name) { return src("tests/e2e/submissions/" + name + ".cpp"); }

}  // namespace

class Examples : public ::testing::TestWithParam<std::tuple<std::string, std::string>> {};

TEST_P(Examples, HonestPassesWrongFails) {
  auto [problem, mode] = GetParam();
  const std::string dir = src("examples/" + problem);
  Result honest = run(dir, dir + "/submissions/honest.cpp", mode);
  EXPECT_EQ(verdict(honest), "pass") << reason(honest);
  EXPECT_EQ(honest.exit_code, 0);
  if (mode != "test") {
    EXPECT_TRUE(honest.report["score_ns"].is_number());
    // The same-run baseline (the reference, timed the same way) and the speedup over it.
    EXPECT_EQ(honest.report["baseline"].value("status", ""), "pass") << honest.report["baseline"].dump();
    EXPECT_GT(honest.report["speedup"].get<double>(), 0);
    for (auto& b : honest.report["benchmarks"]) EXPECT_GT(b["speedup"].get<double>(), 0);
    for (auto& b : honest.report["benchmarks"]) {
      EXPECT_GE(b["runs"].get<int>(), 2);
      EXPECT_GE(b["checked"].get<int>(), b["runs"].get<int>());  // every timed call checked (+ warm-up)
      EXPECT_GT(b["mean_ns"].get<double>(), 0);
    }
  }
  Result wrong = run(dir, dir + "/submissions/wrong.cpp", mode);
  EXPECT_EQ(verdict(wrong), "wrong_answer") << reason(wrong);
  EXPECT_EQ(wrong.exit_code, 1);
}

INSTANTIATE_TEST_SUITE_P(AllModes, Examples,
                         ::testing::Combine(::testing::Values("vectoradd", "matmul", "prefixsum"),
                                            ::testing::Values("test", "benchmark", "leaderboard")));

TEST(Examples, SlowSubmissionPassesWithAWorseScore) {
  const std::string dir = src("examples/vectoradd");
  Result fast = run(dir, dir + "/submissions/honest.cpp", "benchmark");
  Result slow = run(dir, dir + "/submissions/slow.cpp", "benchmark");
  ASSERT_EQ(verdict(slow), "pass") << reason(slow);
  ASSERT_EQ(verdict(fast), "pass") << reason(fast);
  // ~10x apart on an idle machine; a loaded one inflates either side.
  EXPECT_GT(slow.report["score_ns"].get<double>(), 1.5 * fast.report["score_ns"].get<double>());
  // Both carry a speedup over the same baseline (the reference); the slow one's is the lower.
  EXPECT_LT(1.5 * slow.report["speedup"].get<double>(), fast.report["speedup"].get<double>());
}

// --mode profile: a benchmark run whose report also has, per shape, the bytes and FLOPs of the
// problem's [floor] and the rates achieved against the machine's peaks.
TEST(Examples, ProfileModeReportsRatesPerShape) {
  const std::string dir = src("examples/matmul");
  Result r = run(dir, dir + "/submissions/honest.cpp", "profile", "--runs 3 --no-baseline");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  EXPECT_EQ(r.report["mode"], "profile");
  ASSERT_EQ(r.report["profile"].size(), r.report["benchmarks"].size());
  const auto& row = r.report["profile"][0];
  const auto& bench = r.report["benchmarks"][0];
  EXPECT_EQ(row["shape"], bench["name"]);
  const double m = 128;  // the first benchmark: m = n = k = 128; floor bytes 4(mk + kn + mn), flops 2mnk
  EXPECT_DOUBLE_EQ(row["bytes"].get<double>(), 4 * 3 * m * m);
  EXPECT_DOUBLE_EQ(row["flops"].get<double>(), 2 * m * m * m);
  const double gflops = row["flops"].get<double>() / bench["mean_ns"].get<double>();  // relative: the report rounds
  EXPECT_NEAR(row["achieved_gflops"].get<double>(), gflops, 1e-6 * gflops);
  EXPECT_TRUE(row["bound"] == "compute" || row["bound"] == "memory");
}

// --mode ranked: test, benchmark and leaderboard in one run; the report is the leaderboard's (secret
// seed, baseline, speedup) with each phase's summary; a failure ends the run at its phase.
TEST(Examples, RankedRunsTheThreeModes) {
  const std::string dir = src("examples/vectoradd");
  Result r = run(dir, dir + "/submissions/honest.cpp", "ranked", "--runs 3");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  EXPECT_EQ(r.report["mode"], "ranked");
  ASSERT_EQ(r.report["phases"].size(), 3u);
  EXPECT_EQ(r.report["phases"][0]["mode"], "test");
  EXPECT_FALSE(r.report["phases"][0]["tests"].empty());
  EXPECT_TRUE(r.report["phases"][0]["benchmarks"].empty());
  EXPECT_EQ(r.report["phases"][1]["mode"], "benchmark");
  EXPECT_FALSE(r.report["phases"][1]["secret_seed"].get<bool>());
  EXPECT_TRUE(r.report["phases"][1]["score_ns"].is_number());
  EXPECT_EQ(r.report["phases"][2]["mode"], "leaderboard");
  EXPECT_TRUE(r.report["secret_seed"].get<bool>());
  EXPECT_EQ(r.report["score_ns"], r.report["phases"][2]["score_ns"]);
  EXPECT_TRUE(r.report["speedup"].is_number());

  Result w = run(dir, dir + "/submissions/wrong.cpp", "ranked", "--runs 3");
  EXPECT_EQ(verdict(w), "wrong_answer");
  EXPECT_EQ(reason(w).rfind("test phase: ", 0), 0u) << reason(w);
  EXPECT_EQ(w.report["phases"].size(), 1u);
}

TEST(Examples, NoBaselineLeavesTheSpeedupOut) {
  const std::string dir = src("examples/vectoradd");
  Result r = run(dir, dir + "/submissions/honest.cpp", "benchmark", "--runs 5 --no-baseline");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  EXPECT_TRUE(r.report["baseline"].is_null());
  EXPECT_TRUE(r.report["speedup"].is_null());
}

// The baseline starts beside the submission (its build and contestant while the submission
// compiles): a baseline that cannot build or crashes costs the submission nothing, and a
// submission that fails ends the baseline's contestant before any of its calls.
TEST(Examples, BrokenBaselineNeverCostsTheSubmission) {
  const fs::path dir = fs::path(ARBITER_TEST_HOME) / ("broken-baseline-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kTiny, dir, fs::copy_options::recursive);
  std::ofstream(dir / "problem.toml", std::ios::app) << "\n[baseline]\ncpu = \"baseline.cpp\"\n";
  const std::string submission = kTiny + "/reference.cpp";

  std::ofstream(dir / "baseline.cpp") << "this is not C++\n";
  Result r = run(dir.string(), submission, "benchmark");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  EXPECT_EQ(r.report["baseline"].value("status", ""), "compile_error") << r.report["baseline"].dump();
  EXPECT_TRUE(r.report["speedup"].is_null());

  std::ofstream(dir / "baseline.cpp") << "#include <arbiter/kernel.h>\n#include <cstdlib>\n"
                                         "ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) { std::abort(); }\n";
  r = run(dir.string(), submission, "benchmark");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  EXPECT_EQ(r.report["baseline"].value("status", ""), "crash") << r.report["baseline"].dump();

  r = run(dir.string(), cheat("crash"), "benchmark");
  EXPECT_EQ(verdict(r), "crash") << reason(r);
  EXPECT_TRUE(r.report["baseline"].is_null());
  fs::remove_all(dir);
}

TEST(Cheats, WrongAfterFifthCallIsCaught) {
  Result r = run(kTiny, cheat("wrong_after_5_calls"), "benchmark");
  EXPECT_EQ(verdict(r), "wrong_answer") << reason(r);
}

TEST(Cheats, WrongOnFivePercentOfCallsIsCaught) {
  // Every call is checked: 400 calls leave a 5 %-cheater a (0.95)^400 ≈ 1e-9 chance.
  Result r = run(kTiny, cheat("wrong_5_percent"), "benchmark", "--runs 400");
  EXPECT_EQ(verdict(r), "wrong_answer") << reason(r);
}

TEST(Cheats, WritingInputsFaults) {
  Result r = run(kTiny, cheat("writes_input"), "test");
  EXPECT_EQ(verdict(r), "crash") << reason(r);
  EXPECT_NE(reason(r).find("read-only"), std::string::npos) << reason(r);
}

TEST(Cheats, OutputFinishedByAThreadAfterReturnIsRejected) {
  Result r = run(kTiny, cheat("late_thread"), "test");
  EXPECT_EQ(verdict(r), "rejected") << reason(r);
  EXPECT_NE(reason(r).find("after the call returned"), std::string::npos) << reason(r);
}

TEST(Cheats, HangIsATimeout) {
  Result r = run(kTiny, cheat("hang"), "test");
  EXPECT_EQ(verdict(r), "timeout") << reason(r);
}

TEST(Cheats, CrashIsACrash) {
  Result r = run(kTiny, cheat("crash"), "test");
  EXPECT_EQ(verdict(r), "crash") << reason(r);
  EXPECT_NE(reason(r).find("SIGSEGV"), std::string::npos) << reason(r);
}

TEST(Cheats, ExitingDuringACallIsACrash) {
  Result r = run(kTiny, cheat("exit_early"), "test");
  EXPECT_EQ(verdict(r), "crash") << reason(r);
}

TEST(Cheats, ForkIsASandboxViolation) {
  Result r = run(kTiny, cheat("forks"), "test");
  EXPECT_EQ(verdict(r), "rejected") << reason(r);
  EXPECT_NE(reason(r).find("sandbox: syscall"), std::string::npos) << reason(r);
}

TEST(Cheats, ForgedDoneFrameIsRejected) {
  Result r = run(kTiny, cheat("forged_done"), "test");
  EXPECT_EQ(verdict(r), "rejected") << reason(r);
  EXPECT_NE(reason(r).find("protocol"), std::string::npos) << reason(r);
}

TEST(Cheats, FloodingTheChannelIsRejected) {
  Result r = run(kTiny, cheat("flood"), "test");
  EXPECT_EQ(verdict(r), "rejected") << reason(r);
}

TEST(Cheats, BackgroundCpuBetweenCallsIsRejected) {
  Result r = run(kTiny, cheat("background_spin"), "benchmark");
  EXPECT_EQ(verdict(r), "rejected") << reason(r);
  EXPECT_NE(reason(r).find("background"), std::string::npos) << reason(r);
}

TEST(Cheats, CompileErrorCarriesTheCompilerMessage) {
  Result r = run(kTiny, cheat("does_not_compile"), "test");
  EXPECT_EQ(verdict(r), "compile_error");
  EXPECT_NE(reason(r).find("error"), std::string::npos) << reason(r);
}

TEST(Cheats, CompilerCannotReadJudgeFiles) {
  Result r = run(kTiny, cheat("includes_secret"), "test");
  EXPECT_EQ(verdict(r), "compile_error");
  EXPECT_EQ(reason(r).find("root:"), std::string::npos) << reason(r);
  EXPECT_NE(reason(r).find("Permission denied"), std::string::npos) << reason(r);
}

TEST(Cheats, SandboxDeniesReadingHostFiles) {
  Result r = run(kTiny, cheat("reads_key"), "test");
  EXPECT_EQ(verdict(r), "pass") << reason(r);  // the open failed; error code 77 would mean it succeeded
}

TEST(Cheats, WritingPastAnOutputHitsTheCanary) {
  Result r = run(kTiny, cheat("writes_past_output"), "test");
  EXPECT_EQ(verdict(r), "rejected") << reason(r);
  EXPECT_NE(reason(r).find("past the end of output 'c'"), std::string::npos) << reason(r);
}

TEST(Backends, CudaSubmissionWithoutAGpuSaysSo) {
  // CI has no GPU: a .cu submission must end with a clear error, not a crash (on the GPU host it
  // runs: docs/gpu-results.md).
  const std::string dir = src("examples/vectoradd");
  Result r = run(dir, dir + "/submissions/honest.cu", "test");
  if (verdict(r) == "pass") GTEST_SKIP() << "this machine has a GPU";
  EXPECT_EQ(verdict(r), "error") << reason(r);
  EXPECT_NE(reason(r).find("needs a CUDA device"), std::string::npos) << reason(r);
}

TEST(Backends, KernelsOnlySubmissionRunsAtTheDeviceTrustLevel) {
  // A .cu of kernels only, against a problem with [launch]: the device level, chosen by itself.
  const std::string dir = src("examples/vectoradd");
  Result r = run(dir, dir + "/submissions/kernels.cu", "test");
  EXPECT_EQ(r.report["trust_level"], "device");
  if (verdict(r) == "pass") GTEST_SKIP() << "this machine has a GPU";
  EXPECT_NE(reason(r).find("needs a CUDA device"), std::string::npos) << reason(r);
  // Without [launch] there is no device level: a usage error that says why.
  const std::string bin = std::string("ARBITER_HOME=") + ARBITER_TEST_HOME + " " + ARBITER_BIN;
  EXPECT_EQ(shell(bin + " run " + src("examples/matmul") + " " + dir + "/submissions/kernels.cu --trust device 2>/dev/null"), 3);
  EXPECT_EQ(shell(bin + " run " + dir + " " + dir + "/submissions/honest.cpp --trust device 2>/dev/null"), 3);
  EXPECT_EQ(shell(bin + " run " + dir + " " + dir + "/submissions/honest.cpp --trust sideways 2>/dev/null"), 3);
}

TEST(Reports, TamperedReportFailsVerify) {
  Result r = run(kTiny, src("examples/vectoradd/submissions/honest.cpp"), "benchmark");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  const std::string path = std::string(ARBITER_TEST_HOME) + "/tamper-" + std::to_string(::getpid()) + ".json";
  std::ofstream(path) << r.report.dump();
  const std::string verify = std::string("ARBITER_HOME=") + ARBITER_TEST_HOME + " " + ARBITER_BIN + " verify ";
  EXPECT_EQ(shell(verify + path + " >/dev/null"), 0);
  auto changed = r.report;
  changed["score_ns"] = 1.0;
  std::ofstream(path) << changed.dump();
  EXPECT_EQ(shell(verify + path + " >/dev/null"), 1);
  changed = r.report;
  changed["benchmarks"][0]["mean_ns"] = 2.0;
  std::ofstream(path) << changed.dump();
  EXPECT_EQ(shell(verify + path + " >/dev/null"), 1);
  // A valid signature from a key the verifier does not trust.
  EXPECT_EQ(shell(verify + path + " --trusted-key " + std::string(64, '0') + " >/dev/null"), 1);
  std::ofstream(path) << r.report.dump();
  EXPECT_EQ(shell(verify + path + " --trusted-key " + std::string(64, '0') + " >/dev/null"), 2);
  fs::remove(path);
}

TEST(Reports, FieldsOfTheFormat) {
  Result r = run(kTiny, src("examples/vectoradd/submissions/honest.cpp"), "leaderboard");
  ASSERT_EQ(verdict(r), "pass") << reason(r);
  for (const char* f : {"format", "arbiter", "problem", "mode", "submission_sha256", "verdict", "reason", "tests",
                        "benchmarks", "score_ns", "signature", "key_id", "public_key", "sandbox", "timing",
                        "trust_level", "hygiene_reruns"})
    EXPECT_TRUE(r.report.contains(f)) << f;
  EXPECT_EQ(r.report["trust_level"], "host");
  // Every passing test was re-run once on its last inputs under the other poison.
  EXPECT_EQ(r.report["hygiene_reruns"].get<std::size_t>(), r.report["tests"].size());
  EXPECT_TRUE(r.report["secret_seed"].get<bool>());
  EXPECT_TRUE(r.report["sandbox"]["seccomp"].get<bool>());
  for (const char* f : {"runs", "mean_ns", "median_ns", "min_ns", "max_ns", "std_ns", "rel_err"})
    EXPECT_TRUE(r.report["benchmarks"][0].contains(f)) << f;
}

TEST(Cli, BadInputGetsAClearError) {
  const std::string bin = std::string("ARBITER_HOME=") + ARBITER_TEST_HOME + " " + ARBITER_BIN;
  EXPECT_EQ(shell(bin + " run /nonexistent " + cheat("crash") + " 2>/dev/null"), 3);
  EXPECT_EQ(shell(bin + " run " + kTiny + " /nonexistent.cpp 2>/dev/null"), 3);
  EXPECT_EQ(shell(bin + " run " + kTiny + " " + cheat("crash") + " --mode fastest 2>/dev/null"), 3);
  EXPECT_EQ(shell(bin + " verify /nonexistent 2>/dev/null >/dev/null"), 3);
}

TEST(Failures, KilledJudgeLeavesNoContestant) {
  // Start a judge on a hanging submission, find its contestant, kill the judge with SIGKILL.
  pid_t judge = ::fork();
  if (judge == 0) {
    ::setenv("ARBITER_HOME", ARBITER_TEST_HOME, 1);
    ::execl(ARBITER_BIN, "arbiter", "run", kTiny.c_str(), cheat("hang").c_str(), "--quiet", "--json", "/dev/null",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  pid_t contestant = -1;
  for (int i = 0; i < 300 && contestant < 0; ++i) {
    ::usleep(50000);
    for (auto& e : fs::directory_iterator("/proc")) {
      std::ifstream st(e.path() / "stat");
      std::string line;
      if (!st || !std::getline(st, line)) continue;
      auto close = line.rfind(')');
      if (close == std::string::npos) continue;
      std::istringstream rest(line.substr(close + 2));
      char state;
      int ppid;
      rest >> state >> ppid;
      std::ifstream cmd(e.path() / "cmdline");
      std::string argv((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
      if (ppid == judge && argv.find("contestant") != std::string::npos)
        contestant = std::stoi(e.path().filename().string());
    }
  }
  ASSERT_GT(contestant, 0) << "no contestant appeared";
  ::kill(judge, SIGKILL);
  ::waitpid(judge, nullptr, 0);
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    ::usleep(20000);
    std::ifstream st("/proc/" + std::to_string(contestant) + "/stat");
    std::string line;
    gone = !st || !std::getline(st, line) || line.find(") Z ") != std::string::npos;
  }
  EXPECT_TRUE(gone) << "contestant " << contestant << " outlived its judge";
}
