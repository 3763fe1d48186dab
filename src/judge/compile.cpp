#include "judge/compile.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "judge/embedded_kernel_h.hpp"
#include "judge/subprocess.hpp"

namespace arbiter::judge {
namespace fs = std::filesystem;

std::string compiler() {
  const char* c = std::getenv("ARBITER_CXX");
  return c && *c ? c : "g++";
}

std::string cuda_compiler() {
  if (const char* c = std::getenv("ARBITER_NVCC"); c && *c) return c;
  for (const char* home : {static_cast<const char*>(std::getenv("CUDA_HOME")), "/usr/local/cuda"})
    if (home && *home && fs::exists(fs::path(home) / "bin" / "nvcc")) return (fs::path(home) / "bin" / "nvcc").string();
  return "/usr/local/cuda/bin/nvcc";
}

// kernel.h is embedded in the binary and written next to what is compiled, so a build
// works from any install location.
fs::path include_dir() {
  fs::path dir = cache_dir() / ("include-" + sha256_hex(kEmbeddedKernelH).substr(0, 12));
  if (!fs::exists(dir / "arbiter" / "kernel.h")) {
    ensure_private_dir(dir / "arbiter");
    fs::path tmp = dir / "arbiter" / ("kernel.h." + std::to_string(::getpid()));
    std::ofstream(tmp) << kEmbeddedKernelH;
    fs::rename(tmp, dir / "arbiter" / "kernel.h");
  }
  return dir;
}

CompileResult compile_shared_object(const CompileJob& job) {
  SubprocessSpec spec;
  const fs::path inc = include_dir();
  fs::path toolkit;  // the CUDA toolkit the compiler reads (nvcc, its headers, cudart)
  if (job.cuda) {
    // The toolkit's folder is what the Landlocked compiler may read, so nvcc must be a real path.
    std::error_code ec;
    const fs::path nvcc = fs::canonical(cuda_compiler(), ec);
    if (ec) fail("no CUDA compiler: {} not found (install the CUDA toolkit or set ARBITER_NVCC)", cuda_compiler());
    toolkit = nvcc.parent_path().parent_path();
    if (job.device_code_only) spec.argv = {nvcc.string(), "-std=c++20", "-O3", "-cubin", "-I" + inc.string()};
    else
      spec.argv = {nvcc.string(), "-std=c++20", "-O3", "-shared", "-Xcompiler", "-fPIC,-fvisibility=hidden",
                   "-I" + inc.string()};
  } else {
    spec.argv = {compiler(), "-std=c++20", "-O3", "-march=native", "-fPIC", "-shared", "-fopenmp", "-pipe",
                 "-fvisibility=hidden", "-I" + inc.string()};
  }
  for (auto& f : job.extra_flags) spec.argv.push_back(f);
  spec.argv.insert(spec.argv.end(), {job.source.string(), "-o", job.output.string()});
  const fs::path work = job.output.parent_path();
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C", "TMPDIR=" + work.string()};
  spec.cwd = work.string();
  spec.time_limit_s = job.time_limit_s;
  if (job.sandboxed) {
    spec.landlock = true;
    spec.policy.read_only_paths = {"/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache", "/etc/alternatives",
                                   inc.string(), job.source.parent_path().string()};
    spec.policy.read_write_paths = {work.string(), "/dev/null"};
    if (!toolkit.empty()) spec.policy.read_only_paths.push_back(toolkit.string());
  }
  SubprocessResult r = run_subprocess(spec);
  CompileResult c;
  c.ms = r.ms;
  c.log = r.output;
  c.timed_out = r.timed_out;
  c.ok = !r.timed_out && r.exit_code == 0 && fs::exists(job.output);
  if (r.timed_out) c.log += fmt::format("\ncompilation exceeded its time limit of {:.0f} s", job.time_limit_s);
  else if (r.signal) c.log += fmt::format("\ncompiler killed by signal {} (memory or CPU limit?)", r.signal);
  return c;
}

CompileResult compile_cached(const CompileJob& job) {
  std::ifstream f(job.source, std::ios::binary);
  if (!f) fail("cannot read {}", job.source.string());
  std::stringstream ss;
  ss << f.rdbuf();
  std::string key = ss.str() + "\n" + (job.cuda ? cuda_compiler() : compiler()) + "\n" + kEmbeddedKernelH +
                    (job.device_code_only ? "\ncubin" : "");
  for (auto& fl : job.extra_flags) key += "\n" + fl;
  const fs::path dir = cache_dir() / "builds";
  ensure_private_dir(dir);
  const fs::path cached = dir / (sha256_hex(key).substr(0, 24) + job.output.extension().string());
  CompileResult r;
  if (!fs::exists(cached)) {
    CompileJob j = job;
    j.output = dir / (cached.stem().string() + "." + std::to_string(::getpid()) + ".tmp" + job.output.extension().string());
    r = compile_shared_object(j);
    if (!r.ok) return r;
    fs::rename(j.output, cached);
  }
  fs::copy_file(cached, job.output, fs::copy_options::overwrite_existing);
  r.ok = true;
  return r;
}

fs::path compiled_reference(const fs::path& source, const std::vector<std::string>& flags, double time_limit_s) {
  std::ifstream f(source, std::ios::binary);
  if (!f) fail("cannot read reference {}", source.string());
  std::stringstream ss;
  ss << f.rdbuf();
  std::string key = ss.str() + "\n" + compiler() + "\n" + kEmbeddedKernelH;
  for (auto& fl : flags) key += "\n" + fl;
  const fs::path dir = cache_dir() / "references";
  ensure_private_dir(dir);
  fs::path so = dir / (sha256_hex(key).substr(0, 24) + ".so");
  if (fs::exists(so)) return so;
  const fs::path tmp = dir / (so.stem().string() + "." + std::to_string(::getpid()) + ".tmp.so");
  CompileResult r = compile_shared_object({source, tmp, flags, time_limit_s, false});
  if (!r.ok) fail("the problem's reference {} does not compile:\n{}", source.string(), r.log);
  fs::rename(tmp, so);
  return so;
}

}  // namespace arbiter::judge
