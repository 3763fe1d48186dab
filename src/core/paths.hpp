#pragma once
// Where Arbiter keeps its state: $ARBITER_HOME, else $XDG_CONFIG_HOME/arbiter, else ~/.config/arbiter.
#include <filesystem>
#include <string>

namespace arbiter {
std::filesystem::path config_dir();
std::filesystem::path cache_dir();  // config_dir()/cache, for compiled references
// Creates dir (and parents) with mode 0700; throws Error naming the path on failure.
void ensure_private_dir(const std::filesystem::path& dir);
// A whole file's bytes; throws Error naming the path when it cannot be read.
std::string read_file(const std::filesystem::path& p);
// Path of the running executable (/proc/self/exe resolved).
std::filesystem::path self_exe();
}  // namespace arbiter
