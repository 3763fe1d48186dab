#include "contestant/cuda_harness.hpp"

#include <unistd.h>

#include <cmath>

#include "backend/cuda/device.hpp"
#include "backend/cuda/driver.hpp"
#include "backend/cuda/shared_allocation.hpp"
#include "contestant/device_kernels.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace arbiter::contestant {
namespace cu = backend::cuda;

namespace {
// An empty kernel as PTX, JIT-compiled by the driver: the harness needs no nvcc of its own.
constexpr char kEmptyPtx[] =
    ".version 7.0\n.target sm_50\n.address_size 64\n.visible .entry arbiter_empty()\n{\n\tret;\n}\n"
    // Memory hygiene: fills a block's whole dynamic shared memory with `pattern`, so that a kernel
    // reading shared memory it never wrote sees garbage, not what the last call (or another
    // kernel) left there. Shared memory is on the SM: this leaves the flushed L2 alone.
    ".extern .shared .align 16 .b8 arbiter_smem[];\n"
    ".visible .entry arbiter_scrub(.param .u32 words, .param .u32 pattern)\n{\n"
    "\t.reg .u32 %r<8>;\n\t.reg .pred %p;\n"
    "\tld.param.u32 %r1, [words];\n\tld.param.u32 %r2, [pattern];\n"
    "\tmov.u32 %r3, %tid.x;\n\tmov.u32 %r4, %ntid.x;\n\tmov.u32 %r5, arbiter_smem;\n"
    "LOOP:\n\tsetp.ge.u32 %p, %r3, %r1;\n\t@%p bra DONE;\n"
    "\tshl.b32 %r6, %r3, 2;\n\tadd.u32 %r7, %r5, %r6;\n\tst.shared.u32 [%r7], %r2;\n"
    "\tadd.u32 %r3, %r3, %r4;\n\tbra LOOP;\nDONE:\n\tret;\n}\n";
}  // namespace

struct CudaHarness::State {
  cu::PrimaryContext ctx{0};
  CUevent start = nullptr, end = nullptr, settled = nullptr;
  CUmodule module = nullptr;
  CUfunction empty = nullptr, scrub = nullptr;
  unsigned scrub_bytes = 0;   // 0: no shared-memory scrub (the attribute was refused)
  uint64_t scrub_calls = 0;
  cu::ImportedAllocation in, out;
  CUresult pending = CUDA_SUCCESS;  // the start event's record (or the empty launch) failed
  std::unique_ptr<DeviceKernels> kernels;  // the device trust level
};

bool cuda_built() { return true; }

CudaHarness::CudaHarness() : s_(std::make_unique<State>()) {
  const cu::Driver& d = cu::driver();
  cu::check(d.cuEventCreate(&s_->start, CU_EVENT_DEFAULT), "cuEventCreate");
  cu::check(d.cuEventCreate(&s_->end, CU_EVENT_DEFAULT), "cuEventCreate");
  cu::check(d.cuEventCreate(&s_->settled, CU_EVENT_DEFAULT), "cuEventCreate");
  cu::check(d.cuModuleLoadData(&s_->module, kEmptyPtx), "cuModuleLoadData (empty kernel)");
  cu::check(d.cuModuleGetFunction(&s_->empty, s_->module, "arbiter_empty"), "cuModuleGetFunction");
  cu::check(d.cuModuleGetFunction(&s_->scrub, s_->module, "arbiter_scrub"), "cuModuleGetFunction");
  const int smem = s_->ctx.info().max_shared_per_block;
  if (smem > 0 && d.cuFuncSetAttribute(s_->scrub, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, smem) == CUDA_SUCCESS)
    s_->scrub_bytes = static_cast<unsigned>(smem);
}

CudaHarness::~CudaHarness() = default;

void CudaHarness::import(const wire::SetupCase& s, const std::vector<int>& fds, void** in, void** out,
                         bool inputs_read_only) {
  s_->in = {};
  s_->out = {};
  const bool legacy = !s.ipc_handles.empty();
  if (fds.size() != (legacy ? 0u : 2u)) {
    for (int fd : fds) ::close(fd);
    fail("a GPU case comes with exactly two allocations: two descriptors or two IPC handles, not {} descriptors{}",
         fds.size(), legacy ? " and the handles" : "");
  }
  if (legacy) {
    s_->in = cu::ImportedAllocation(s.ipc_handles.substr(0, cu::kIpcHandleBytes));
    s_->out = cu::ImportedAllocation(s.ipc_handles.substr(cu::kIpcHandleBytes));
  } else {
    // Each constructor closes its descriptor; the second must be closed even if the first throws.
    try {
      s_->in = cu::ImportedAllocation(fds[0], s.input_size, inputs_read_only, s_->ctx.info().ordinal);
    } catch (...) {
      ::close(fds[1]);
      throw;
    }
    s_->out = cu::ImportedAllocation(fds[1], s.output_size, false, s_->ctx.info().ordinal);
  }
  *in = reinterpret_cast<void*>(static_cast<uintptr_t>(s_->in.ptr()));  // NOLINT(performance-no-int-to-ptr): device addresses
  *out = reinterpret_cast<void*>(static_cast<uintptr_t>(s_->out.ptr()));  // NOLINT(performance-no-int-to-ptr): device addresses
}

