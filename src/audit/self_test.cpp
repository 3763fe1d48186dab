#include "audit/self_test.hpp"

#include <algorithm>

namespace arbiter::audit {

std::vector<std::string> self_test(const Auditor& auditor) {
  std::vector<std::string> failures;
  try {
    auditor.compile_queries();
  } catch (const std::exception& e) {
    failures.push_back(e.what());
  }
  for (auto& r : auditor.rules()) {
    // For a rule of several languages an example must fire in at least one of them,
    // and a counter-example in none.
    auto fires = [&](const std::string& code) {
      for (Language l : {Language::python, Language::cpp}) {
        if (!(r.languages & unsigned(l))) continue;
        Report rep = auditor.audit(std::string("example") + (l == Language::python ? ".py" : ".cu"), code, l);
        if (std::any_of(rep.findings.begin(), rep.findings.end(), [&](const Finding& f) { return f.rule == r.id; }))
          return true;
      }
      return false;
    };
    for (auto& ex : r.must_match)
      if (!fires(ex)) failures.push_back(r.origin + ": rule '" + r.id + "' does not match its example:\n" + ex);
    for (auto& ex : r.must_not_match)
      if (fires(ex)) failures.push_back(r.origin + ": rule '" + r.id + "' matches its counter-example:\n" + ex);
  }
  return failures;
}

}  // namespace arbiter::audit
