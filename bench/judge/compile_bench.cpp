// A CUDA C++ submission's build, nvcc as it is vs its front ends side by side
// (judge/nvcc_split.hpp), alternating in one run. Usage: compile_bench
// [FILE.cu] [ROUNDS] [-arch=sm_XX]. Prints each build's milliseconds and the
// ratio of the medians.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/paths.hpp"
#include "judge/compile.hpp"
#include "judge/workdir.hpp"

namespace fs = std::filesystem;
using namespace arbiter::judge;

namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

int main(int argc, char **argv) {
  const fs::path file = argc > 1 && *argv[1]
                            ? fs::path(argv[1])
                            : fs::path(ARBITER_SOURCE_DIR) / "examples/vectoradd/submissions/honest.cu";
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string arch = argc > 3 ? argv[3] : "-arch=sm_90";
  WorkDir work;
  fs::create_directories(work.path() / "src");
  const fs::path src = work.path() / "src" / "submission.cu";
  fs::copy_file(file, src);
  std::vector<double> whole, split;
  fmt::print("{} ({}), {} rounds, sandboxed as a submission\n", file.string(), arch, rounds);
  fmt::print("{:>6} {:>12} {:>12}\n", "round", "nvcc ms", "split ms");
  for (int i = 0; i < rounds; ++i) {
    double ms[2] = {0, 0};
    for (int s = 0; s < 2; ++s) {
      const fs::path out = work.path() / fmt::format("b{}-{}", i, s);
      fs::create_directories(out);
      ::setenv("ARBITER_NVCC_SPLIT", s ? "1" : "0", 1);
      const CompileResult r = compile_shared_object({src, out / "submission.so", {arch}, 120, true, true});
      if (!r.ok || r.front_ends_side_by_side != (s == 1)) {
        fmt::print(stderr, "build {} failed (split {}):\n{}\n", s, r.front_ends_side_by_side, r.log);
        return 1;
      }
      ms[s] = r.ms;
    }
    whole.push_back(ms[0]);
    split.push_back(ms[1]);
    fmt::print("{:>6} {:>12.0f} {:>12.0f}\n", i + 1, ms[0], ms[1]);
  }
  fmt::print("median: nvcc {:.0f} ms, split {:.0f} ms, {:.2f}x\n", median(whole), median(split),
             median(whole) / std::max(1.0, median(split)));
}
