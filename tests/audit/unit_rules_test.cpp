// Rule files: validation errors name the file and line; bad examples are caught by the self-test.
#include <gtest/gtest.h>

#include <set>

#include "audit/auditor.hpp"
#include "audit/rule_loader.hpp"
#include "audit/self_test.hpp"

using namespace arbiter::audit;

namespace {
const char* kGood = R"TOML(family = "demo"
[[rule]]
id = "demo.one"
severity = "reject"
languages = ["python"]
description = "d"
rationale = "r"
regex = '''\bforbidden\('''
match = ["forbidden()"]
no_match = ["allowed()"]
)TOML";

std::string error_of(const std::string& text) {
  try {
    load_rule_text("x.toml", text);
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(RuleLoader, LoadsAGoodFile) {
  auto set = load_rule_text("x.toml", kGood);
  ASSERT_EQ(set.rules.size(), 1u);
  EXPECT_EQ(set.rules[0].id, "demo.one");
  EXPECT_EQ(set.rules[0].family, "demo");
  EXPECT_EQ(set.rules[0].severity, Severity::reject);
}

TEST(RuleLoader, ErrorsNameFileAndLine) {
  std::string bad = kGood;
  bad.replace(bad.find("\"reject\""), 8, "\"fatal\"");
  EXPECT_NE(error_of(bad).find("x.toml:2: severity 'fatal'"), std::string::npos) << error_of(bad);
  std::string unknown = std::string(kGood) + "colour = 'red'\n";
  EXPECT_NE(error_of(unknown).find("unknown rule field 'colour'"), std::string::npos) << error_of(unknown);
  EXPECT_NE(error_of("family = 'x'\n[[rule]]\nid = 'a'\n").find("x.toml:"), std::string::npos);
  EXPECT_NE(error_of("this is not toml").find("TOML error"), std::string::npos);
}

TEST(RuleLoader, RuleNeedsExactlyOnePattern) {
  std::string both = kGood;
  both.replace(both.find("regex"), 5, "query = '(call)'\nregex");
  EXPECT_NE(error_of(both).find("exactly one of"), std::string::npos);
}

TEST(RuleLoader, BuiltInRulesLoadAndCoverTheFamilies) {
  auto set = load_rules();
  EXPECT_GE(set.rules.size(), 60u);
  std::set<std::string> families;
  for (auto& r : set.rules) families.insert(r.family);
  for (const char* f : {"timer-patching", "harness-patching", "frame-gc-walks", "result-caching", "mode-detection",
                        "lazy-outputs", "input-passthrough", "side-streams", "background-work", "results-channel",
                        "native-tampering", "gpu-memory-scan", "l2-persistence", "precision-downgrade",
                        "fixture-specialisation", "obfuscated-execution", "runtime-installs", "filesystem-writes"})
    EXPECT_TRUE(families.count(f)) << f;
  EXPECT_FALSE(set.parse_triggers.empty());
}

TEST(RuleLoader, SourceDirectoryMatchesEmbeddedRules) {
  EXPECT_EQ(load_rules(AUDIT_RULES_DIR).rules.size(), load_rules().rules.size());
}

TEST(SelfTest, ReportsAnExampleThatDoesNotMatch) {
  std::string broken = kGood;
  broken.replace(broken.find("match = [\"forbidden()\"]"), 23, "match = [\"nothing here\"]");
  Auditor a(load_rule_text("x.toml", broken));
  auto failures = self_test(a);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("does not match its example"), std::string::npos);
}

TEST(SelfTest, BadRegexIsRejectedAtCompileTime) {
  std::string bad = kGood;
  bad.replace(bad.find("\\bforbidden\\("), 13, "(unclosed");
  EXPECT_THROW(Auditor(load_rule_text("x.toml", bad)), std::runtime_error);
}
