#pragma once
// nvcc runs its host front end (preprocess, cudafe++) and its device branch
// (preprocess, cicc, ptxas, fatbinary) one after the other, though neither
// reads what the other writes except a module id that cudafe++ generates and
// cicc reads. Written first, the two run side by side: about half of a small
// CUDA C++ build's time. The steps are nvcc's own, from its dry run, so the
// flags, paths and tools stay exactly nvcc's; any other shape of dry run is
// left to nvcc.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arbiter::judge {

// One step of `nvcc --dryrun`'s output ("#$ " lines): an environment setting or
// a shell command.
struct NvccStep {
  std::string text;                 // as nvcc prints it, for /bin/sh
  std::vector<std::string> tokens;  // the command's words with the shell's quoting removed
  bool assignment = false;          // NAME=value: nvcc's environment, not a command
};

std::vector<NvccStep> parse_nvcc_dryrun(std::string_view dryrun);

// The /bin/sh script that runs the dry run's steps with both branches at once,
// each branch's output kept apart (the host branch's shown first, as nvcc does)
// under log_dir; nullopt when the steps are not the known shape.
std::optional<std::string> split_nvcc_script(const std::vector<NvccStep> &steps, std::string_view module_id,
                                             const std::string &log_dir);

// A module id for the translation unit: an identifier derived from its content
// and name.
std::string nvcc_module_id(std::string_view source, std::string_view file_name);

}  // namespace arbiter::judge
