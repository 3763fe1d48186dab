#include "judge/run_backend.hpp"

#include "backend/cpu/cache_flush.hpp"
#include "backend/cpu/case_memory.hpp"
#include "core/error.hpp"

namespace arbiter::judge {
namespace {

class CpuBackend final : public RunBackend {
 public:
  const char* name() const override { return "cpu"; }
  std::unique_ptr<backend::CaseMemory> case_memory(std::size_t in, std::size_t /*out: per call*/) override {
    return std::make_unique<backend::cpu::HostCaseMemory>(in, flusher_);
  }
  void prepare_spawn(SpawnOptions&) const override {}
  problem::MachineProfile machine() override { return problem::load_or_measure_profile("cpu"); }
  nlohmann::json device() const override { return {{"kind", "cpu"}, {"flush_bytes", flusher_.bytes()}}; }

 private:
  backend::cpu::CacheFlusher flusher_;
};

}  // namespace

std::unique_ptr<RunBackend> make_cpu_backend() { return std::make_unique<CpuBackend>(); }

problem::MachineProfile calibrate_backend(const std::string& backend) {
  if (backend == "cuda") return calibrate_cuda();
  if (backend != "cpu") fail("unknown backend '{}': cpu or cuda", backend);
  problem::MachineProfile m = problem::measure_cpu_profile();
  problem::save_profile(m);
  return m;
}

std::string backend_for(const std::string& submission_path) {
  auto ends = [&](const char* suffix) {
    const std::string s(suffix);
    return submission_path.size() >= s.size() && submission_path.compare(submission_path.size() - s.size(), s.size(), s) == 0;
  };
  return ends(".cu") || ends(".cubin") || ends(".fatbin") || ends(".ptx") ? "cuda" : "cpu";
}

}  // namespace arbiter::judge
