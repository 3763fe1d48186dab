// nvcc's host and device front ends side by side (judge/nvcc_split.hpp): the
// plan from a recorded dry run, the shapes it refuses, and a real build through
// it where nvcc is installed.
#include "judge/nvcc_split.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/paths.hpp"
#include "judge/compile.hpp"
#include "judge/workdir.hpp"

namespace fs = std::filesystem;
using namespace arbiter::judge;

namespace {

// `nvcc --dryrun --keep` of CUDA 13.0 for a -shared build (a few -D flags and
// paths shortened).
constexpr const char *kDryRun = R"DRY(#$ _SPACE_= 
#$ CICC_PATH=/usr/local/cuda/bin/../nvvm/bin
#$ NVVMIR_LIBRARY_DIR=/usr/local/cuda/bin/../nvvm/libdevice
#$ LD_LIBRARY_PATH=/usr/local/cuda/bin/../lib:
#$ PATH=/cuda/nvvm/bin:/cuda/bin:/usr/bin:/bin
#$ INCLUDES="-I/cuda/t/include" 
#$ SYSTEM_INCLUDES="-isystem" "/cuda/t/include/cccl" 
#$ LIBRARIES= "-L/cuda/t/lib/stubs" "-L/cuda/t/lib"
#$ rm /w/build/nvcc-steps/submission_dlink.reg.c
#$ gcc -std=c++20 -D__CUDA_ARCH_LIST__=900 -E -x c++ -D__CUDACC__ -D__NVCC__ -fPIC -fvisibility=hidden -O3 -I"/inc" "-I/cuda/t/include" "-isystem" "/cuda/t/include/cccl" -include "cuda_runtime.h" -m64 "/w/src/submission.cu" -o "/w/build/nvcc-steps/submission.cpp4.ii" 
#$ cudafe++ --c++20 --static-host-stub --device-hidden-visibility --gnu_version=120200 --display_error_number --orig_src_file_name "/w/src/submission.cu" --orig_src_path_name "/w/src/submission.cu" --allow_managed --m64 --parse_templates --gen_c_file_name "/w/build/nvcc-steps/submission.cudafe1.cpp" --stub_file_name "submission.cudafe1.stub.c" --gen_module_id_file --module_id_file_name "/w/build/nvcc-steps/submission.module_id" "/w/build/nvcc-steps/submission.cpp4.ii" 
#$ gcc -std=c++20 -D__CUDA_ARCH__=900 -D__CUDA_ARCH_LIST__=900 -E -x c++ -DCUDA_DOUBLE_MATH_FUNCTIONS -D__CUDACC__ -D__NVCC__ -fPIC -fvisibility=hidden -O3 -I"/inc" "-I/cuda/t/include" "-isystem" "/cuda/t/include/cccl" -include "cuda_runtime.h" -m64 "/w/src/submission.cu" -o "/w/build/nvcc-steps/submission.cpp1.ii" 
#$ "$CICC_PATH/cicc" --c++20 --static-host-stub --device-hidden-visibility --gnu_version=120200 --display_error_number --orig_src_file_name "/w/src/submission.cu" --orig_src_path_name "/w/src/submission.cu" --allow_managed -arch compute_90 -m64 --no-version-ident -ftz=0 -prec_div=1 -prec_sqrt=1 -fmad=1 --include_file_name "submission.fatbin.c" -tused --module_id_file_name "/w/build/nvcc-steps/submission.module_id" --gen_c_file_name "/w/build/nvcc-steps/submission.cudafe1.c" --stub_file_name "/w/build/nvcc-steps/submission.cudafe1.stub.c" --gen_device_file_name "/w/build/nvcc-steps/submission.cudafe1.gpu" "/w/build/nvcc-steps/submission.cpp1.ii" -o "/w/build/nvcc-steps/submission.ptx"
#$ ptxas -arch=sm_90 -m64 "/w/build/nvcc-steps/submission.ptx" -o "/w/build/nvcc-steps/submission.sm_90.cubin" 
#$ fatbinary --create="/w/build/nvcc-steps/submission.fatbin" -64 --cicc-cmdline="-ftz=0 -prec_div=1 -prec_sqrt=1 -fmad=1 " "--image3=kind=elf,sm=90,file=/w/build/nvcc-steps/submission.sm_90.cubin" "--image3=kind=ptx,sm=90,file=/w/build/nvcc-steps/submission.ptx" --embedded-fatbin="/w/build/nvcc-steps/submission.fatbin.c" 
#$ gcc -std=c++20 -D__CUDA_ARCH__=900 -D__CUDA_ARCH_LIST__=900 -c -x c++ -DCUDA_DOUBLE_MATH_FUNCTIONS -fPIC -fvisibility=hidden -O3 -Wno-psabi -I"/inc" "-I/cuda/t/include" "-isystem" "/cuda/t/include/cccl" -m64 "/w/build/nvcc-steps/submission.cudafe1.cpp" -o "/w/build/nvcc-steps/submission.o" 
#$ nvlink -m64 --shared --arch=sm_90 --register-link-binaries="/w/build/nvcc-steps/submission_dlink.reg.c" "-L/cuda/t/lib/stubs" "-L/cuda/t/lib" -cpu-arch=X86_64 "/w/build/nvcc-steps/submission.o" -lcudadevrt -o "/w/build/nvcc-steps/submission_dlink.sm_90.cubin" --host-ccbin "gcc"
#$ fatbinary --create="/w/build/nvcc-steps/submission_dlink.fatbin" -64 --cicc-cmdline="-ftz=0 -prec_div=1 -prec_sqrt=1 -fmad=1 " -link "--image3=kind=elf,sm=90,file=/w/build/nvcc-steps/submission_dlink.sm_90.cubin" --embedded-fatbin="/w/build/nvcc-steps/submission_dlink.fatbin.c" 
#$ gcc -std=c++20 -D__CUDA_ARCH_LIST__=900 -c -x c++ -fPIC -DFATBINFILE="\"/w/build/nvcc-steps/submission_dlink.fatbin.c\"" -DREGISTERLINKBINARYFILE="\"/w/build/nvcc-steps/submission_dlink.reg.c\"" -I. -D__NV_EXTRA_INITIALIZATION= -D__NV_EXTRA_FINALIZATION= -D__CUDA_INCLUDE_COMPILER_INTERNAL_HEADERS__ -fPIC -fvisibility=hidden -O3 -Wno-psabi -I"/inc" "-I/cuda/t/include" "-isystem" "/cuda/t/include/cccl" -m64 "/usr/local/cuda/bin/crt/link.stub" -o "/w/build/nvcc-steps/submission_dlink.o" 
#$ g++ -D__CUDA_ARCH_LIST__=900 -fPIC -fvisibility=hidden -O3 -m64 -std=c++20 -Wl,--start-group "/w/build/nvcc-steps/submission_dlink.o" "/w/build/nvcc-steps/submission.o" -shared "-L/cuda/t/lib/stubs" "-L/cuda/t/lib" -lcudadevrt -lcudart_static -lrt -lpthread -ldl -Wl,--end-group -o "/w/build/submission.so" 
)DRY";

