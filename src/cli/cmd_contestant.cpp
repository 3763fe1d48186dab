// arbiter contestant: internal; the judge execs it. Not for direct use.
#include "cli/registry.hpp"
#include "contestant/contestant.hpp"

namespace {
using namespace arbiter;
cli::Registrar reg{1000, [](CLI::App& app) {
  auto o = std::make_shared<contestant::Options>();
  auto* c = app.add_subcommand("contestant", "");  // empty description: hidden from --help
  c->group("");
  c->add_option("--channel", o->channel_fd)->required();
  c->add_option("--violation", o->violation_fd)->required();
  c->add_option("--ro", o->read_only_paths);
  c->add_option("--rw", o->read_write_paths);
  c->add_option("--address-space-mb", o->address_space_mb);
  c->add_option("--cpu-seconds", o->cpu_seconds);
  c->add_flag("--unsandboxed-for-bench", o->unsandboxed_for_bench);
  c->callback([o] { cli::set_exit_code(contestant::run(*o)); });
}};
}  // namespace
