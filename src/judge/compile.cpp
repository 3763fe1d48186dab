#include "judge/compile.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <optional>
#include <fstream>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"
#include "judge/embedded_kernel_h.hpp"
#include "judge/nvcc_split.hpp"
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

namespace {
// A name no other process or thread writes at the same time: the submission builds in a thread
// while the main thread builds the reference, and both may fill the cache.
std::string unique_suffix() {
  static std::atomic<unsigned> next{0};
  return std::to_string(::getpid()) + "-" + std::to_string(next++);
}
}  // namespace

// kernel.h is embedded in the binary and written next to what is compiled, so a build
// works from any install location.
fs::path include_dir() {
  fs::path dir = cache_dir() / ("include-" + sha256_hex(kEmbeddedKernelH).substr(0, 12));
  if (!fs::exists(dir / "arbiter" / "kernel.h")) {
    ensure_private_dir(dir / "arbiter");
    const fs::path tmp = dir / "arbiter" / ("kernel.h." + unique_suffix());
    std::ofstream out(tmp);
    out << kEmbeddedKernelH;
    out.close();
    if (!out) fail("cannot write {}", tmp.string());
    fs::rename(tmp, dir / "arbiter" / "kernel.h");
  }
  return dir;
}

namespace {

// The compiler's process for one job: its command line, environment and Landlock policy.
SubprocessSpec compile_spec(const CompileJob& job) {
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
  spec.cancel = job.cancel;
  if (job.sandboxed) {
    spec.landlock = true;
    spec.policy.read_only_paths = {"/usr", "/lib", "/lib64", "/bin", "/etc/ld.so.cache", "/etc/alternatives",
                                   inc.string(), job.source.parent_path().string()};
    spec.policy.read_write_paths = {work.string(), "/dev/null"};
    if (!toolkit.empty()) spec.policy.read_only_paths.push_back(toolkit.string());
  }
  return spec;
}

// The compiler's run; a sandbox that cannot be set up is the machine's fault, not the submission's.
SubprocessResult run_compiler(const SubprocessSpec& spec) {
  SubprocessResult r = run_subprocess(spec);
  if (!r.setup_failure.empty()) fail("the compiler could not be started: {}", r.setup_failure);
  return r;
}

CompileResult compile_result(const SubprocessResult& r, const CompileJob& job) {
  CompileResult c;
  c.ms = r.ms;
  c.log = r.output;
  c.timed_out = r.timed_out;
  c.cancelled = r.cancelled;
  c.ok = !r.timed_out && !r.cancelled && r.exit_code == 0 && fs::exists(job.output);
  if (r.cancelled) c.log += "\ncompilation stopped: the run ended before it";
  else if (r.timed_out) c.log += fmt::format("\ncompilation exceeded its time limit of {:.0f} s", job.time_limit_s);
  else if (r.signal) c.log += fmt::format("\ncompiler killed by signal {} (memory or CPU limit?)", r.signal);
  return c;
}

bool split_nvcc_enabled() {
  const char* v = std::getenv("ARBITER_NVCC_SPLIT");
  return !v || std::string_view(v) != "0";
}

// nvcc's own steps with its host and device front ends side by side (nvcc_split.hpp); nullopt
// where its dry run has another shape or the build fails, so nvcc itself gives the verdict and
// its words: the split may only make a build faster, never turn a good one bad.
std::optional<CompileResult> compile_split(const CompileJob& job, SubprocessSpec spec, double& spent_ms) {
  const fs::path steps_dir = job.output.parent_path() / "nvcc-steps";
  fs::create_directories(steps_dir);
  SubprocessSpec dry = spec;
  dry.argv.insert(dry.argv.begin() + 1, {"--dryrun", "--keep", "--keep-dir", steps_dir.string()});
  const SubprocessResult d = run_compiler(dry);
  spent_ms += d.ms;
  if (d.cancelled) return compile_result(d, job);
  if (d.exit_code != 0 || d.output.size() >= dry.max_output) return std::nullopt;
  const std::vector<NvccStep> steps = parse_nvcc_dryrun(d.output);
  const auto writes_output = [&](const NvccStep& s) {
    return std::find(s.tokens.begin(), s.tokens.end(), job.output.string()) != s.tokens.end();
  };
  if (steps.empty() || !writes_output(steps.back())) return std::nullopt;  // a dry run cut short
  const std::optional<std::string> script = split_nvcc_script(
      steps, nvcc_module_id(read_file(job.source), job.source.filename().string()), steps_dir.string());
  if (!script) return std::nullopt;
  spec.argv = {"/bin/sh", "-c", *script};
  spec.time_limit_s = std::max(1.0, job.time_limit_s - spent_ms / 1000);
  CompileResult c = compile_result(run_compiler(spec), job);
  spent_ms += c.ms;
  c.ms = spent_ms;
  c.front_ends_side_by_side = true;
  if (c.ok || c.timed_out || c.cancelled) return c;
  return std::nullopt;
}

}  // namespace

CompileResult compile_shared_object(const CompileJob& job) {
  SubprocessSpec spec = compile_spec(job);
  double spent_ms = 0;
  if (job.cuda && !job.device_code_only && split_nvcc_enabled()) {
    if (std::optional<CompileResult> c = compile_split(job, spec, spent_ms)) return *c;
    spec.time_limit_s = std::max(1.0, job.time_limit_s - spent_ms / 1000);
  }
  CompileResult c = compile_result(run_compiler(spec), job);
  c.ms += spent_ms;
  return c;
}

CompileResult compile_cached(const CompileJob& job) {
  std::string key = read_file(job.source) + "\n" + (job.cuda ? cuda_compiler() : compiler()) + "\n" + kEmbeddedKernelH +
                    (job.device_code_only ? "\ncubin" : "");
  for (auto& fl : job.extra_flags) key += "\n" + fl;
  const fs::path dir = cache_dir() / "builds";
  ensure_private_dir(dir);
  const fs::path cached = dir / (sha256_hex(key).substr(0, 24) + job.output.extension().string());
  CompileResult r;
  if (!fs::exists(cached)) {
    CompileJob j = job;
    j.output = dir / (cached.stem().string() + "." + unique_suffix() + ".tmp" + job.output.extension().string());
    r = compile_shared_object(j);
    if (!r.ok) return r;
    fs::rename(j.output, cached);
  }
  fs::copy_file(cached, job.output, fs::copy_options::overwrite_existing);
  r.ok = true;
  return r;
}

fs::path compiled_reference(const fs::path& source, const std::vector<std::string>& flags, double time_limit_s) {
  std::string key = read_file(source) + "\n" + compiler() + "\n" + kEmbeddedKernelH;
  for (auto& fl : flags) key += "\n" + fl;
  const fs::path dir = cache_dir() / "references";
  ensure_private_dir(dir);
  fs::path so = dir / (sha256_hex(key).substr(0, 24) + ".so");
  if (fs::exists(so)) return so;
  const fs::path tmp = dir / (so.stem().string() + "." + unique_suffix() + ".tmp.so");
  CompileResult r = compile_shared_object({source, tmp, flags, time_limit_s, false});
  if (!r.ok) fail("the problem's reference {} does not compile:\n{}", source.string(), r.log);
  fs::rename(tmp, so);
  return so;
}

}  // namespace arbiter::judge
