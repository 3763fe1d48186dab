#pragma once
// `--mode profile` for task.yml problems on the CPU backend: per benchmark shape, the mean time,
// the bytes a call must move (inputs read once, outputs written once), the bandwidth that achieves, and how close
// it comes to the physical floor (bytes / the machine's measured streaming bandwidth). task.yml
// declares no FLOP count, so the FLOP rate is reported only where `arbiter: {flops: …}` is added
// later; it is null today. The GPU version (ncu) comes with the CUDA backend.
#include <nlohmann/json.hpp>

#include <string>

#include "problem/machine_profile.hpp"

namespace arbiter::judge::python {

struct ShapeProfile {
  std::string name;
  double mean_ns = 0, bytes = 0;
};

// One row of the report's "profile" array.
nlohmann::json profile_row(const ShapeProfile& s, const problem::MachineProfile& m);
// The readable table of those rows.
std::string profile_table(const nlohmann::json& rows, const problem::MachineProfile& m);

}  // namespace arbiter::judge::python
