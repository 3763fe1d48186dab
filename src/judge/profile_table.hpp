#pragma once
// `--mode profile`: per benchmark shape, the mean time, the bytes a call must move and the FLOPs it
// must run, the rates that achieves and how close they come to the machine's measured peaks (the
// profile of `arbiter calibrate`). Native problems take both counts from their [floor]; task.yml
// problems declare no FLOP count, so theirs is the bytes of the call's tensors and no FLOP rate.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "problem/machine_profile.hpp"

namespace arbiter::judge {

struct ShapeProfile {
  std::string name;
  double mean_ns = 0, bytes = 0;
  std::optional<double> flops;
};

// One row of the report's "profile" array.
nlohmann::json profile_row(const ShapeProfile& s, const problem::MachineProfile& m);
// The readable table of those rows.
std::string profile_table(const nlohmann::json& rows, const problem::MachineProfile& m);

}  // namespace arbiter::judge
