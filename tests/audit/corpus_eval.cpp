// Evaluates the auditor on the labelled corpus: corpus/honest/** must never be rejected, and each
// corpus/cheat/<family>/ must be detected (review or reject) at least as often as baseline.json says.
// Usage: audit_corpus_eval CORPUS_DIR BASELINE_JSON [--write-baseline]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "audit/auditor.hpp"
#include "audit/inputs.hpp"
#include "audit/rule_loader.hpp"

namespace fs = std::filesystem;
using namespace arbiter::audit;

struct Row {
  int files = 0, clean = 0, review = 0, reject = 0;
  int detected() const { return review + reject; }
};

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR BASELINE_JSON [--write-baseline]\n", argv[0]);
    return 3;
  }
  std::string corpus = argv[1], baseline_path = argv[2];
  bool write = argc > 3 && std::string(argv[3]) == "--write-baseline";
  Auditor auditor(load_rules());
  std::map<std::string, Row> rows;  // "honest" and one per cheat family
  int failures = 0;
  auto run = [&](const std::string& dir, auto label_of) {
    for_each_submission(
        dir, InputLimits{},
        [&](Submission&& s) {
          Report r = auditor.audit(s.name, s.text, s.language);
          std::string label = label_of(s.name);
          Row& row = rows[label];
          ++row.files;
          (r.verdict == Verdict::reject ? row.reject : r.verdict == Verdict::review ? row.review : row.clean)++;
          if (label == "honest" && r.verdict == Verdict::reject) {
            ++failures;
            std::printf("FAIL honest file rejected: %s\n", s.name.c_str());
            for (auto& f : r.findings)
              std::printf("     %s line %d: %s\n", f.rule.c_str(), f.line, f.snippet.c_str());
          }
          if (label != "honest" && r.verdict == Verdict::clean) std::printf("missed: %s\n", s.name.c_str());
        },
        [&](const std::string& where, const std::string& what) {
          ++failures;
          std::printf("FAIL input error %s: %s\n", where.c_str(), what.c_str());
        });
  };
  run(corpus + "/honest", [](const std::string&) { return std::string("honest"); });
  run(corpus + "/cheat", [&](const std::string& name) {
    fs::path rel = fs::relative(fs::path(name), fs::path(corpus + "/cheat"));
    return rel.begin()->string();
  });

  std::printf("\n%-24s %6s %6s %6s %6s %8s\n", "family", "files", "clean", "review", "reject", "recall");
  Row total;
  for (auto& [label, row] : rows) {
    double recall = row.files ? 100.0 * row.detected() / row.files : 0;
    std::printf("%-24s %6d %6d %6d %6d %7.1f%%%s\n", label.c_str(), row.files, row.clean, row.review, row.reject,
                label == "honest" ? 100.0 * row.clean / row.files : recall, label == "honest" ? " clean" : "");
    if (label != "honest") total.files += row.files, total.clean += row.clean, total.review += row.review, total.reject += row.reject;
  }
  std::printf("%-24s %6d %6d %6d %6d %7.1f%%\n", "all cheats", total.files, total.clean, total.review, total.reject,
              total.files ? 100.0 * total.detected() / total.files : 0.0);

  if (write) {
    nlohmann::ordered_json b;
    b["comment"] = "Minimum detections (review or reject) per cheat family; regenerate with --write-baseline";
    for (auto& [label, row] : rows)
      if (label != "honest") b["families"][label] = {{"files", row.files}, {"detected", row.detected()}};
    std::ofstream(baseline_path) << b.dump(2) << "\n";
    std::printf("baseline written to %s\n", baseline_path.c_str());
    return failures ? 1 : 0;
  }
  std::ifstream in(baseline_path);
  auto base = nlohmann::json::parse(in, nullptr, false);
  if (base.is_discarded() || !base.contains("families")) {
    std::printf("FAIL cannot read baseline %s\n", baseline_path.c_str());
    return 1;
  }
  for (auto& [family, want] : base["families"].items()) {
    int got = rows.count(family) ? rows[family].detected() : 0;
    if (got < want.value("detected", 0)) {
      ++failures;
      std::printf("FAIL recall regression in %s: %d detected, baseline %d\n", family.c_str(), got,
                  want.value("detected", 0));
    }
  }
  std::printf(failures ? "\ncorpus evaluation FAILED (%d)\n" : "\ncorpus evaluation passed\n", failures);
  return failures ? 1 : 0;
}
