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

}  // namespace arbiter::sandbox
