#include "judge/ncu_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

#include "core/error.hpp"

namespace arbiter::judge {

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
  if (end == v.c_str() || !std::isfinite(x)) return 0;
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

}  // namespace arbiter::judge