nlohmann::json CudaHarness::status() const {
  return {{"shared_memory_scrub_bytes", s_->scrub_bytes}};
}

wire::Done CudaHarness::call(uint64_t iteration, arbiter_kernel_fn kernel, const arbiter_args* args) {
  wire::Done done;
  done.iteration = iteration;
  begin(done);
  if (kernel) done.rc = kernel(args);
  else launch_empty(done);
  end(done);
  return done;
}

std::string CudaHarness::load_kernels(const std::string& path, const std::string& spec) {
  s_->kernels = std::make_unique<DeviceKernels>(path, spec);
  return s_->kernels->knobs();
}

void CudaHarness::set_launches(const std::string& plan, const arbiter_args* args) {
  if (!s_->kernels) fail("a launch plan before the device code was loaded");
  s_->kernels->plan(plan, *args);
}

wire::Done CudaHarness::call_launches(uint64_t iteration) {
  wire::Done done;
  done.iteration = iteration;
  begin(done);
  if (s_->pending == CUDA_SUCCESS) s_->pending = s_->kernels->launch();
  end(done);
  return done;
}

void CudaHarness::begin(wire::Done& d) {
  // Before every call (the calibration's too, so the judge's overhead model includes it), ahead of
  // the start event on the same stream: not in the event time.
  if (s_->scrub_bytes > 0) {
    const uint64_t n = ++s_->scrub_calls;
    unsigned words = s_->scrub_bytes / 4;
    uint32_t pattern = n % 2 ? 0xffffffffu : static_cast<uint32_t>((n * 0x9e3779b97f4a7c15ULL) >> 32);
    void* params[] = {&words, &pattern};
    const unsigned blocks = static_cast<unsigned>(s_->ctx.info().sm_count) * 2;
    cu::driver().cuLaunchKernel(s_->scrub, blocks, 1, 1, 1024, 1, 1, s_->scrub_bytes, CU_STREAM_LEGACY, params, nullptr);
  }
  d.start_ns = now_ns();
  s_->pending = cu::driver().cuEventRecord(s_->start, CU_STREAM_LEGACY);
}

void CudaHarness::launch_empty(wire::Done&) {
  if (s_->pending == CUDA_SUCCESS)
    s_->pending = cu::driver().cuLaunchKernel(s_->empty, 1, 1, 1, 1, 1, 1, 0, CU_STREAM_LEGACY, nullptr, nullptr);
}

void CudaHarness::end(wire::Done& d) {
  const cu::Driver& drv = cu::driver();
  CUstream legacy = CU_STREAM_LEGACY;
  CUresult rc = s_->pending;
  if (rc == CUDA_SUCCESS) rc = drv.cuEventRecord(s_->end, legacy);
  // The whole context, not the stream: work the submission left on other streams is waited for
  // here, so it shows in the judge's clock even when the events leave it out.
  CUresult sync = drv.cuCtxSynchronize();
  // On the GPU's own clock, how long after the end event the device fell idle: the host round
  // trip of one synchronisation for an honest call, more when other streams were still busy.
  if (sync == CUDA_SUCCESS) sync = drv.cuEventRecord(s_->settled, legacy);
  if (sync == CUDA_SUCCESS) sync = drv.cuEventSynchronize(s_->settled);
  d.end_ns = now_ns();
  if (rc == CUDA_SUCCESS) rc = sync;
  float ms = 0, settle_ms = 0;
  if (rc == CUDA_SUCCESS) rc = drv.cuEventElapsedTime(&ms, s_->start, s_->end);
  if (rc == CUDA_SUCCESS) rc = drv.cuEventElapsedTime(&settle_ms, s_->end, s_->settled);
  if (rc != CUDA_SUCCESS) {
    d.rc = wire::kDeviceFault;
    d.device_ns = static_cast<int64_t>(rc);  // the error code, for the judge's message
    return;
  }
  d.device_ns = std::llround(static_cast<double>(ms) * 1e6);
  d.settle_ns = std::llround(static_cast<double>(settle_ms) * 1e6);
}

}  // namespace arbiter::contestant
