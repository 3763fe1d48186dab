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

namespace {
// One CSV line: quoted fields ("a","1,234"), doubled quotes inside.
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') cur += '"', ++i;
      else if (c == '"') quoted = false;
      else cur += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

double scaled(const std::string& value, const std::string& unit) {
  std::string v;
  for (char c : value)
    if (c != ',') v += c;
  char* end = nullptr;
  const double x = std::strtod(v.c_str(), &end);
  if (end == v.c_str()) return 0;
  static const std::map<std::string, double> k = {
      {"nsecond", 1},   {"ns", 1},        {"usecond", 1e3}, {"us", 1e3},       {"msecond", 1e6},
      {"ms", 1e6},      {"second", 1e9},  {"s", 1e9},       {"byte", 1},       {"Kbyte", 1e3},
      {"Mbyte", 1e6},   {"Gbyte", 1e9},   {"KB", 1e3},      {"MB", 1e6},       {"GB", 1e9}};
  auto it = k.find(unit);
  return x * (it == k.end() ? 1 : it->second);
}
}  // namespace

std::vector<NcuKernel> parse_ncu_csv(const std::string& csv) {
  std::istringstream in(csv);
  std::vector<std::string> header;
  std::map<std::string, std::size_t> col;
  std::vector<NcuKernel> kernels;
  std::map<std::string, std::size_t> by_id;
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty() || line[0] != '"') continue;  // ncu's own ==PROF== / ==WARNING== lines
    auto f = csv_fields(line);
    if (header.empty()) {
      header = f;
      for (std::size_t i = 0; i < f.size(); ++i) col[f[i]] = i;
      for (const char* need : {"ID", "Kernel Name", "Metric Name", "Metric Unit", "Metric Value"})
        if (!col.count(need)) fail("ncu CSV line {}: no column '{}' (is this `ncu --csv` output?)", line_no, need);
      continue;
    }
    if (f.size() < header.size()) fail("ncu CSV line {}: {} fields, the header has {}", line_no, f.size(), header.size());
    const std::string& id = f[col["ID"]];
    auto [it, fresh] = by_id.emplace(id, kernels.size());
    if (fresh) kernels.push_back({f[col["Kernel Name"]], 0, 0});
    NcuKernel& k = kernels[it->second];
    const std::string& metric = f[col["Metric Name"]];
    const double v = scaled(f[col["Metric Value"]], f[col["Metric Unit"]]);
    if (metric == "gpu__time_duration.sum") k.duration_ns = v;
    else if (metric == "dram__bytes_read.sum" || metric == "dram__bytes_write.sum") k.dram_bytes += v;
  }
  return kernels;
}

NcuShape summarise_ncu(const std::vector<NcuKernel>& kernels, int calls) {
  NcuShape s;
  s.calls = calls;
  if (calls <= 0 || kernels.empty()) {
    s.note = kernels.empty() ? "ncu profiled no kernel of the submission" : "no calls";
    return s;
  }
  if (kernels.size() % static_cast<std::size_t>(calls) != 0) {
    s.note = fmt::format("ncu saw {} kernels over {} calls: not the same kernels every call", kernels.size(), calls);
    return s;
  }
  s.kernels_per_call = static_cast<int>(kernels.size() / static_cast<std::size_t>(calls));
  std::vector<double> dur, bytes;
  for (int c = 0; c < calls; ++c) {
    double d = 0, b = 0;
    for (int i = 0; i < s.kernels_per_call; ++i) {
      const NcuKernel& k =
          kernels[static_cast<std::size_t>(c) * static_cast<std::size_t>(s.kernels_per_call) + static_cast<std::size_t>(i)];
      d += k.duration_ns;
      b += k.dram_bytes;
      if (c == 0) s.kernel_names.push_back(k.name.substr(0, k.name.find('(')));
    }
    dur.push_back(d);
    bytes.push_back(b);
  }
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  s.duration_ns = median(dur);
  s.dram_bytes = median(bytes);
  s.ok = true;
  return s;
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
