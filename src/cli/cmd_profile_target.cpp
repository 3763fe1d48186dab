// arbiter profile-target: internal; `--mode profile` runs it under Nsight Compute
// (judge/ncu_profile.hpp). Not for direct use.
#include "cli/registry.hpp"
#include "judge/ncu_profile.hpp"

namespace {
using namespace arbiter;
struct Args {
  std::string so, case_dir;
  int calls = 10;
};
cli::Registrar reg{1001, [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* c = app.add_subcommand("profile-target", "");  // empty description: hidden from --help
  c->group("");
  c->add_option("--so", a->so)->required();
  c->add_option("--case", a->case_dir)->required();
  c->add_option("--calls", a->calls);
  c->callback([a] { cli::set_exit_code(judge::run_profile_target(a->so, a->case_dir, a->calls)); });
}};
}  // namespace
