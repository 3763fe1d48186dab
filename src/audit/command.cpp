#include "audit/command.hpp"

#include <unistd.h>

#include <exception>

#include "audit/auditor.hpp"
#include "audit/inputs.hpp"
#include "audit/report.hpp"
#include "audit/rule_loader.hpp"
#include "audit/self_test.hpp"

namespace arbiter::audit {

int run_audit_command(const CommandOptions& opts, std::ostream& out, std::ostream& err) {
  std::optional<Auditor> auditor;
  try {
    AuditOptions ao;
    ao.max_file_bytes = opts.max_file_bytes;
    auditor.emplace(load_rules(opts.rules_dir), ao);
  } catch (const std::exception& e) {
    err << "arbiter audit: cannot load rules: " << e.what() << "\n";
    return 3;
  }
  if (opts.list_rules) {
    for (auto& r : auditor->rules())
      out << r.id << "\t" << r.family << "\t" << to_string(r.severity) << "\t" << r.description << "\n";
    return 0;
  }
  if (opts.self_test) {
    auto failures = self_test(*auditor);
    for (auto& f : failures) err << f << "\n";
    out << auditor->rules().size() << " rules, " << failures.size() << " example failure(s)\n";
    return failures.empty() ? 0 : 3;
  }
  if (opts.paths.empty()) {
    err << "arbiter audit: give at least one file, directory, archive or .jsonl export\n";
    return 3;
  }
  InputLimits limits;
  limits.max_member_bytes = opts.max_file_bytes;
  std::vector<Report> reports;
  std::vector<InputProblem> problems;
  bool color = !opts.json && isatty(1);
  for (auto& p : opts.paths) {
    for_each_submission(
        p, limits,
        [&](Submission&& s) {
          Report r = auditor->audit(s.name, s.text, s.language);
          if (!r.error.empty()) problems.push_back({r.file, r.error});
          if (!opts.json) {
            print_table(out, r, color);
            if (opts.all_files && r.findings.empty()) out << r.file << ": clean\n";
            r.findings.clear();  // the table is printed; keep only the verdict for the totals
          }
          reports.push_back(std::move(r));
        },
        [&](const std::string& where, const std::string& what) { problems.push_back({where, what}); });
  }
  if (opts.json) out << summary_json(reports, problems).dump(2) << "\n";
  else print_totals(out, reports, problems);
  if (!problems.empty()) return 3;
  Verdict worst = Verdict::clean;
  for (auto& r : reports) worst = std::max(worst, r.verdict);
  return worst == Verdict::reject ? 2 : worst == Verdict::review ? 1 : 0;
}

}  // namespace arbiter::audit
