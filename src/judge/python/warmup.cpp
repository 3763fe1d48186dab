#include "judge/python/warmup.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "judge/python/oracle.hpp"
#include "judge/subprocess.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

namespace {
// Imports the submission as the contestant would; any exception is the build's failure.
constexpr const char* kImportScript = R"PY(
import importlib.util, sys, traceback
d = sys.argv[1]
sys.path.insert(0, d)
try:
    spec = importlib.util.spec_from_file_location("submission", d + "/submission.py")
    m = importlib.util.module_from_spec(spec)
    sys.modules["submission"] = m
    spec.loader.exec_module(m)
except BaseException:
    traceback.print_exc(limit=-6)
    sys.exit(1)
)PY";

}  // namespace

bool needs_warm_up(const std::string& source) {
  for (const char* word : {"cpp_extension", "load_inline", "triton"})
    if (source.find(word) != std::string::npos) return true;
  return false;
}

std::vector<std::string> cache_env(const fs::path& cache) {
  // CUDA_HOME set: without it, importing torch.utils.cpp_extension runs `which nvcc` (a process,
  // which the contestant may not start).
  const char* cuda = std::getenv("CUDA_HOME");
  return {"TORCH_EXTENSIONS_DIR=" + (cache / "torch_extensions").string(),
          "TRITON_CACHE_DIR=" + (cache / "triton").string(), "ARBITER_PREBUILT=1",
          std::string("CUDA_HOME=") + (cuda && *cuda ? cuda : "/usr/local/cuda")};
}

WarmUp warm_up(const fs::path& dir, const fs::path& cache, const std::vector<std::string>& read_only,
               double timeout_s, const std::string& cuda_arch) {
  for (const char* sub : {"torch_extensions", "triton", "tmp"}) fs::create_directories(cache / sub);
  SubprocessSpec spec;
  const std::string d = dir.string();
  spec.argv = {python_executable(), "-I", "-c", kImportScript, d};
  // The interpreter's own bin first: a virtual environment keeps ninja there.
  const std::string bin = fs::path(python_executable()).parent_path().string();
  spec.env = {"PATH=" + bin + ":/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/nonexistent", "PYTHONDONTWRITEBYTECODE=1",
              "PYTHONNOUSERSITE=1", "TMPDIR=" + (cache / "tmp").string(), "MAX_JOBS=2"};
  if (!cuda_arch.empty()) spec.env.push_back("TORCH_CUDA_ARCH_LIST=" + cuda_arch);
  for (auto& e : cache_env(cache)) spec.env.push_back(e);
  spec.cwd = d;
  spec.time_limit_s = timeout_s;
  spec.address_space_mb = 0;  // the compiler and torch's import reserve large ranges
  spec.file_size_mb = 1024;
  spec.max_open_files = 1024;
  spec.no_network = true;
  spec.landlock = true;
  spec.policy.read_only_paths = read_only;
  spec.policy.read_only_paths.push_back(d);
  spec.policy.read_write_paths = {cache.string(), "/dev/null"};
  spec.max_output = 1 << 20;
  SubprocessResult r = run_subprocess(spec);
  WarmUp w;
  w.seconds = r.ms / 1e3;
  w.ok = !r.timed_out && r.exit_code == 0;
  w.log = std::move(r.output);
  if (r.timed_out) w.log += fmt::format("\nthe build ran past its {:.0f} s limit", timeout_s);
  if (w.log.size() > 3000) w.log = w.log.substr(w.log.size() - 3000);  // the compiler's errors come last
  w.isolation = "own process; Landlock (writable: the cache only); rlimits; " +
                (r.network == "none" ? std::string("NO network isolation") : r.network);
  return w;
}

}  // namespace arbiter::judge::python
