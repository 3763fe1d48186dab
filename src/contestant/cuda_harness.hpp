#pragma once
// The contestant's GPU side (trusted harness code, set up before the submission is loaded): the
// device's primary context (which the submission's CUDA runtime then shares), the judge's buffers
// imported by descriptor (or legacy IPC handle), and the timing of one call: a start event, the submission's host
// function, an end event on the same (legacy default) stream, then a synchronisation of the whole
// context so that work hidden on other streams is waited for before the reply.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arbiter/kernel.h"
#include "wire/messages.hpp"

namespace arbiter::contestant {

class CudaHarness {
 public:
  CudaHarness();
  ~CudaHarness();
  CudaHarness(const CudaHarness&) = delete;
  CudaHarness& operator=(const CudaHarness&) = delete;
  // Maps the case's two allocations, from the two descriptors that came with the frame (closed
  // here, whatever happens) or the frame's legacy IPC handles; returns their device addresses.
  // Inputs are mapped read-only unless inputs_read_only is false (see the Python contestant);
  // legacy handles always open read-write.
  void import(const wire::SetupCase& s, const std::vector<int>& fds, void** in, void** out,
              bool inputs_read_only = true);
  // The device trust level (device_kernels.hpp): loads the submission's device code and returns the
  // knobs it set (JSON); then each case's launch plan; then timed calls that make those launches.
  // Throw Error with the reason.
  std::string load_kernels(const std::string& path, const std::string& spec);
  void set_launches(const std::string& plan, const arbiter_args* args);
  wire::Done call_launches(uint64_t iteration);

  // What the harness set up (the shared-memory scrub), for the report's sandbox section.
  nlohmann::json status() const;

  // kernel null: the calibration call (an empty kernel launched between the same two events).
  wire::Done call(uint64_t iteration, arbiter_kernel_fn kernel, const arbiter_args* args);

  // The same timing around any body (the Python harness's custom_kernel): begin() stamps the host
  // clock and records the start event; end() records the end event, synchronises the whole
  // context, records the settle event and fills in the times, or kDeviceFault with the error.
  void begin(wire::Done& d);
  void end(wire::Done& d);
  // The calibration body: one empty kernel on the legacy default stream.
  void launch_empty(wire::Done& d);

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// Whether this binary was built with the CUDA backend.
bool cuda_built();

}  // namespace arbiter::contestant
