#include "service/problem_store.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "service/util.hpp"

namespace fs = std::filesystem;

namespace arbiter::service::problems {
namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Value of `key = "..."` / `key: "..."` in a TOML or YAML text (first occurrence at line start).
std::string find_scalar(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, key.size(), key) != 0) continue;
    auto rest = line.substr(start + key.size());
    auto sep = rest.find_first_not_of(" \t");
    if (sep == std::string::npos || (rest[sep] != '=' && rest[sep] != ':')) continue;
    auto value = rest.substr(sep + 1);
    auto hash = value.find('#');
    if (hash != std::string::npos && value.find('"') > hash) value = value.substr(0, hash);
    auto b = value.find_first_not_of(" \t\"'");
    auto e = value.find_last_not_of(" \t\"'\r");
    if (b == std::string::npos) return {};
    return value.substr(b, e - b + 1);
  }
  return {};
}

}  // namespace

Packed pack_directory(const std::string& dir) {
  fs::path root(dir);
  if (!fs::is_directory(root)) throw std::runtime_error("not a problem directory: " + dir);
  nlohmann::json files = nlohmann::json::object();
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    auto rel = fs::relative(it->path(), root).generic_string();
    auto name = it->path().filename().string();
    if (name[0] == '.' || rel == "submissions" || rel == "__pycache__") {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (!safe_relative_path(rel)) throw std::runtime_error("unsupported file name in problem directory: " + rel);
    std::string content = read_file(it->path());
    total += content.size();
    if (total > kMaxProblemBytes) throw std::runtime_error("problem directory is larger than 32 MiB: " + dir);
    files[rel] = base64_encode(content);
  }
  if (files.empty()) throw std::runtime_error("problem directory is empty: " + dir);
  return validate(files);
}

Packed validate(const nlohmann::json& files) {
  if (!files.is_object() || files.empty())
    throw std::invalid_argument("'files' must be a non-empty object {relative path: base64 content}");
  std::size_t total = 0;
  for (auto& [path, content] : files.items()) {
    if (!safe_relative_path(path)) throw std::invalid_argument("unsafe file name in problem: '" + path + "'");
    if (!content.is_string()) throw std::invalid_argument("file '" + path + "' must be a base64 string");
    std::string raw;
    if (!base64_decode(content.get<std::string>(), raw))
      throw std::invalid_argument("file '" + path + "' is not valid base64");
    total += raw.size();
  }
  if (total > kMaxProblemBytes) throw std::invalid_argument("problem files exceed 32 MiB");
  if (!files.contains("problem.toml") && !files.contains("task.yml"))
    throw std::invalid_argument("a problem needs problem.toml (Arbiter) or task.yml (reference-kernels)");
  Packed p;
  p.files = files;
  p.sha = sha256_hex(files.dump());
  return p;
}

Meta describe(const nlohmann::json& files, const std::string& fallback_name) {
  Meta m;
  std::string raw;
  if (files.contains("problem.toml") && base64_decode(files["problem.toml"].get<std::string>(), raw)) {
    m.name = find_scalar(raw, "name");
    m.ranking = find_scalar(raw, "ranking");
  } else if (files.contains("task.yml") && base64_decode(files["task.yml"].get<std::string>(), raw)) {
    m.ranking = find_scalar(raw, "ranking_by");
  }
  if (m.name.empty()) m.name = fallback_name;
  if (m.ranking == "geomean") m.ranking = "geom";
  if (m.ranking != "mean" && m.ranking != "geom") m.ranking = "last";
  return m;
}

void unpack(const nlohmann::json& files, const std::string& dir) {
  fs::create_directories(dir);
  for (auto& [path, content] : files.items()) {
    if (!safe_relative_path(path)) throw std::runtime_error("unsafe path from server: " + path);
    std::string raw;
    if (!base64_decode(content.get<std::string>(), raw)) throw std::runtime_error("bad base64 for " + path);
    fs::path out = fs::path(dir) / path;
    fs::create_directories(out.parent_path());
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f.write(raw.data(), static_cast<std::streamsize>(raw.size()));
    if (!f) throw std::runtime_error("cannot write " + out.string());
  }
}

}  // namespace arbiter::service::problems