std::size_t count(const std::string &s, const std::string &what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

std::string replaced(std::string s, const std::string &from, const std::string &to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

}  // namespace

TEST(NvccSplit, ParsesTheDryRunsStepsAndTheirWords) {
  const std::vector<NvccStep> steps = parse_nvcc_dryrun(kDryRun);
  std::size_t assignments = 0;
  for (const NvccStep &s : steps) assignments += s.assignment ? 1 : 0;
  EXPECT_EQ(assignments, 8u);
  ASSERT_EQ(steps.size() - assignments, 12u);
  const NvccStep &cicc = steps[assignments + 4];
  ASSERT_FALSE(cicc.tokens.empty());
  EXPECT_EQ(cicc.tokens.front(),
            "$CICC_PATH/cicc");  // quotes gone, nothing expanded
  const NvccStep &dlink = steps[assignments + 10];
  EXPECT_NE(std::find(dlink.tokens.begin(), dlink.tokens.end(),
                      "-DFATBINFILE=\"/w/build/nvcc-steps/submission_dlink.fatbin.c\""),
            dlink.tokens.end());
}

TEST(NvccSplit, RunsBothFrontEndsAtOnceWithTheModuleIdWrittenFirst) {
  const std::optional<std::string> script = split_nvcc_script(parse_nvcc_dryrun(kDryRun), "_id_x", "/w/logs");
  ASSERT_TRUE(script.has_value());
  const std::string &s = *script;
  EXPECT_EQ(count(s, "--gen_module_id_file"), 0u) << s;  // cudafe++ reads the id instead
  const std::size_t id = s.find("printf '%s' '_id_x' > '/w/build/nvcc-steps/submission.module_id'");
  const std::size_t host = s.find("{ gcc ");
  const std::size_t device = s.find("} > '/w/logs/host-front-end.log' 2>&1 &");
  const std::size_t joined = s.find("wait $h");
  const std::size_t link = s.find("nvlink ");
  ASSERT_NE(id, std::string::npos) << s;
  EXPECT_LT(id, host);
  EXPECT_LT(host, s.find("cudafe++"));
  EXPECT_LT(s.find("cudafe++"), device);
  EXPECT_LT(device, s.find("\"$CICC_PATH/cicc\""));
  EXPECT_LT(s.find("fatbinary --create=\"/w/build/nvcc-steps/submission.fatbin\""), joined);
  EXPECT_LT(joined, s.find("submission.cudafe1.cpp\" -o"));
  EXPECT_LT(joined, link);
  EXPECT_EQ(count(s, " &\n"), 2u);
  EXPECT_NE(s.find("export LIBRARIES=' \"-L/cuda/t/lib/stubs\" \"-L/cuda/t/lib\"'"), std::string::npos) << s;
  EXPECT_LT(s.find("rm /w/build/nvcc-steps/submission_dlink.reg.c"), host);
}

TEST(NvccSplit, LeavesOtherShapesToNvcc) {
  const std::string dry = kDryRun;
  auto plan = [](const std::string &d) { return split_nvcc_script(parse_nvcc_dryrun(d), "_id", "/w"); };
  // No host front end (a -cubin build), or two of them.
  EXPECT_FALSE(plan(replaced(dry, "#$ cudafe++", "#$ cudafe_renamed")));
  EXPECT_FALSE(plan(dry + "#$ cudafe++ --gen_module_id_file --module_id_file_name a b\n"));
  // cudafe++ does not generate the id (so something else must), or cicc reads
  // another one.
  EXPECT_FALSE(plan(replaced(dry, " --gen_module_id_file ", " ")));
  EXPECT_FALSE(plan(replaced(dry,
                             "-tused --module_id_file_name "
                             "\"/w/build/nvcc-steps/submission.module_id\"",
                             "-tused --module_id_file_name \"/w/other.module_id\"")));
  // A device step that reads the host front end's input, or a host compile that
  // never comes.
  EXPECT_FALSE(plan(
      replaced(dry, "\"/w/build/nvcc-steps/submission.cpp1.ii\" -o", "\"/w/build/nvcc-steps/submission.cpp4.ii\" -o")));
  EXPECT_FALSE(plan(dry.substr(0, dry.find("#$ gcc -std=c++20 -D__CUDA_ARCH__=900 "
                                           "-D__CUDA_ARCH_LIST__=900 -c"))));
  // An environment setting after the first command.
  EXPECT_FALSE(plan(dry + "#$ LATE=1\n"));
  EXPECT_TRUE(plan(dry));
}

TEST(NvccSplit, ModuleIdIsAnIdentifierFromContentAndName) {
  const std::string a = nvcc_module_id("x", "sub-mission.cu");
  EXPECT_EQ(a, nvcc_module_id("x", "sub-mission.cu"));
  EXPECT_NE(a, nvcc_module_id("y", "sub-mission.cu"));
  EXPECT_TRUE(a.ends_with("_sub_mission_cu")) << a;
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '_') << a;
}

class NvccBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    std::error_code ec;
    if (!fs::exists(fs::canonical(cuda_compiler(), ec))) GTEST_SKIP() << "no nvcc on this machine";
  }
  CompileResult build(const std::string &source, bool split) {
    fs::create_directories(work_.path() / "src");
    fs::create_directories(work_.path() / (split ? "split" : "whole"));
    const fs::path src = work_.path() / "src" / "submission.cu";
    std::ofstream(src) << source;
    ::setenv("ARBITER_NVCC_SPLIT", split ? "1" : "0", 1);
    CompileJob job{src, work_.path() / (split ? "split" : "whole") / "submission.so", {"-arch=sm_90"}, 120, true, true};
    CompileResult r = compile_shared_object(job);
    ::unsetenv("ARBITER_NVCC_SPLIT");
    return r;
  }
  WorkDir work_;
};

TEST_F(NvccBuild, SplitBuildIsASharedObjectWithTheKernel) {
  const std::string source =
      arbiter::read_file(fs::path(ARBITER_SOURCE_DIR) / "examples/vectoradd/submissions/honest.cu");
  const CompileResult r = build(source, true);
  ASSERT_TRUE(r.ok) << r.log;
  EXPECT_TRUE(r.front_ends_side_by_side);  // the split ran and built it, not
                                           // nvcc after it
  const fs::path so = work_.path() / "split" / "submission.so";
  const std::string nm = "nm -D --defined-only " + so.string() + " | grep -q ' arbiter_kernel$'";
  EXPECT_EQ(std::system(nm.c_str()), 0);
  // The device code is embedded as nvcc would: the same kernel's fatbin section
  // as a whole build.
  const CompileResult whole = build(source, false);
  ASSERT_TRUE(whole.ok) << whole.log;
  EXPECT_FALSE(whole.front_ends_side_by_side);
  EXPECT_FALSE(fs::exists(work_.path() / "whole" / "nvcc-steps"));
  const std::string cmp = "cmp -s <(objdump -s -j .nv_fatbin " + so.string() +
                          " | tail -n +5) <(objdump -s -j .nv_fatbin " +
                          (work_.path() / "whole" / "submission.so").string() + " | tail -n +5)";
  EXPECT_EQ(std::system(("bash -c '" + cmp + "'").c_str()), 0);
}

TEST_F(NvccBuild, BrokenSourceGetsNvccsOwnVerdictAndWords) {
  const CompileResult r = build("#include <arbiter/kernel.h>\nint f() { return undefined_thing; }\n", true);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.timed_out);
  EXPECT_FALSE(r.front_ends_side_by_side);  // nvcc's own verdict
  EXPECT_NE(r.log.find("undefined_thing"), std::string::npos) << r.log;
  EXPECT_EQ(count(r.log, "identifier \"undefined_thing\" is undefined"), 1u) << r.log;  // not once per front end
}
