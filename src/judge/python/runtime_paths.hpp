#pragma once
// What the embedded interpreter of arbiter-python-contestant reads (its stdlib, site dirs,
// torch/numpy), asked from that very binary once per judge process, so the contestant's mount
// tree and Landlock rules bind exactly these whatever the distribution's layout.
#include <filesystem>
#include <string>
#include <vector>

namespace arbiter::judge::python {

// Where the oracle's interpreter ($ARBITER_PYTHON) is a virtual environment (a GPU host's
// /opt/…/.venv holding torch over the system's python3.X): its root (the warm-up's interpreter
// reads pyvenv.cfg there) and its site-packages, ':'-joined, for the contestant's PYTHONPATH (its
// embedded interpreter is the same python3.X but knows no venv). Both empty otherwise.
struct VenvPaths {
  std::string prefix, pythonpath;
};
const VenvPaths& oracle_venv();

// `contestant --runtime-paths`, run unsandboxed (it imports nothing of the submission).
// Throws when the interpreter cannot start.
const std::vector<std::string>& interpreter_paths(const std::filesystem::path& contestant);

// base + extra, without entries that lie beneath another entry (binding /usr already binds
// /usr/lib/python3.11). Order: as given, parents kept.
std::vector<std::string> without_nested(const std::vector<std::string>& paths);

}  // namespace arbiter::judge::python
