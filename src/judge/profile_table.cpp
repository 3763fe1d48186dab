#include "judge/profile_table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace arbiter::judge {

nlohmann::json profile_row(const ShapeProfile& s, const problem::MachineProfile& m) {
  using nlohmann::json;
  const double bw_floor = m.bandwidth_gbs > 0 ? s.bytes / m.bandwidth_gbs : 0;  // GB/s == bytes/ns
  const double gbs = s.mean_ns > 0 ? s.bytes / s.mean_ns : 0;
  json r = {{"shape", s.name},
            {"mean_ns", s.mean_ns},
            {"bytes", s.bytes},
            {"achieved_gbs", gbs},
            {"bandwidth_floor_ns", bw_floor},
            {"fraction_of_bandwidth", m.bandwidth_gbs > 0 ? gbs / m.bandwidth_gbs : 0},
            {"flops", nullptr},
            {"achieved_gflops", nullptr},
            {"flop_floor_ns", nullptr},
            {"fraction_of_flops", nullptr},
            {"bound", "memory"},
            {"peak_gbs", m.bandwidth_gbs},
            {"peak_gflops", m.gflops}};
  if (s.flops) {
    const double gflops = s.mean_ns > 0 ? *s.flops / s.mean_ns : 0;  // FLOP/ns == GFLOP/s
    const double fl_floor = m.gflops > 0 ? *s.flops / m.gflops : 0;
    r["flops"] = *s.flops;
    r["achieved_gflops"] = gflops;
    r["flop_floor_ns"] = fl_floor;
    r["fraction_of_flops"] = m.gflops > 0 ? gflops / m.gflops : 0;
    r["bound"] = fl_floor > bw_floor ? "compute" : "memory";  // which peak limits this shape
  }
  return r;
}

std::string profile_table(const nlohmann::json& rows, const problem::MachineProfile& m) {
  std::string t = fmt::format("profile ({}; machine: {:.1f} GB/s, {:.0f} GFLOP/s fp32{})\n", m.backend,
                              m.bandwidth_gbs, m.gflops, m.threads > 0 ? fmt::format(", {} threads", m.threads) : "");
  t += fmt::format("{:<32} {:>11} {:>10} {:>9} {:>8} {:>10} {:>8} {:>11} {:>8}\n", "shape", "mean µs", "MB moved",
                   "GB/s", "of peak", "GFLOP/s", "of peak", "floor µs", "bound");
  for (auto& r : rows) {
    const bool has_flops = r["flops"].is_number();
    const double floor_ns = std::max(r["bandwidth_floor_ns"].get<double>(),
                                     has_flops ? r["flop_floor_ns"].get<double>() : 0.0);
    t += fmt::format("{:<32} {:>11.2f} {:>10.3f} {:>9.2f} {:>7.1f}% {:>10} {:>8} {:>11.2f} {:>8}\n",
                     r["shape"].get<std::string>().substr(0, 32), r["mean_ns"].get<double>() / 1e3,
                     r["bytes"].get<double>() / 1e6, r["achieved_gbs"].get<double>(),
                     100 * r["fraction_of_bandwidth"].get<double>(),
                     has_flops ? fmt::format("{:.1f}", r["achieved_gflops"].get<double>()) : "n/a",
                     has_flops ? fmt::format("{:.1f}%", 100 * r["fraction_of_flops"].get<double>()) : "n/a",
                     floor_ns / 1e3, r["bound"].get<std::string>());
  }
  bool header = false;
  for (auto& r : rows) {  // the GPU: each shape's kernels again under Nsight Compute
    if (!r.contains("ncu")) continue;
    if (!header)
      t += fmt::format("\nNsight Compute (the same kernels in a separate profile target, median of its calls)\n"
                       "{:<32} {:>11} {:>11} {:>10} {:>10} {:>9}  {}\n",
                       "shape", "Arbiter µs", "ncu µs", "diff µs", "DRAM MB", "DRAM GB/s", "kernels");
    header = true;
    const auto& n = r["ncu"];
    if (!n.value("ok", false)) {
      t += fmt::format("{:<32} {}\n", r["shape"].get<std::string>().substr(0, 32), n.value("note", "").substr(0, 300));
      continue;
    }
    std::string names;
    for (auto& k : n["kernels"]) names += (names.empty() ? "" : ", ") + k.get<std::string>();
    t += fmt::format("{:<32} {:>11.2f} {:>11.2f} {:>10.2f} {:>10.3f} {:>9.1f}  {}\n",
                     r["shape"].get<std::string>().substr(0, 32), r["mean_ns"].get<double>() / 1e3,
                     n["duration_ns"].get<double>() / 1e3, n["arbiter_minus_ncu_ns"].get<double>() / 1e3,
                     n["dram_bytes"].get<double>() / 1e6, n["dram_gbs"].get<double>(), names.substr(0, 60));
  }
  return t;
}

}  // namespace arbiter::judge
