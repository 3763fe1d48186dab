#pragma once
// The GPU half of `--mode profile`: each benchmark shape's kernels run again under Nsight Compute,
// which gives their own GPU duration and DRAM traffic to set beside Arbiter's event times.
//
// The profiled process is not the judged contestant: ncu talks to its target over loopback TCP
// and abstract sockets and reads GPU counters, which the contestant's box (seccomp, network and
// user namespaces) forbids. So a separate **profile target** (`arbiter profile-target`, the same
// binary) loads the compiled submission and calls it on one shape's public inputs. Before the
// driver starts or the submission loads, the target puts itself under Landlock (ncu_target.cpp:
// reads the system, writes only its folder and the GPU's nodes, TCP only on ncu's ports, no
// tracing of processes outside); ncu's front end around it runs with rlimits, its own process
// group and a wall-clock limit. There is no seccomp. The target holds no secret and no expected
// output, and nothing it does changes a verdict or a score: its figures are reported, not judged.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "judge/ncu_csv.hpp"
#include "wire/messages.hpp"

namespace arbiter::judge {

inline constexpr int kNcuPort = 49152, kNcuPorts = 64;  // ncu's defaults (--port, --max-connections)

// $ARBITER_NCU, else `ncu` on PATH or in the CUDA toolkit's usual folders; nullopt when absent.
std::optional<std::filesystem::path> find_ncu();

// Runs the profile target under ncu for one shape: `inputs` laid out as `layout` says. `launch`:
// empty for a host-level submission (a shared object); at the device trust level, the JSON
// {"spec": …, "plan": …} the target makes its launches from (judge/launch_plan.hpp).
NcuShape ncu_profile_shape(const std::filesystem::path& ncu, const std::filesystem::path& submission_so,
                           const wire::SetupCase& layout, const std::vector<unsigned char>& inputs,
                           const std::filesystem::path& work, int calls, double time_limit_s,
                           const std::string& launch = "");

// The profile target's side (cmd_profile_target.cpp): loads `so` (or, with case_dir/launch.json,
// device code), calls it `calls` times on the inputs in `case_dir` with an L2 flush before each call. Returns the exit status.
int run_profile_target(const std::filesystem::path& so, const std::filesystem::path& case_dir, int calls);

}  // namespace arbiter::judge
