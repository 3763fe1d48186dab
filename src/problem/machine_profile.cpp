#include "problem/machine_profile.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/paths.hpp"

namespace arbiter::problem {
namespace fs = std::filesystem;

namespace {
double measure_bandwidth(int threads) {
  const std::size_t per = std::size_t{64} << 20;  // 64 MiB per thread, beyond any LLC slice
  std::vector<std::vector<float>> src(threads, std::vector<float>(per / 4, 1.0f)), dst = src;
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    int64_t t0 = now_ns();
    std::vector<std::thread> ts;
    ts.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t)
      ts.emplace_back([&, t] { std::copy(src[t].begin(), src[t].end(), dst[t].begin()); });
    for (auto& t : ts) t.join();
    double s = static_cast<double>(now_ns() - t0) * 1e-9;
    best = std::max(best, 2.0 * static_cast<double>(per) * threads / s / 1e9);
  }
  return best;
}

double measure_gflops(int threads) {
  const int64_t iters = 20'000'000;
  double best = 0;
  for (int rep = 0; rep < 2; ++rep) {
    std::vector<float> sink(threads);
    int64_t t0 = now_ns();
    std::vector<std::thread> ts;
    ts.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t)
      ts.emplace_back([&, t] {
        float a[16], b = 1.0000001f, c = 1e-7f;
        for (int i = 0; i < 16; ++i) a[i] = static_cast<float>(i);
        for (int64_t i = 0; i < iters; ++i)
          for (int j = 0; j < 16; ++j) a[j] = a[j] * b + c;  // 16 independent FMA chains: vectorisable
        float s = 0;
        for (float v : a) s += v;
        sink[t] = s;
      });
    for (auto& t : ts) t.join();
    double s = static_cast<double>(now_ns() - t0) * 1e-9;
    best = std::max(best, 2.0 * 16 * static_cast<double>(iters) * threads / s / 1e9);
  }
  return best;
}
}  // namespace

MachineProfile measure_cpu_profile() {
  MachineProfile m;
  m.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  m.bandwidth_gbs = measure_bandwidth(m.threads);
  m.gflops = measure_gflops(m.threads);
  return m;
}

fs::path profile_path(const std::string& backend) { return config_dir() / ("machine-" + backend + ".json"); }

void save_profile(const MachineProfile& m) {
  ensure_private_dir(config_dir());
  nlohmann::json j = {{"backend", m.backend}, {"bandwidth_gbs", m.bandwidth_gbs}, {"gflops", m.gflops},
                      {"threads", m.threads}};
  const fs::path p = profile_path(m.backend), tmp = p.string() + ".tmp";
  std::ofstream(tmp) << j.dump(2) << "\n";
  fs::rename(tmp, p);
}

MachineProfile load_or_measure_profile(const std::string& backend) {
  const fs::path p = profile_path(backend);
  if (std::ifstream f{p}) {
    try {
      auto j = nlohmann::json::parse(f);
      MachineProfile m;
      m.backend = j.at("backend").get<std::string>();
      m.bandwidth_gbs = j.at("bandwidth_gbs").get<double>();
      m.gflops = j.at("gflops").get<double>();
      m.threads = j.at("threads").get<int>();
      if (m.bandwidth_gbs > 0 && m.gflops > 0) return m;
    } catch (const std::exception&) {
      // A damaged profile is measured again below.
    }
  }
  if (backend != "cpu") fail("no machine profile for backend '{}': run `arbiter calibrate --backend {}`", backend, backend);
  MachineProfile m = measure_cpu_profile();
  save_profile(m);
  return m;
}

double floor_ns(const Problem& p, const Params& params, const MachineProfile& m) {
  double t = 0;
  const bool cpu = m.backend == "cpu";
  const double bw = std::max(m.bandwidth_gbs * kBandwidthMargin, cpu ? kMinCpuBandwidthGbs : 0.0);
  const double fl = std::max(m.gflops * kFlopMargin, cpu ? kMinCpuGflops : 0.0);
  if (p.floor_bytes && bw > 0) t = std::max(t, static_cast<double>(p.floor_bytes->eval(params)) / bw);
  if (p.floor_flops && fl > 0) t = std::max(t, static_cast<double>(p.floor_flops->eval(params)) / fl);
  return t;  // bytes / (GB/s) = ns
}

}  // namespace arbiter::problem
