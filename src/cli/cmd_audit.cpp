// `arbiter audit PATH...`: static audit of submissions (src/audit, docs/AUDIT.md). Only parsing here.
#include <iostream>
#include <memory>

#include "audit/command.hpp"
#include "cli/registry.hpp"

namespace {
arbiter::cli::Registrar reg{60, [](CLI::App& app) {
  auto opts = std::make_shared<arbiter::audit::CommandOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "static audit of submissions: cheat patterns by rule, line and evidence");
  cmd->add_option("paths", opts->paths, "files, directories, archives (tar/zip), .jsonl exports of {id, code}");
  cmd->add_flag("--json", opts->json, "JSON output: {verdict, score, findings, files, errors}");
  cmd->add_flag("--all", opts->all_files, "also list clean files in the table");
  cmd->add_flag("--self-test", opts->self_test, "check every rule against its examples");
  cmd->add_flag("--list-rules", opts->list_rules, "print the rules");
  cmd->add_option("--rules", opts->rules_dir, "directory of rule files (default: built-in rules)");
  cmd->add_option("--max-file-bytes", opts->max_file_bytes, "largest submission audited");
  cmd->callback([opts] { arbiter::cli::set_exit_code(arbiter::audit::run_audit_command(*opts, std::cout, std::cerr)); });
}};
}  // namespace
