#include "judge/ncu_profile.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "core/paths.hpp"
#include "judge/subprocess.hpp"

namespace arbiter::judge {
namespace fs = std::filesystem;

std::optional<fs::path> find_ncu() {
  if (const char* e = std::getenv("ARBITER_NCU"); e && *e) {
    if (fs::exists(e)) return fs::path(e);
    return std::nullopt;
  }
  std::vector<fs::path> dirs;
  if (const char* path = std::getenv("PATH")) {
    std::stringstream ss(path);
    for (std::string d; std::getline(ss, d, ':');)
      if (!d.empty()) dirs.emplace_back(d);
  }
  for (const char* d : {"/usr/local/cuda/bin", "/usr/local/cuda-13.0/bin", "/opt/nvidia/nsight-compute"}) dirs.emplace_back(d);
  for (auto& d : dirs)
    if (std::error_code ec; fs::is_regular_file(d / "ncu", ec)) return d / "ncu";
  return std::nullopt;
}

NcuShape ncu_profile_shape(const fs::path& ncu, const fs::path& submission_so, const wire::SetupCase& layout,
                           const std::vector<unsigned char>& inputs, const fs::path& work, int calls,
                           double time_limit_s, const std::string& launch) {
  fs::create_directories(work);
  nlohmann::json j;
  auto tensors = [](const std::vector<wire::TensorDesc>& ts) {
    nlohmann::json a = nlohmann::json::array();
    for (auto& t : ts)
      a.push_back({{"name", t.name}, {"dtype", t.dtype}, {"shape", t.shape}, {"offset", t.offset}, {"bytes", t.bytes}});
    return a;
  };
  j["inputs"] = tensors(layout.inputs);
  j["outputs"] = tensors(layout.outputs);
  j["input_size"] = inputs.size();
  j["output_size"] = layout.output_size;
  j["params"] = nlohmann::json::object();
  for (auto& p : layout.params) j["params"][p.name] = p.value;
  std::ofstream(work / "layout.json") << j.dump();
  if (!launch.empty()) std::ofstream(work / "launch.json") << launch;
  std::ofstream(work / "inputs.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(inputs.data()), static_cast<std::streamsize>(inputs.size()));

  const fs::path log = work / "ncu.csv";
  SubprocessSpec spec;
  spec.argv = {ncu.string(), "--csv", "--print-units", "base", "--clock-control", "none", "--target-processes", "all",
               "--port", std::to_string(kNcuPort), "--max-connections", std::to_string(kNcuPorts), "--metrics",
               "gpu__time_duration.sum,dram__bytes_read.sum,dram__bytes_write.sum", "--log-file",
               log.string(), self_exe().string(), "profile-target", "--so", submission_so.string(), "--case",
               work.string(), "--calls", std::to_string(calls)};
  // The judge's own settings for finding the driver and the device, nothing else of its environment.
  spec.env = {"HOME=" + work.string(), "TMPDIR=" + work.string()};
  for (const char* k : {"PATH", "LD_LIBRARY_PATH", "CUDA_VISIBLE_DEVICES", "NVIDIA_VISIBLE_DEVICES",
                        "NVIDIA_DRIVER_CAPABILITIES", "CUDA_HOME", "ARBITER_DEV_NCU_NO_LANDLOCK"})
    if (const char* v = std::getenv(k)) spec.env.push_back(std::string(k) + "=" + v);
  if (!std::getenv("PATH")) spec.env.emplace_back("PATH=/usr/local/cuda/bin:/usr/bin:/bin");
  spec.cwd = work.string();
  spec.time_limit_s = time_limit_s;
  spec.address_space_mb = 0;  // the CUDA driver reserves huge ranges
  spec.file_size_mb = 1024;
  spec.landlock = false;  // ncu itself is trusted; the target confines itself (ncu_target.cpp)
  const SubprocessResult r = run_subprocess(spec);

  NcuShape s;
  std::ifstream f(log);
  std::stringstream csv;
  csv << f.rdbuf();
  auto tail = [](const std::string& t) { return t.size() > 600 ? "…" + t.substr(t.size() - 600) : t; };
  if (r.timed_out) s.note = fmt::format("ncu did not finish within {:.0f} s", time_limit_s);
  else if (r.exit_code != 0) s.note = fmt::format("ncu exited with {}: {}", r.exit_code, tail(r.output + csv.str()));
  if (!s.note.empty()) return s;
  try {
    s = summarise_ncu(parse_ncu_csv(csv.str()), calls);
    if (!s.ok && s.note.find("no kernel") != std::string::npos) s.note += ": " + tail(r.output + csv.str());
  } catch (const std::exception& e) {
    s.note = e.what();
  }
  return s;
}

}  // namespace arbiter::judge
