// The contestant's loop. Order matters: the sandbox is on before the submission is loaded,
// and the only clock reads around a call are the two in serve_call().
#include "contestant/contestant.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "contestant/case_buffers.hpp"
#include "contestant/cuda_harness.hpp"
#include "contestant/late_write_guard.hpp"
#include "contestant/mapper.hpp"
#include "sandbox/seccomp.hpp"
#include "contestant/native_kernel.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "sandbox/contain.hpp"
#include "sandbox/fds.hpp"
#include "wire/channel.hpp"

namespace arbiter::contestant {
namespace {

std::string status_json(const sandbox::Status& s) {
  nlohmann::json j = {{"seccomp", s.seccomp}, {"no_new_privs", s.no_new_privs}, {"landlock_abi", s.landlock_abi},
                      {"landlock_scoped", s.landlock_scoped}, {"rlimits", s.rlimits}, {"namespaces", s.namespaces},
                      {"cgroup", s.cgroup}, {"warnings", s.warnings}};
  return j.dump();
}

wire::Done serve_call(const wire::Call& c, arbiter_kernel_fn kernel, CaseBuffers& buffers) {
  arbiter_kernel_fn fn = c.kind == wire::CallKind::empty ? empty_kernel : kernel;
  wire::Done d;
  d.iteration = c.iteration;
  d.start_ns = now_ns();
  d.rc = fn(buffers.args());
  // Inside the timed region: from the end stamp on, no thread can write the outputs.
  buffers.unmap_outputs();
  d.end_ns = now_ns();
  return d;
}

}  // namespace

int run(const Options& o) {
  wire::Channel ch(o.channel_fd);
  sandbox::Policy policy;
  policy.read_only_paths = o.read_only_paths;
  policy.read_write_paths = o.read_write_paths;
  policy.keep_fds = {o.channel_fd};
  policy.violation_fd = o.violation_fd;
  policy.address_space_mb = o.address_space_mb;
  policy.cpu_seconds = o.cpu_seconds;
  policy.seccomp_log_only = o.seccomp_log_only;
  if (o.cuda) policy.profile = sandbox::Profile::cuda;
  sandbox::Status status;
  std::unique_ptr<CudaHarness> cuda;
  try {
    // The driver opens its device nodes and maps its rings before the sandbox closes.
    // Its descriptors (device nodes, eventfds) must survive the sandbox's closing of all others.
    if (o.cuda) {
      const std::vector<int> before = sandbox::fds::open_now();
      cuda = std::make_unique<CudaHarness>();
      for (int fd : sandbox::fds::open_now())
        if (!std::binary_search(before.begin(), before.end(), fd)) policy.keep_fds.push_back(fd);
    }
  } catch (const std::exception& e) {
    ch.send(wire::encode(wire::FromContestant{wire::ErrorMsg{std::string("cuda: ") + e.what()}}));
    return 2;
  }
  try {
    if (!o.unsandboxed_for_bench) status = sandbox::enter(policy);
    late_write_guard::install(o.violation_fd);
    // (GPU buffers come as device allocations, not per-call memfds; the driver maps its device
    // nodes shared from any thread, so the shared-mapping filter would break it.)
    if (!o.unsandboxed_for_bench && !cuda) {
      mapper::start();
      sandbox::seccomp::forbid_shared_file_maps_on_this_thread();
    }
  } catch (const std::exception& e) {
    ch.send(wire::encode(wire::FromContestant{wire::ErrorMsg{std::string("sandbox: ") + e.what()}}));
    return 2;
  }
  std::string hello = status_json(status);
  if (cuda) {
    nlohmann::json j = nlohmann::json::parse(hello);
    j["gpu_harness"] = cuda->status();
    hello = j.dump();
  }
  ch.send(wire::encode(wire::FromContestant{wire::Hello{1, static_cast<uint32_t>(::getpid()), hello}}));

  NativeKernel kernel;
  CaseBuffers buffers;
  bool have_case = false;
  bool device_level = false, launches_ready = false;  // launches_ready: this case's plan is set
  for (;;) {
    auto r = ch.recv(-1, true);
    if (r.status != wire::Channel::Status::ok) return r.status == wire::Channel::Status::closed ? 0 : 2;
    wire::FromJudge msg;
    try {
      msg = wire::decode_from_judge(r.frame);
    } catch (const wire::DecodeError& e) {
      for (int fd : r.fds) ::close(fd);
      ch.send(wire::encode(wire::FromContestant{wire::ErrorMsg{std::string("bad judge frame: ") + e.what()}}));
      return 2;
    }
    if (auto* load = std::get_if<wire::Load>(&msg)) {
      if (load->device.empty()) {
        kernel = load_native_kernel(load->path);
        ch.send(wire::encode(wire::FromContestant{wire::Loaded{kernel.fn ? 0 : 1, kernel.error}}));
        continue;
      }
      // The device trust level: device code only; the harness below makes every launch.
      wire::Loaded loaded;
      try {
        if (!cuda) fail("device code sent to a contestant started without --cuda");
        loaded.message = cuda->load_kernels(load->path, load->device);
        device_level = true;
      } catch (const std::exception& e) {
        loaded = {1, e.what()};
      }
      ch.send(wire::encode(wire::FromContestant{loaded}));
    } else if (auto* launch = std::get_if<wire::Launch>(&msg)) {
      wire::CaseReady ready;
      try {
        if (!device_level || !have_case) fail("a launch plan before the device code or the case");
        cuda->set_launches(launch->plan, buffers.args());
        launches_ready = true;
      } catch (const std::exception& e) {
        ready = {1, e.what()};
      }
      ch.send(wire::encode(wire::FromContestant{ready}));
    } else if (auto* setup = std::get_if<wire::SetupCase>(&msg)) {
      wire::CaseReady ready;
      launches_ready = false;  // the last case's plan points at its buffers
      const bool gpu = setup->memory == wire::MemoryKind::cuda;
      if (!gpu && r.fds.size() != 1 && r.fds.size() != 2) {
        ready = {1, "expected the input buffer (and the output buffer) with the case"};
        for (int fd : r.fds) ::close(fd);
      } else {
        try {
          if (gpu) {
            if (!cuda) {
              for (int fd : r.fds) ::close(fd);
              fail("the judge sent GPU buffers to a contestant started without --cuda");
            }
            void *in = nullptr, *out = nullptr;
            cuda->import(*setup, r.fds, &in, &out);
            buffers.describe(*setup, in, setup->input_size, out, setup->output_size);
          } else {
            buffers.setup(*setup, r.fds[0], r.fds.size() == 2 ? r.fds[1] : -1);
          }
          have_case = true;
        } catch (const std::exception& e) {
          ready = {1, e.what()};
        }
      }
      ch.send(wire::encode(wire::FromContestant{ready}));
    } else if (auto* call = std::get_if<wire::Call>(&msg)) {
      const bool map = call->kind == wire::CallKind::map_outputs;
      const bool per_call = have_case && buffers.outputs_per_call();
      const bool callable = device_level ? launches_ready : kernel.fn != nullptr;
      if (!have_case || (call->kind == wire::CallKind::kernel && !callable) || r.fds.size() != (map ? 1u : 0u) ||
          (map && !per_call) || (!map && per_call && !buffers.outputs_mapped())) {
        for (int fd : r.fds) ::close(fd);
        ch.send(wire::encode(wire::FromContestant{wire::ErrorMsg{"call before a case or a kernel was set up, or "
                                                                  "without its output buffer"}}));
        continue;
      }
      if (map) {
        wire::Done d;
        d.iteration = call->iteration;
        try {
          buffers.map_outputs(r.fds[0]);
        } catch (const std::exception& e) {
          ch.send(wire::encode(wire::FromContestant{wire::ErrorMsg{e.what()}}));
          continue;
        }
        ch.send(wire::encode(wire::FromContestant{d}));
        continue;
      }
      if (cuda && device_level && call->kind == wire::CallKind::kernel) {
        ch.send(wire::encode(wire::FromContestant{cuda->call_launches(call->iteration)}));
      } else if (cuda) {
        arbiter_kernel_fn fn = call->kind == wire::CallKind::empty ? nullptr : kernel.fn;
        ch.send(wire::encode(wire::FromContestant{cuda->call(call->iteration, fn, buffers.args())}));
      } else {
        ch.send(wire::encode(wire::FromContestant{serve_call(*call, kernel.fn, buffers)}));
      }
    } else {
      // Shutdown: leave at once. Tearing down the CUDA context and the submission's library in
      // user space only delays the judge, which waits for this exit; the kernel frees it all.
      std::fflush(nullptr);
      ::_exit(0);
    }
  }
}

}  // namespace arbiter::contestant
