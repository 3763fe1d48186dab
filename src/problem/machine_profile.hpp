#pragma once
// The machine's measured peaks, from which each shape's physical floor is computed.
// `arbiter calibrate` measures and stores them; the judge measures once if none is stored.
#include <filesystem>
#include <string>

#include "problem/problem.hpp"

namespace arbiter::problem {

struct MachineProfile {
  std::string backend = "cpu";
  double bandwidth_gbs = 0;  // streaming read+write bandwidth, all cores
  double gflops = 0;         // fp32 FMA throughput, all cores
  int threads = 1;
};

MachineProfile measure_cpu_profile();
std::filesystem::path profile_path(const std::string& backend);
MachineProfile load_or_measure_profile(const std::string& backend = "cpu");
void save_profile(const MachineProfile& m);

// No implementation can beat this time: max(bytes / peak bandwidth, flops / peak rate),
// with peaks taken as generous multiples of the measured ones, since our measurement is not
// the best possible code (the FLOP loop is built for baseline x86-64, submissions for the
// host's widest vectors). Returns 0 when the problem declares no floor.
inline constexpr double kBandwidthMargin = 4.0, kFlopMargin = 16.0;
// Peaks are never assumed below these: a profile measured on a busy machine understates the
// hardware, and an understated peak would reject honest kernels. (A high floor is the only
// dangerous error; a low one merely catches less.)
inline constexpr double kMinCpuBandwidthGbs = 100.0, kMinCpuGflops = 1000.0;
double floor_ns(const Problem& p, const Params& params, const MachineProfile& m);

}  // namespace arbiter::problem
