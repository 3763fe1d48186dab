// arbiter: one binary, one subcommand per cmd_*.cpp file in this folder.
#include <cstdio>
#include <exception>

#include "cli/registry.hpp"

int main(int argc, char** argv) {
  CLI::App app{"arbiter: judges GPU and CPU kernels from untrusted submitters"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("arbiter ") + ARBITER_VERSION);
  arbiter::cli::add_all(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "arbiter: error: %s\n", e.what());
    return 3;
  }
  return arbiter::cli::exit_code();
}
