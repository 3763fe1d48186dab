// Builds without the CUDA backend have no profile target.
#include <cstdio>

#include "judge/ncu_profile.hpp"

namespace arbiter::judge {

int run_profile_target(const std::filesystem::path& /*so*/, const std::filesystem::path& /*case_dir*/, int /*calls*/) {
  std::fprintf(stderr, "profile-target: this build has no CUDA backend\n");
  return 1;
}

}  // namespace arbiter::judge
