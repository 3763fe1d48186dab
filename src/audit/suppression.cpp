#include "audit/suppression.hpp"

#include <algorithm>

namespace arbiter::audit {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::vector<Suppression> find_suppressions(std::string_view src) {
  static constexpr std::string_view kTag = "arbiter-audit:";
  std::vector<Suppression> out;
  for (size_t p = src.find(kTag); p != std::string_view::npos; p = src.find(kTag, p + 1)) {
    size_t eol = src.find('\n', p);
    std::string_view rest = trim(src.substr(p + kTag.size(), (eol == std::string_view::npos ? src.size() : eol) - p - kTag.size()));
    if (rest.substr(0, 5) != "allow") continue;
    rest = trim(rest.substr(5));
    Suppression s;
    s.line = int(std::count(src.begin(), src.begin() + long(p), '\n')) + 1;
    size_t sep = rest.find("--");
    std::string_view ids = trim(rest.substr(0, sep));
    if (sep != std::string_view::npos) s.reason = std::string(trim(rest.substr(sep + 2)));
    while (!ids.empty()) {
      size_t comma = ids.find_first_of(", ");
      s.rules.emplace_back(trim(ids.substr(0, comma)));
      if (s.rules.back().empty()) s.rules.pop_back();
      if (comma == std::string_view::npos) break;
      ids.remove_prefix(comma + 1);
    }
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(const std::vector<Suppression>& sups, std::vector<Finding>& findings, const std::string& file) {
  for (auto& s : sups) {
    if (s.reason.empty() || s.rules.empty()) {
      Finding f;
      f.rule = "audit.suppression-without-reason";
      f.family = "audit";
      f.severity = Severity::review;
      f.file = file;
      f.line = f.end_line = s.line;
      f.col = 1;
      f.message = "suppression comment needs rule ids and a reason: `arbiter-audit: allow <rule-id> -- <reason>`";
      findings.push_back(std::move(f));
      continue;
    }
    for (auto& f : findings) {
      if (f.line != s.line || !f.suppressed.empty()) continue;
      if (std::find(s.rules.begin(), s.rules.end(), f.rule) == s.rules.end()) continue;
      f.suppressed = s.reason;
      f.severity = f.severity == Severity::reject ? Severity::review : Severity::info;
    }
  }
}

}  // namespace arbiter::audit
