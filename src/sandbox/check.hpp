#pragma once
// What this machine's kernel offers the contestant's sandbox, probed without starting one
// (`arbiter sandbox-check` also starts a real contestant and prints what it got).
#include <string>
#include <vector>

namespace arbiter::sandbox::check {

struct Feature {
  std::string name;
  bool available = false;
  std::string detail;
};

std::vector<Feature> probe_kernel();

}  // namespace arbiter::sandbox::check
