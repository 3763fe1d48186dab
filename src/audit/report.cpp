#include "audit/report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/auditor.hpp"

namespace arbiter::audit {

nlohmann::json finding_json(const Finding& f) {
  nlohmann::json j = {{"rule", f.rule},         {"family", f.family}, {"severity", to_string(f.severity)},
                      {"file", f.file},         {"line", f.line},     {"col", f.col},
                      {"end_line", f.end_line}, {"snippet", f.snippet}, {"message", f.message}};
  if (!f.via.empty()) j["via"] = f.via;
  if (!f.suppressed.empty()) j["suppressed"] = f.suppressed;
  return j;
}

nlohmann::json report_json(const Report& r) {
  nlohmann::json j = {{"file", r.file}, {"verdict", to_string(r.verdict)}, {"score", r.score}};
  auto& fs = j["findings"] = nlohmann::json::array();
  for (auto& f : r.findings) fs.push_back(finding_json(f));
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

nlohmann::json summary_json(const std::vector<Report>& reports, const std::vector<InputProblem>& problems) {
  Verdict worst = Verdict::clean;
  int score = 0;
  nlohmann::json findings = nlohmann::json::array(), files = nlohmann::json::array(), errors = nlohmann::json::array();
  for (auto& r : reports) {
    worst = std::max(worst, r.verdict);
    score = std::max(score, r.score);
    for (auto& f : r.findings) findings.push_back(finding_json(f));
    files.push_back({{"file", r.file}, {"verdict", to_string(r.verdict)}, {"score", r.score}});
  }
  for (auto& p : problems) errors.push_back({{"where", p.where}, {"error", p.what}});
  return {{"verdict", to_string(worst)}, {"score", score}, {"findings", findings}, {"files", files}, {"errors", errors}};
}

void print_table(std::ostream& out, const Report& r, bool color) {
  if (r.findings.empty() && r.error.empty()) return;
  const char* reset = color ? "\033[0m" : "";
  auto paint = [&](Severity s) { return !color ? "" : s == Severity::reject ? "\033[31m" : s == Severity::review ? "\033[33m" : "\033[36m"; };
  out << fmt::format("{}: {} (score {})\n", r.file, to_string(r.verdict), r.score);
  if (!r.error.empty()) out << "  error: " << r.error << "\n";
  size_t w = 0;
  for (auto& f : r.findings) w = std::max(w, f.rule.size());
  for (auto& f : r.findings) {
    out << fmt::format("  {}{:<6}{}  {:<{}}  {}:{}:{}  {}\n", paint(f.severity), to_string(f.severity), reset, f.rule, w,
                       f.file, f.line, f.col, f.snippet);
    out << fmt::format("  {:<6}  {:<{}}  -> {}\n", "", "", w, f.message);
    if (!f.suppressed.empty()) out << fmt::format("  {:<6}  {:<{}}  suppressed: {}\n", "", "", w, f.suppressed);
  }
}

void print_totals(std::ostream& out, const std::vector<Report>& reports, const std::vector<InputProblem>& problems) {
  size_t n[3] = {0, 0, 0};
  for (auto& r : reports) ++n[int(r.verdict)];
  for (auto& p : problems) out << "error: " << p.where << ": " << p.what << "\n";
  out << fmt::format("{} file(s): {} clean, {} review, {} reject{}\n", reports.size(), n[0], n[1], n[2],
                     problems.empty() ? "" : fmt::format(", {} input error(s)", problems.size()));
}

}  // namespace arbiter::audit
