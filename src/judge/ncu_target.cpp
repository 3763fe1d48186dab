// The profile target of `--mode profile` on the GPU (judge/ncu_profile.hpp): the submission called
// on one shape's inputs, an L2 flush before each call, under ncu. Not the judged contestant.
#include <dlfcn.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <memory>
#include <iterator>
#include <string>
#include <vector>

#include "arbiter/kernel.h"
#include "backend/cuda/device.hpp"
#include "backend/cuda/driver.hpp"
#include "backend/cuda/l2_flush.hpp"
#include "contestant/device_kernels.hpp"
#include "core/error.hpp"
#include "judge/ncu_profile.hpp"
#include "sandbox/gpu_devices.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/root_limits.hpp"

#include <linux/capability.h>

namespace arbiter::judge {
namespace fs = std::filesystem;
namespace cu = backend::cuda;

namespace {
struct DeviceBuffer {
  CUdeviceptr ptr = 0;
  explicit DeviceBuffer(std::size_t bytes) { cu::check(cu::driver().cuMemAlloc(&ptr, std::max<std::size_t>(bytes, 1)), "cuMemAlloc"); }
  ~DeviceBuffer() { cu::driver().cuMemFree(ptr); }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;
};

std::vector<arbiter_tensor> tensors(const nlohmann::json& list, CUdeviceptr base, std::vector<std::string>& names) {
  std::vector<arbiter_tensor> out;
  for (auto& t : list) names.push_back(t.at("name").get<std::string>());
  std::size_t i = 0;
  for (auto& t : list) {
    arbiter_tensor a{};
    a.data = reinterpret_cast<void*>(static_cast<uintptr_t>(base + t.at("offset").get<uint64_t>()));  // NOLINT(performance-no-int-to-ptr): device addresses
    a.dtype = t.at("dtype").get<int32_t>();
    const auto shape = t.at("shape").get<std::vector<int64_t>>();
    if (shape.size() > ARBITER_MAX_DIMS) fail("tensor '{}' has {} dimensions", names[i], shape.size());
    a.ndim = static_cast<int32_t>(shape.size());
    for (std::size_t d = 0; d < shape.size(); ++d) a.shape[d] = shape[d];
    a.name = names[i++].c_str();
    out.push_back(a);
  }
  return out;
}
}  // namespace

namespace {
// The target's own box, set before the driver starts and before the submission is loaded: ncu's
// front end (trusted, outside) has already injected its library. Readable: the system, the toolkit,
// the case; writable: the case folder, the GPU's device nodes, /dev/shm and this process's own
// /proc/PID/task (the driver names its threads there); TCP only on ncu's ports. Landlock also
// keeps it from tracing or reading the memory of any process outside (the judge, the front end).
void confine(const fs::path& so, const fs::path& case_dir) {
  if (const char* v = std::getenv("ARBITER_DEV_NCU_NO_LANDLOCK"); v && std::string(v) == "1") return;
  sandbox::Policy p;
  // Of /etc only what the loader and a loopback connection read: not /etc as a whole (the target
  // is root, and /etc holds root-only files).
  for (const char* d : {"/usr", "/lib", "/lib64", "/bin", "/opt", "/proc", "/sys", "/dev/urandom", "/etc/ld.so.cache",
                        "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf", "/etc/localtime"})
    p.read_only_paths.emplace_back(d);
  p.read_only_paths.push_back(so.parent_path().string());
  p.read_write_paths = {case_dir.string(), "/dev/shm", "/dev/null", "/dev/nvidia-caps",
                        "/proc/" + std::to_string(::getpid()) + "/task"};
  for (auto& n : sandbox::nvidia_device_nodes()) p.read_write_paths.push_back(n);
  for (int port = kNcuPort; port < kNcuPort + kNcuPorts; ++port) p.tcp_ports.push_back(static_cast<uint16_t>(port));
  p.scope_abstract_unix = false;  // ncu's injected library and its front end meet on abstract sockets
  if (sandbox::landlock::abi_version() <= 0) fail("Landlock is unavailable: the profile target will not run unconfined");
  sandbox::Status st;
  sandbox::landlock::apply(p, st);
  // Root stays root only for what the GPU's counters need (CAP_SYS_ADMIN where profiling is
  // restricted to admins); no other capability, and no system call that reaches beyond the process.
  if (::geteuid() == 0) sandbox::limit_root({CAP_SYS_ADMIN});
}
}  // namespace

int run_profile_target(const fs::path& so, const fs::path& case_dir, int calls) {
  try {
    confine(so, case_dir);
    std::ifstream lf(case_dir / "layout.json");
    if (!lf) fail("cannot read {}", (case_dir / "layout.json").string());
    const nlohmann::json layout = nlohmann::json::parse(lf);
    std::ifstream inf(case_dir / "inputs.bin", std::ios::binary);
    const std::vector<char> inputs((std::istreambuf_iterator<char>(inf)), std::istreambuf_iterator<char>());
    cu::PrimaryContext ctx(0);
    cu::L2Flusher flusher(ctx.info());
    const cu::Driver& d = cu::driver();
    DeviceBuffer in(inputs.size()), out(layout.at("output_size").get<std::size_t>());
    if (!inputs.empty()) cu::check(d.cuMemcpyHtoD(in.ptr, inputs.data(), inputs.size()), "cuMemcpyHtoD (inputs)");
    cu::check(d.cuMemsetD8(out.ptr, 0xff, std::max<std::size_t>(layout.at("output_size").get<std::size_t>(), 1)),
              "cuMemsetD8 (outputs)");
    std::vector<std::string> names, param_names;
    std::vector<arbiter_tensor> ins = tensors(layout.at("inputs"), in.ptr, names);
    std::vector<arbiter_tensor> outs = tensors(layout.at("outputs"), out.ptr, names);
    std::vector<arbiter_param> params;
    for (auto& [k, v] : layout.at("params").items()) param_names.push_back(k);
    std::size_t i = 0;
    for (auto& [k, v] : layout.at("params").items()) params.push_back({param_names[i++].c_str(), v.get<int64_t>()});
    const arbiter_args args{ins.data(), ins.size(), outs.data(), outs.size(), params.data(), params.size()};
    std::function<void(int)> call;
    std::unique_ptr<contestant::DeviceKernels> kernels;
    if (std::ifstream jf(case_dir / "launch.json"); jf) {  // the device trust level: the harness launches
      const nlohmann::json launch = nlohmann::json::parse(jf);
      kernels = std::make_unique<contestant::DeviceKernels>(so.string(), launch.at("spec").get<std::string>());
      kernels->plan(launch.at("plan").get<std::string>(), args);
      call = [&](int c) { cu::check(kernels->launch(), fmt::format("launching call {}", c).c_str()); };
    } else {
      void* h = ::dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!h) fail("cannot load the submission: {}", ::dlerror());
      auto fn = reinterpret_cast<arbiter_kernel_fn>(::dlsym(h, "arbiter_kernel"));
      if (!fn) fail("the submission does not export arbiter_kernel");
      call = [&](int c) {
        if (int rc = fn(&args); rc != 0) fail("call {} returned {}", c, rc);
      };
    }
    for (int c = 0; c < calls; ++c) {
      flusher.flush();
      call(c);
      cu::check(d.cuCtxSynchronize(), "cuCtxSynchronize (after the call)");
    }
    std::fprintf(stderr, "profile-target: %d calls\n", calls);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "profile-target: %s\n", e.what());
    return 1;
  }
}

}  // namespace arbiter::judge
