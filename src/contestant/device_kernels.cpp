#include "contestant/device_kernels.hpp"

#include <cstring>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "backend/cuda/driver.hpp"
#include "core/error.hpp"

namespace arbiter::contestant {
namespace cu = backend::cuda;

namespace {

std::string error_name(CUresult rc) {
  const char* name = nullptr;
  cu::driver().cuGetErrorName(rc, &name);
  return name ? name : std::to_string(static_cast<int>(rc));
}

}  // namespace

DeviceKernels::DeviceKernels(const std::string& path, const std::string& spec) {
  const cu::Driver& d = cu::driver();
  std::ifstream f(path, std::ios::binary);
  if (!f) fail("cannot read the submission's device code {}", path);
  std::string image((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  image.push_back('\0');  // PTX is text the driver reads up to a NUL
  if (CUresult rc = d.cuModuleLoadData(&module_, image.data()); rc != CUDA_SUCCESS)
    fail("the driver cannot load the submission's device code ({}): is it a cubin, fatbin or PTX for this GPU?",
         error_name(rc));
  const nlohmann::json s = nlohmann::json::parse(spec);
  for (const auto& k : s.at("kernels")) {
    const std::string name = k.get<std::string>();
    CUfunction fn = nullptr;
    if (d.cuModuleGetFunction(&fn, module_, name.c_str()) != CUDA_SUCCESS)
      fail("the submission defines no kernel '{}' (declare it extern \"C\" __global__ void {}(...))", name, name);
    fns_.push_back(fn);
    names_.push_back(name);
  }
  nlohmann::json knobs = nlohmann::json::object();
  for (const auto& k : s.at("knobs")) {
    const std::string name = k.get<std::string>();
    CUdeviceptr ptr = 0;
    std::size_t bytes = 0;
    if (d.cuModuleGetGlobal(&ptr, &bytes, module_, name.c_str()) != CUDA_SUCCESS) continue;  // the default
    if (bytes != 4 && bytes != 8)
      fail("knob '{}' is {} bytes: define it as extern \"C\" __device__ const int (or long long)", name, bytes);
    int64_t v = 0;
    int32_t v32 = 0;
    CUresult rc = bytes == 4 ? d.cuMemcpyDtoH(&v32, ptr, 4) : d.cuMemcpyDtoH(&v, ptr, 8);
    if (rc != CUDA_SUCCESS) fail("cannot read knob '{}' ({})", name, error_name(rc));
    knobs[name] = bytes == 4 ? int64_t{v32} : v;
  }
  knobs_ = knobs.dump();
}

void DeviceKernels::plan(const std::string& plan, const arbiter_args& args) {
  const cu::Driver& d = cu::driver();
  const nlohmann::json p = nlohmann::json::parse(plan);
  std::vector<Launch> out;
  out.reserve(p.size());
  for (const auto& l : p) {
    Launch x;
    const std::size_t k = l.at("kernel").get<std::size_t>();
    if (k >= fns_.size()) fail("launch plan names kernel {} of {}", k, fns_.size());
    x.fn = fns_[k];
    for (int a = 0; a < 3; ++a) {
      x.grid[a] = l.at("grid").at(a).get<unsigned>();
      x.block[a] = l.at("block").at(a).get<unsigned>();
    }
    x.shared = l.at("shared").get<unsigned>();
    if (x.shared > 48 * 1024) {
      CUresult rc = d.cuFuncSetAttribute(x.fn, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, static_cast<int>(x.shared));
      if (rc != CUDA_SUCCESS)
        fail("kernel '{}' cannot have {} bytes of dynamic shared memory on this GPU ({})", names_[k], x.shared,
             error_name(rc));
    }
    for (const auto& arg : l.at("args")) {
      const std::string kind = arg.at(0).get<std::string>();
      uint64_t slot = 0;
      if (kind == "in" || kind == "out") {
        const std::size_t i = arg.at(1).get<std::size_t>();
        const bool in = kind == "in";
        if (i >= (in ? args.n_inputs : args.n_outputs)) fail("launch plan names {} tensor {}", kind, i);
        slot = reinterpret_cast<uintptr_t>((in ? args.inputs : args.outputs)[i].data);
      } else {
        const int64_t v = arg.at(1).get<int64_t>();
        if (kind == "i32" || kind == "u32") {
          const uint32_t v32 = static_cast<uint32_t>(v);
          std::memcpy(&slot, &v32, sizeof v32);  // the kernel reads the slot's first 4 bytes
        } else if (kind == "i64" || kind == "u64") {
          std::memcpy(&slot, &v, sizeof v);
        } else {
          fail("launch plan has an argument of unknown kind '{}'", kind);
        }
      }
      x.slots.push_back(slot);
    }
    out.push_back(std::move(x));
  }
  for (Launch& x : out) {
    x.params.clear();
    for (uint64_t& s : x.slots) x.params.push_back(&s);
  }
  launches_ = std::move(out);
}

CUresult DeviceKernels::launch() const {
  const cu::Driver& d = cu::driver();
  for (const Launch& x : launches_) {
    CUresult rc = d.cuLaunchKernel(x.fn, x.grid[0], x.grid[1], x.grid[2], x.block[0], x.block[1], x.block[2], x.shared,
                                   CU_STREAM_LEGACY, const_cast<void**>(x.params.data()), nullptr);
    if (rc != CUDA_SUCCESS) return rc;
  }
  return CUDA_SUCCESS;
}

}  // namespace arbiter::contestant
