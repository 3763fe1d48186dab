#include "judge/python/warmup.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "judge/python/oracle.hpp"
#include "judge/python/runtime_paths.hpp"

namespace arbiter::judge::python {
namespace fs = std::filesystem;

bool needs_warm_up(const std::string& source) {
  for (const char* word : {"cpp_extension", "load_inline", "triton", "torch.compile", "_inductor", "@compile",
                           "cupy", "numba", "cuda.jit"})
    if (source.find(word) != std::string::npos) return true;
  return false;
}

std::vector<std::string> cache_env(const fs::path& cache) {
  // CUDA_HOME set: without it, importing torch.utils.cpp_extension runs `which nvcc`.
  // One Inductor compile thread: its worker pool would be processes in the timed contestant.
  const char* cuda = std::getenv("CUDA_HOME");
  return {"TORCH_EXTENSIONS_DIR=" + (cache / "torch_extensions").string(),
          "TRITON_CACHE_DIR=" + (cache / "triton").string(),
          "TRITON_HOME=" + (cache / "triton_home").string(),
          "TORCHINDUCTOR_CACHE_DIR=" + (cache / "inductor").string(),
          "TORCHINDUCTOR_COMPILE_THREADS=1",
          "ARBITER_TOOL_QUERIES=" + (cache / "tool_queries.json").string(),
          std::string("CUDA_HOME=") + (cuda && *cuda ? cuda : "/usr/local/cuda")};
}

SpawnOptions builder_options(const SpawnOptions& timed, const fs::path& cache, const std::vector<std::string>& extra_ro,
                             const std::string& cuda_arch) {
  // Writable by the builder's id (a root judge maps it to nobody); the judge's work dir above is
  // private to the judge, so nobody else reaches these.
  fs::permissions(cache, fs::perms::all);
  for (const char* sub : {"torch_extensions", "triton", "triton_home", "inductor", "tmp"}) {
    fs::create_directories(cache / sub);
    fs::permissions(cache / sub, fs::perms::all);
  }
  SpawnOptions b = timed;  // already carries cache_env(cache)
  b.contestant_flags.push_back("--build");
  std::erase(b.read_only_paths, cache.string());  // bound writable instead
  b.writable_dirs.push_back(cache.string());
  for (auto& p : extra_ro) b.read_only_paths.push_back(p);
  // Tools named by those paths; Debian reaches c++, cc and which through /etc/alternatives.
  for (const char* p : {"/bin", "/sbin", "/etc/alternatives"}) b.read_only_paths.push_back(p);
  b.read_write_paths.push_back("/dev/null");  // ninja's children read it, compilers write to it
  b.pids_max = 512;  // ninja, g++, ptxas and their children
  const char* cuda = std::getenv("CUDA_HOME");
  const std::string cuda_home = cuda && *cuda ? cuda : "/usr/local/cuda";
  if (fs::exists(cuda_home)) b.read_only_paths.push_back(cuda_home);
  // The interpreter's own bin first: a virtual environment keeps ninja there. TMPDIR in the
  // cache: the private /tmp is small and mounted noexec, and compilers load what they build.
  const std::string interpreter_bin = fs::path(python_executable()).parent_path().string();
  b.extra_env.push_back("PATH=" + interpreter_bin + ":" + cuda_home + "/bin:/usr/bin:/bin");
  b.extra_env.push_back("TMPDIR=" + (cache / "tmp").string());
  b.extra_env.push_back("MAX_JOBS=4");
  b.extra_env.push_back("ARBITER_WARM_UP=1");  // harness.py records the compilers' tool queries
  // Build tools that run sys.executable get the interpreter this contestant embeds, not its binary.
  b.extra_env.push_back("ARBITER_SYS_EXECUTABLE=" + python_executable());
  if (!cuda_arch.empty()) b.extra_env.push_back("TORCH_CUDA_ARCH_LIST=" + cuda_arch);
  b.read_only_paths = without_nested(b.read_only_paths);
  return b;
}

std::string cache_listing(const fs::path& cache) {
  std::vector<std::string> lines;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(cache, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string rel = fs::relative(it->path(), cache, ec).string();
    if (rel.rfind("tmp/", 0) == 0) continue;  // the compilers' scratch
    lines.push_back(rel + " " + std::to_string(it->file_size(ec)));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (auto& l : lines) out += l + "\n";
  return out;
}

namespace {
uint64_t tree_bytes(const fs::path& dir) {
  uint64_t n = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (it->is_regular_file(ec)) n += it->file_size(ec);
  return n;
}
}  // namespace

CacheWatch::CacheWatch(fs::path cache, pid_t builder, uint64_t limit_bytes) {
  thread_ = std::thread([this, cache = std::move(cache), builder, limit_bytes] {
    while (!stop_) {
      if (tree_bytes(cache) > limit_bytes) {
        exceeded_ = true;
        ::kill(-builder, SIGKILL);  // its process group; its pid namespace ends with it
        ::kill(builder, SIGKILL);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
}

CacheWatch::~CacheWatch() {
  stop_ = true;
  thread_.join();
}

uint64_t warm_up_cache_limit_bytes() {
  const char* v = std::getenv("ARBITER_WARM_UP_CACHE_MB");
  const long mb = v && *v ? std::atol(v) : 4096;
  return static_cast<uint64_t>(std::max(1L, mb)) << 20;
}

std::string describe_builder_box(const nlohmann::json& hello) {
  std::string ns;
  bool net = false;
  for (auto& n : hello.value("namespaces", nlohmann::json::array())) {
    const std::string s = n.get<std::string>();
    ns += (ns.empty() ? "" : " ") + s;
    net = net || s == "net";
  }
  return fmt::format("own contestant process ({}): namespaces {}; {}; seccomp deny-list; Landlock ABI {} "
                     "(writable: the cache only); rlimits; processes allowed",
                     hello.value("profile", std::string("?")), ns.empty() ? "none" : ns,
                     net ? "network namespace (no network)" : "NO network isolation", hello.value("landlock_abi", 0));
}

}  // namespace arbiter::judge::python
