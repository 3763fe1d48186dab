#include "service/competition.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <stdexcept>

#include "service/util.hpp"

namespace arbiter::service::competition {

std::vector<Entry> read(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot read competition file " + path + ": " + e.what());
  }
  if (!root.IsMap() || !root["problems"] || !root["problems"].IsSequence())
    throw std::runtime_error(path + ": a competition file needs a 'problems' list");
  std::string default_deadline = root["deadline"] ? root["deadline"].as<std::string>("") : "";
  auto base = std::filesystem::absolute(path).parent_path();
  std::vector<Entry> out;
  std::size_t index = 0;
  for (const auto& p : root["problems"]) {
    std::string where = path + ": problems[" + std::to_string(index++) + "]";
    if (!p.IsMap() || !p["directory"]) throw std::runtime_error(where + " needs a 'directory'");
    Entry e;
    e.directory = (base / p["directory"].as<std::string>()).lexically_normal().string();
    std::string name = p["name"] ? p["name"].as<std::string>() : std::filesystem::path(e.directory).filename().string();
    for (char& c : name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) c = '_';
    e.leaderboard = name.substr(0, 64);
    if (!safe_name(e.leaderboard)) throw std::runtime_error(where + ": unusable name '" + name + "'");
    e.deadline = p["deadline"] ? p["deadline"].as<std::string>("") : default_deadline;
    if (p["gpus"] && p["gpus"].IsSequence())
      for (const auto& g : p["gpus"]) e.gpus.push_back(g.as<std::string>());
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace arbiter::service::competition
