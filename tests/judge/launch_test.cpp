// The device trust level's judge side: [launch] in problem.toml, the per-case launch plan, the
// knobs a submission reports, and which trust level a submission runs at.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "judge/launch_plan.hpp"
#include "judge/trust_level.hpp"
#include "problem/problem.hpp"
#include "support/problem_dir.hpp"

using namespace arbiter;
namespace fs = std::filesystem;

namespace {

const std::string kBase = R"(name = "vadd"
params = ["n"]
[[inputs]]
name = "a"
dtype = "f32"
shape = ["n"]
[[inputs]]
name = "b"
dtype = "f32"
shape = ["n"]
[[outputs]]
name = "c"
dtype = "f32"
shape = ["n"]
[reference]
source = "reference.cpp"
[[tests]]
n = 3
[[benchmarks]]
n = 1000
)";

const char* kLaunch = R"(
[launch]
knobs = { BLOCK = 256 }
[[launch.kernels]]
name = "vectoradd"
grid = ["(n + BLOCK - 1) / BLOCK"]
block = ["BLOCK"]
shared_bytes = "BLOCK * 4"
args = ["a", "b", "c", "n:i32", "n * 2"]
)";

class LaunchTest : public arbiter::testing::ProblemDir {
 protected:
  problem::Problem load(const std::string& extra) { return ProblemDir::load(kBase + extra); }
  std::string error_of(const std::string& extra) { return ProblemDir::error_of(kBase + extra); }
  fs::path file(const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  }
};

}  // namespace

TEST_F(LaunchTest, ParsesKernelsKnobsAndArguments) {
  const problem::Problem p = load(kLaunch);
  ASSERT_TRUE(p.launch);
  ASSERT_EQ(p.launch->kernels.size(), 1u);
  const auto& k = p.launch->kernels[0];
  EXPECT_EQ(k.kernel, "vectoradd");
  ASSERT_EQ(k.args.size(), 5u);
  EXPECT_EQ(k.args[0].kind, problem::LaunchArg::Kind::input);
  EXPECT_EQ(k.args[1].tensor, 1u);
  EXPECT_EQ(k.args[2].kind, problem::LaunchArg::Kind::output);
  EXPECT_EQ(k.args[3].type, problem::ScalarType::i32);
  EXPECT_EQ(k.args[4].type, problem::ScalarType::i64);
  ASSERT_EQ(p.launch->knobs.size(), 1u);
  EXPECT_EQ(p.launch->knobs[0].second, 256);
  EXPECT_FALSE(load("").launch);
}

TEST_F(LaunchTest, BadDescriptionsNameTheField) {
  std::string e = error_of(replace(kLaunch, "\"n:i32\"", "\"m:i32\""));
  EXPECT_NE(e.find("launch.kernels[0].args"), std::string::npos) << e;
  EXPECT_NE(e.find("'m'"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "n:i32", "n:f16"));
  EXPECT_NE(e.find("unknown scalar type 'f16'"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "block = [\"BLOCK\"]\n", ""));
  EXPECT_NE(e.find("launch.kernels[0].block"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "grid = [\"(n + BLOCK - 1) / BLOCK\"]", "grid = [1, 1, 1, 1]"));
  EXPECT_NE(e.find("1 to 3 dimensions"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "knobs = { BLOCK = 256 }", "knobs = { n = 256 }"));
  EXPECT_NE(e.find("already a param"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "name = \"vectoradd\"", "name = \"vector add\""));
  EXPECT_NE(e.find("C identifier"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "args = [", "argz = [1]\nargs = ["));
  EXPECT_NE(e.find("launch.kernels[0].argz"), std::string::npos) << e;
  e = error_of("\n[launch]\nrequired = true\n");
  EXPECT_NE(e.find("launch.kernels"), std::string::npos) << e;
  e = error_of(replace(kLaunch, "shared_bytes = \"BLOCK * 4\"", "shared_bytes = \"BLOCK *\""));
  EXPECT_NE(e.find("launch.kernels[0].shared_bytes"), std::string::npos) << e;
}

TEST_F(LaunchTest, PlanEvaluatesEveryExpressionPerCase) {
  const problem::Problem p = load(kLaunch);
  const problem::Params knobs = judge::knob_values(*p.launch, "");
  nlohmann::json plan = judge::plan_launch(*p.launch, {{"n", 1000}}, knobs, 1);
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0]["kernel"], 0);
  EXPECT_EQ(plan[0]["grid"], nlohmann::json({4, 1, 1}));
  EXPECT_EQ(plan[0]["block"], nlohmann::json({256, 1, 1}));
  EXPECT_EQ(plan[0]["shared"], 1024);
  EXPECT_EQ(plan[0]["args"], nlohmann::json::parse(R"([["in",0],["in",1],["out",0],["i32",1000],["i64",2000]])"));
  // The submission's knob changes the launch.
  std::vector<std::string> set;
  const problem::Params mine = judge::knob_values(*p.launch, R"({"BLOCK":128})", &set);
  EXPECT_EQ(set, std::vector<std::string>{"BLOCK"});
  EXPECT_EQ(judge::plan_launch(*p.launch, {{"n", 1000}}, mine, 1)[0]["grid"], nlohmann::json({8, 1, 1}));
  // Nothing to do for an empty shape: the launch is left out.
  EXPECT_TRUE(judge::plan_launch(*p.launch, {{"n", 0}}, knobs, 1).empty());
}

