#include "sandbox/gpu_devices.hpp"

#include <filesystem>

namespace arbiter::sandbox {

std::vector<std::string> nvidia_device_nodes() {
  std::vector<std::string> nodes;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/dev", ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("nvidia", 0) == 0 && !e.is_directory(ec)) nodes.push_back(e.path().string());
  }
  return nodes;
}

std::vector<std::string> nvidia_sys_paths() {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const char* p : {"/sys/bus/pci", "/sys/devices", "/sys/module/nvidia"})
    if (std::filesystem::exists(p, ec)) paths.emplace_back(p);
  return paths;
}

}  // namespace arbiter::sandbox
