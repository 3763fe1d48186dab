// arbiter-audit: the auditor alone, for building and benchmarking before the full `arbiter` binary
// links (it has the same options as `arbiter audit`).
#include <CLI/CLI.hpp>

#include <iostream>

#include "audit/command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"arbiter-audit: static audit of kernel submissions"};
  arbiter::audit::CommandOptions o;
  app.add_option("paths", o.paths, "files, directories, archives (tar/zip), .jsonl exports of {id, code}");
  app.add_flag("--json", o.json, "JSON output");
  app.add_flag("--all", o.all_files, "also list clean files in the table");
  app.add_flag("--self-test", o.self_test, "check every rule against its examples");
  app.add_flag("--list-rules", o.list_rules, "print the rules");
  app.add_option("--rules", o.rules_dir, "directory of rule files (default: built-in rules)");
  app.add_option("--max-file-bytes", o.max_file_bytes, "largest submission audited");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 3;
  }
  return arbiter::audit::run_audit_command(o, std::cout, std::cerr);
}
