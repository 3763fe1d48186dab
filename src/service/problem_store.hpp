#pragma once
// Problem directories travel as JSON {relative path: base64 content} so that workers on other hosts
// need no shared filesystem: the client packs a directory, the server stores it once by SHA-256,
// and each worker unpacks it into its cache.
#include <nlohmann/json.hpp>
#include <string>

namespace arbiter::service::problems {

struct Packed {
  nlohmann::json files = nlohmann::json::object();  // path -> base64
  std::string sha;                                  // sha256 of files.dump()
};

constexpr std::size_t kMaxProblemBytes = 32u << 20;

// Reads every regular file under `dir` (skipping dot-files and `submissions/`); throws on
// oversized directories or unsafe names.
Packed pack_directory(const std::string& dir);

// Validates paths and sizes and computes the sha; throws std::invalid_argument with a message.
Packed validate(const nlohmann::json& files);

struct Meta {
  std::string name;
  std::string ranking;  // last | mean | geom
};
// Reads the problem's name and ranking from problem.toml (ours) or task.yml (reference-kernels).
Meta describe(const nlohmann::json& files, const std::string& fallback_name);

// Writes the files under `dir` (created); returns dir.
void unpack(const nlohmann::json& files, const std::string& dir);

}  // namespace arbiter::service::problems
