#include "judge/launch_plan.hpp"

#include <limits>

#include "core/error.hpp"

namespace arbiter::judge {
namespace {

std::string describe(const problem::Params& p) {
  std::string s;
  for (auto& [k, v] : p) s += (s.empty() ? "" : ", ") + k + "=" + std::to_string(v);
  return s;
}

}  // namespace

std::string device_load_spec(const problem::LaunchSpec& s) {
  nlohmann::json j = {{"kernels", nlohmann::json::array()}, {"knobs", nlohmann::json::array()}};
  for (auto& k : s.kernels) j["kernels"].push_back(k.kernel);
  for (auto& [name, def] : s.knobs) j["knobs"].push_back(name);
  return j.dump();
}

problem::Params knob_values(const problem::LaunchSpec& s, const std::string& loaded_reply, std::vector<std::string>* set) {
  problem::Params out;
  for (auto& [name, def] : s.knobs) out[name] = def;
  if (loaded_reply.empty()) return out;
  const nlohmann::json j = nlohmann::json::parse(loaded_reply, nullptr, false);
  if (!j.is_object()) fail("the contestant's knob values are not a JSON object: {}", loaded_reply.substr(0, 200));
  for (auto& [name, v] : j.items()) {
    if (!out.count(name)) fail("the contestant reported a knob '{}' the problem does not declare", name);
    if (!v.is_number_integer()) fail("knob '{}' is not an integer", name);
    out[name] = v.get<int64_t>();
    if (set) set->push_back(name);
  }
  return out;
}

std::vector<std::size_t> scratch_bytes(const problem::LaunchSpec& s, const problem::Params& case_params) {
  const problem::Params& env = case_params;
  std::vector<std::size_t> out;
  for (auto& b : s.scratch) {
    int64_t v = 0;
    try {
      v = b.bytes.eval(env);
    } catch (const Error& e) {
      fail("scratch '{}': bytes '{}': {} (with {})", b.name, b.bytes.text(), e.what(), describe(env));
    }
    if (v < 0 || v > (int64_t{1} << 40)) fail("scratch '{}': {} bytes is out of range (with {})", b.name, v, describe(env));
    out.push_back(static_cast<std::size_t>(v));
  }
  return out;
}

nlohmann::json plan_launch(const problem::LaunchSpec& s, const problem::Params& case_params, const problem::Params& knobs,
                           std::size_t n_outputs) {
  problem::Params env = case_params;
  for (auto& [k, v] : knobs) env[k] = v;
  nlohmann::json plan = nlohmann::json::array();
  for (std::size_t i = 0; i < s.kernels.size(); ++i) {
    const problem::KernelLaunch& k = s.kernels[i];
    auto eval = [&](const problem::Expr& e, const std::string& field) {
      try {
        return e.eval(env);
      } catch (const Error& err) {
        fail("launch of kernel '{}': {} '{}': {} (with {})", k.kernel, field, e.text(), err.what(), describe(env));
      }
    };
    auto dims3 = [&](const std::vector<problem::Expr>& d, const char* what, bool& empty) {
      std::vector<int64_t> v(3, 1);
      for (std::size_t a = 0; a < d.size(); ++a) {
        v[a] = eval(d[a], std::string(what) + "." + "xyz"[a]);
        if (v[a] < 0) fail("launch of kernel '{}': {}.{} = {} is negative (with {})", k.kernel, what, "xyz"[a], v[a], describe(env));
        if (v[a] == 0) empty = true;
      }
      return v;
    };
    bool empty_grid = false, empty_block = false;
    const std::vector<int64_t> grid = dims3(k.grid, "grid", empty_grid), block = dims3(k.block, "block", empty_block);
    if (empty_block) fail("launch of kernel '{}': a block dimension is 0 (with {})", k.kernel, describe(env));
    if (empty_grid) continue;  // nothing to launch for this shape
    if (grid[0] > std::numeric_limits<int32_t>::max() || grid[1] > 65535 || grid[2] > 65535)
      fail("launch of kernel '{}': grid ({}, {}, {}) is beyond CUDA's limits (2^31-1, 65535, 65535) (with {})",
           k.kernel, grid[0], grid[1], grid[2], describe(env));
    if (block[0] * block[1] * block[2] > 1024 || block[2] > 64)
      fail("launch of kernel '{}': block ({}, {}, {}) has more than 1024 threads or z > 64 (with {})", k.kernel,
           block[0], block[1], block[2], describe(env));
    const int64_t shared = k.shared_bytes ? eval(*k.shared_bytes, "shared_bytes") : 0;
    if (shared < 0 || shared > (int64_t{1} << 20))
      fail("launch of kernel '{}': shared_bytes = {} is out of range (with {})", k.kernel, shared, describe(env));
    nlohmann::json args = nlohmann::json::array();
    for (const problem::LaunchArg& a : k.args) {
      if (a.kind == problem::LaunchArg::Kind::input) { args.push_back({"in", a.tensor}); continue; }
      if (a.kind == problem::LaunchArg::Kind::output) { args.push_back({"out", a.tensor}); continue; }
      if (a.kind == problem::LaunchArg::Kind::scratch) { args.push_back({"out", n_outputs + a.tensor}); continue; }
      const int64_t v = eval(a.value, "argument");
      const bool fits = a.type == problem::ScalarType::i64 ? true
                        : a.type == problem::ScalarType::u64 ? v >= 0
                        : a.type == problem::ScalarType::i32 ? v >= std::numeric_limits<int32_t>::min() &&
                                                                   v <= std::numeric_limits<int32_t>::max()
                                                             : v >= 0 && v <= std::numeric_limits<uint32_t>::max();
      if (!fits)
        fail("launch of kernel '{}': argument '{}' = {} does not fit {} (with {})", k.kernel, a.text, v,
             problem::scalar_type_name(a.type), describe(env));
      args.push_back({std::string(problem::scalar_type_name(a.type)), v});
    }
    plan.push_back({{"kernel", i}, {"grid", grid}, {"block", block}, {"shared", shared}, {"args", args}});
  }
  return plan;
}

}  // namespace arbiter::judge
