// The CUDA backend of a run: the judge's own context on device 0, judge-owned allocations shared
// by descriptor (or legacy IPC handle), the L2 flush, and the box additions the driver needs (its device nodes, the
// folder of libcuda.so.1, read-write on the nodes only).
#include <filesystem>
#include <vector>

#include "backend/cuda/case_memory.hpp"
#include "backend/cuda/device.hpp"
#include "backend/cuda/driver.hpp"
#include "backend/cuda/l2_flush.hpp"
#include "backend/cuda/profile.hpp"
#include "core/error.hpp"
#include "judge/run_backend.hpp"
#include "sandbox/gpu_devices.hpp"

namespace arbiter::judge {
namespace cu = backend::cuda;
namespace fs = std::filesystem;

namespace {

class CudaBackend final : public RunBackend {
 public:
  explicit CudaBackend(const std::string& sharing)
      : ctx_(0), flusher_(ctx_.info()), sharing_(cu::choose_sharing(ctx_.info().ordinal, sharing)) {}
  const char* name() const override { return "cuda"; }
  std::unique_ptr<backend::CaseMemory> case_memory(std::size_t in, std::size_t out) override {
    return std::make_unique<cu::DeviceCaseMemory>(in, out, ctx_.info().ordinal, flusher_, sharing_);
  }
  void prepare_spawn(SpawnOptions& so) const override {
    so.contestant_flags.push_back("--cuda");
    so.writable_proc = true;
    so.address_space_mb = 0;  // the driver reserves huge virtual ranges: RLIMIT_AS breaks cuInit
    for (auto& n : sandbox::nvidia_device_nodes()) {
      so.devices.push_back(n);
      so.read_write_paths.push_back(n);
    }
    const std::string lib = cu::driver().library_path;
    if (!lib.empty()) {
      std::error_code ec;
      const fs::path real = fs::canonical(lib, ec);
      so.read_only_paths.push_back((ec ? fs::path(lib) : real).parent_path().string());
    }
    // The driver reads its parameters and the device's topology.
    // (/proc/driver/nvidia comes with the contestant's fresh /proc.)
    for (auto& p : sandbox::nvidia_sys_paths()) so.read_only_paths.push_back(p);
  }
  problem::MachineProfile machine() override { return cu::load_or_measure_gpu_profile(ctx_.info()); }
  nlohmann::json device() const override {
    const auto& i = ctx_.info();
    return {{"kind", "cuda"},
            {"name", i.name},
            {"compute_capability", std::to_string(i.cc_major) + "." + std::to_string(i.cc_minor)},
            {"multiprocessors", i.sm_count},
            {"l2_bytes", i.l2_bytes},
            {"flush_bytes", flusher_.bytes()},
            {"driver_version", i.driver_version},
            {"buffer_sharing", cu::sharing_name(sharing_)}};
  }

 private:
  cu::PrimaryContext ctx_;
  cu::L2Flusher flusher_;
  cu::Sharing sharing_;
};

}  // namespace

bool cuda_usable(std::string* why) { return cu::available(why); }

std::vector<std::string> cuda_compile_flags() {
  std::string why;
  if (!cu::available(&why)) fail("this problem needs a CUDA device: {}", why);
  const auto [major, minor] = cu::compute_capability(0);
  const std::string cc = std::to_string(major) + std::to_string(minor);
  // 9.0 gets the architecture-specific target, so Hopper-only instructions (wgmma) build.
  if (cc == "90") return {"-gencode=arch=compute_90a,code=sm_90a"};
  return {"-arch=sm_" + cc};
}

std::string cuda_sharing_in_use() {
  std::string why;
  if (!cu::available(&why)) fail("no CUDA device: {}", why);
  return cu::sharing_name(cu::choose_sharing(0));
}

problem::MachineProfile calibrate_cuda() {
  std::string why;
  if (!cu::available(&why)) fail("cannot calibrate the CUDA backend: {}", why);
  cu::PrimaryContext ctx(0);
  problem::MachineProfile m = cu::measure_gpu_profile(ctx.info());
  problem::save_profile(m);
  return m;
}

std::unique_ptr<RunBackend> make_cuda_backend(const std::string& sharing) {
  std::string why;
  if (!cu::available(&why)) fail("this problem needs a CUDA device: {}", why);
  return std::make_unique<CudaBackend>(sharing);
}

}  // namespace arbiter::judge
