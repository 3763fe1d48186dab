#pragma once
// `arbiter audit PATH...`: shared by src/cli/cmd_audit.cpp and the standalone arbiter-audit driver.
#include <ostream>
#include <string>
#include <vector>

namespace arbiter::audit {

struct CommandOptions {
  std::vector<std::string> paths;
  bool json = false;
  bool all_files = false;  // table: also list clean files
  bool self_test = false;  // check every rule's examples and exit
  bool list_rules = false;
  std::string rules_dir;   // load rules from here instead of the built-in set
  size_t max_file_bytes = 4u << 20;
};

// Returns the exit status: 0 clean, 1 review, 2 reject, 3 usage or input error.
int run_audit_command(const CommandOptions& opts, std::ostream& out, std::ostream& err);

}  // namespace arbiter::audit
