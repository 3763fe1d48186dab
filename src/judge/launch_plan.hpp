#pragma once
// The device trust level on the judge's side: what the contestant must load (the kernels' and the
// knobs' names) and, per case, the concrete launches (grid, block, shared bytes, arguments) it
// makes with the harness's own host code. Expressions are evaluated here, in the judge.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "problem/launch.hpp"

namespace arbiter::judge {

// Sent with the Load message: {"kernels": [names], "knobs": [names]}.
std::string device_load_spec(const problem::LaunchSpec& s);

// The knobs' values: the contestant's Loaded reply (a JSON object of the knobs the submission
// defines) over the problem's defaults. `set` gets the names the submission set. Throws Error on a
// malformed reply or a knob that is not one of the problem's.
problem::Params knob_values(const problem::LaunchSpec& s, const std::string& loaded_reply,
                            std::vector<std::string>* set = nullptr);

// One case's launches, in order, as the contestant takes them:
// [{"kernel": index, "grid": [x,y,z], "block": [x,y,z], "shared": bytes,
//   "args": [["in", i] | ["out", i] | ["i32" | "i64" | "u32" | "u64", value], …]}, …].
// A launch whose grid has a zero dimension is left out (nothing to do for this shape). Scratch
// buffers travel after the problem's `n_outputs` outputs ("out", n_outputs + i). Throws Error
// naming the kernel, the field and the values when a dimension or argument is impossible.
nlohmann::json plan_launch(const problem::LaunchSpec& s, const problem::Params& case_params,
                           const problem::Params& knobs, std::size_t n_outputs);

// Each [[launch.scratch]] buffer's size for this case (throws Error naming the buffer).
std::vector<std::size_t> scratch_bytes(const problem::LaunchSpec& s, const problem::Params& case_params);

}  // namespace arbiter::judge