TEST_F(LaunchTest, ScratchBuffersAreSizedPerCaseAndPassedAfterTheOutputs) {
  const std::string with_scratch = replace(kLaunch, "[[launch.kernels]]",
                                           "[[launch.scratch]]\nname = \"partials\"\nbytes = \"4 * ((n + 255) / 256)\"\n"
                                           "[[launch.kernels]]");
  const problem::Problem p = load(replace(with_scratch, "\"n * 2\"]", "\"n * 2\", \"partials\"]"));
  ASSERT_EQ(p.launch->scratch.size(), 1u);
  EXPECT_EQ(judge::scratch_bytes(*p.launch, {{"n", 1000}}), std::vector<std::size_t>{16});
  const nlohmann::json plan = judge::plan_launch(*p.launch, {{"n", 1000}}, judge::knob_values(*p.launch, ""), 1);
  EXPECT_EQ(plan[0]["args"].back(), nlohmann::json({"out", 1}));
  // Knobs are not known when memory is laid out: scratch sizes take params only.
  std::string e = error_of(replace(with_scratch, "4 * ((n + 255) / 256)", "4 * BLOCK"));
  EXPECT_NE(e.find("launch.scratch[0].bytes"), std::string::npos) << e;
  e = error_of(replace(with_scratch, "name = \"partials\"", "name = \"c\""));
  EXPECT_NE(e.find("already a tensor"), std::string::npos) << e;
}

TEST_F(LaunchTest, ImpossibleLaunchesAreErrorsWithTheValues) {
  const problem::Problem p = load(kLaunch);
  auto err = [&](const problem::Params& params, const problem::Params& knobs) -> std::string {
    try {
      judge::plan_launch(*p.launch, params, knobs, 1);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  std::string e = err({{"n", 1000}}, {{"BLOCK", 2048}});
  EXPECT_NE(e.find("more than 1024 threads"), std::string::npos) << e;
  EXPECT_NE(e.find("BLOCK=2048"), std::string::npos) << e;
  e = err({{"n", int64_t{1} << 33}}, {{"BLOCK", 256}});
  EXPECT_NE(e.find("does not fit i32"), std::string::npos) << e;
  e = err({{"n", 10}}, {{"BLOCK", 0}});
  EXPECT_NE(e.find("division by zero"), std::string::npos) << e;
  e = err({{"n", 10}}, {{"BLOCK", -32}});
  EXPECT_NE(e.find("negative"), std::string::npos) << e;
}

TEST_F(LaunchTest, KnobRepliesAreValidated) {
  const problem::Problem p = load(kLaunch);
  EXPECT_THROW(judge::knob_values(*p.launch, "[1]"), Error);
  EXPECT_THROW(judge::knob_values(*p.launch, R"({"OTHER":1})"), Error);
  EXPECT_THROW(judge::knob_values(*p.launch, R"({"BLOCK":"big"})"), Error);
  EXPECT_THROW(judge::knob_values(*p.launch, "not json"), Error);
  const std::string spec = judge::device_load_spec(*p.launch);
  EXPECT_EQ(nlohmann::json::parse(spec), nlohmann::json::parse(R"({"kernels":["vectoradd"],"knobs":["BLOCK"]})"));
}

TEST_F(LaunchTest, TrustLevelFollowsTheFileAndTheProblem) {
  using judge::TrustLevel;
  const problem::Problem with = load(kLaunch);
  const problem::Problem without = load("");
  const fs::path kernels = file("k.cu", "extern \"C\" __global__ void vectoradd() {}\n");
  const fs::path host = file("h.cu", "ARBITER_KERNEL int arbiter_kernel(const arbiter_args*) { return 0; }\n");
  const fs::path cpp = file("h.cpp", "int x;\n");
  const fs::path mentions = file("m.cu", "// no arbiter_kernel here\n/* arbiter_kernel */ const char* s = \"arbiter_kernel\";\n"
                                         "extern \"C\" __global__ void vectoradd() {}\n");
  EXPECT_EQ(judge::resolve_trust_level(with, kernels.string(), "auto"), TrustLevel::device);
  EXPECT_EQ(judge::resolve_trust_level(with, host.string(), "auto"), TrustLevel::host);
  EXPECT_EQ(judge::resolve_trust_level(with, mentions.string(), "auto"), TrustLevel::device);
  EXPECT_EQ(judge::resolve_trust_level(with, host.string(), "device"), TrustLevel::device);
  EXPECT_EQ(judge::resolve_trust_level(with, "x.cubin", "auto"), TrustLevel::device);
  EXPECT_EQ(judge::resolve_trust_level(without, kernels.string(), "auto"), TrustLevel::host);
  EXPECT_EQ(judge::resolve_trust_level(with, cpp.string(), "auto"), TrustLevel::host);
  EXPECT_THROW(judge::resolve_trust_level(without, kernels.string(), "device"), Error);  // no [launch]
  EXPECT_THROW(judge::resolve_trust_level(with, cpp.string(), "device"), Error);         // C++ on the CPU
  EXPECT_THROW(judge::resolve_trust_level(with, "x.ptx", "host"), Error);                // device code only
  EXPECT_THROW(judge::resolve_trust_level(with, host.string(), "sideways"), Error);
  const problem::Problem required = load(replace(kLaunch, "[launch]\n", "[launch]\nrequired = true\n"));
  EXPECT_EQ(judge::resolve_trust_level(required, host.string(), "auto"), TrustLevel::device);
  EXPECT_THROW(judge::resolve_trust_level(required, host.string(), "host"), Error);
  EXPECT_THROW(judge::resolve_trust_level(required, cpp.string(), "auto"), Error);
}
