// arbiter calibrate: measures this machine's peaks for the physical floors.
#include <iostream>

#include "cli/registry.hpp"
#include "problem/machine_profile.hpp"

namespace {
using namespace arbiter;
cli::Registrar reg{40, [](CLI::App& app) {
  auto* c = app.add_subcommand("calibrate", "Measure this machine's bandwidth and FLOP rate for physical floors");
  c->callback([] {
    problem::MachineProfile m = problem::measure_cpu_profile();
    problem::save_profile(m);
    std::cout << "cpu: " << m.bandwidth_gbs << " GB/s copy bandwidth, " << m.gflops << " GFLOP/s fp32 FMA, "
              << m.threads << " threads\nsaved to " << problem::profile_path("cpu").string() << "\n";
  });
}};
}  // namespace
