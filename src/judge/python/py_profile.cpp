#include "judge/python/py_profile.hpp"

#include <fmt/format.h>

namespace arbiter::judge::python {

nlohmann::json profile_row(const ShapeProfile& s, const problem::MachineProfile& m) {
  const double floor_ns = m.bandwidth_gbs > 0 ? s.bytes / m.bandwidth_gbs : 0;  // GB/s == bytes/ns
  const double gbs = s.mean_ns > 0 ? s.bytes / s.mean_ns : 0;
  return {{"shape", s.name},
          {"mean_ns", s.mean_ns},
          {"bytes", s.bytes},
          {"achieved_gbs", gbs},
          {"bandwidth_floor_ns", floor_ns},
          {"fraction_of_bandwidth", m.bandwidth_gbs > 0 ? gbs / m.bandwidth_gbs : 0},
          {"flops", nullptr},
          {"achieved_gflops", nullptr},
          {"peak_gbs", m.bandwidth_gbs},
          {"peak_gflops", m.gflops}};
}

std::string profile_table(const nlohmann::json& rows, const problem::MachineProfile& m) {
  std::string t = fmt::format("profile (CPU; machine: {:.1f} GB/s streaming, {:.0f} GFLOP/s fp32, {} threads)\n",
                              m.bandwidth_gbs, m.gflops, m.threads);
  t += fmt::format("{:<40} {:>12} {:>12} {:>10} {:>12} {:>8} {:>10}\n", "shape", "mean µs", "MB moved", "GB/s",
                   "floor µs", "of peak", "GFLOP/s");
  for (auto& r : rows)
    t += fmt::format("{:<40} {:>12.1f} {:>12.3f} {:>10.2f} {:>12.1f} {:>7.1f}% {:>10}\n",
                     r["shape"].get<std::string>().substr(0, 40), r["mean_ns"].get<double>() / 1e3,
                     r["bytes"].get<double>() / 1e6, r["achieved_gbs"].get<double>(),
                     r["bandwidth_floor_ns"].get<double>() / 1e3, 100 * r["fraction_of_bandwidth"].get<double>(),
                     "n/a");
  return t;
}

}  // namespace arbiter::judge::python
