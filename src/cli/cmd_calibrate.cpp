// arbiter calibrate [--backend cpu|cuda]: measures this machine's peaks for the physical floors.
#include <iostream>
#include <memory>
#include <string>

#include "cli/registry.hpp"
#include "judge/run_backend.hpp"
#include "problem/machine_profile.hpp"

namespace {
using namespace arbiter;
cli::Registrar reg{40, [](CLI::App& app) {
  auto* c = app.add_subcommand("calibrate", "Measure this machine's bandwidth and FLOP rate for physical floors");
  auto backend = std::make_shared<std::string>("cpu");
  c->add_option("--backend", *backend, "cpu, or cuda for the GPU (device 0)")->check(CLI::IsMember({"cpu", "cuda"}));
  c->callback([backend] {
    problem::MachineProfile m = judge::calibrate_backend(*backend);
    std::cout << m.backend << ": " << m.bandwidth_gbs << " GB/s copy bandwidth, " << m.gflops << " GFLOP/s fp32, "
              << m.threads << (m.backend == "cuda" ? " multiprocessors" : " threads") << "\nsaved to "
              << problem::profile_path(m.backend).string() << "\n";
  });
}};
}  // namespace
