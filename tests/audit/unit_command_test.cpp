// `arbiter audit`: exit statuses and the JSON contract.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "audit/command.hpp"

using namespace arbiter::audit;
namespace fs = std::filesystem;

namespace {
int run(const std::string& code, bool json, std::string* out_text = nullptr) {
  fs::path p = fs::temp_directory_path() / ("audit_cmd_" + std::to_string(::getpid()) + ".py");
  std::ofstream(p) << code;
  CommandOptions o;
  o.paths = {p.string()};
  o.json = json;
  std::ostringstream out, err;
  int rc = run_audit_command(o, out, err);
  if (out_text) *out_text = out.str();
  fs::remove(p);
  return rc;
}
}  // namespace

TEST(Command, ExitStatusFollowsVerdict) {
  EXPECT_EQ(run("def custom_kernel(data):\n    return data[0] + data[1]\n", false), 0);
  EXPECT_EQ(run("import threading\nthreading.Thread(target=f).start()\n", false), 1);
  EXPECT_EQ(run("import gc\ngc.get_objects()\n", false), 2);
  CommandOptions o;
  o.paths = {"/nonexistent/file.py"};
  std::ostringstream out, err;
  EXPECT_EQ(run_audit_command(o, out, err), 3);
  CommandOptions none;
  EXPECT_EQ(run_audit_command(none, out, err), 3);
}

TEST(Command, JsonHasVerdictScoreAndFindings) {
  std::string text;
  ASSERT_EQ(run("import gc\n\nx = gc.get_objects()\n", true, &text), 2);
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["verdict"], "reject");
  EXPECT_GE(j["score"].get<int>(), 70);
  ASSERT_FALSE(j["findings"].empty());
  auto& f = j["findings"][0];
  for (const char* k : {"rule", "family", "severity", "file", "line", "col", "end_line", "snippet", "message"})
    EXPECT_TRUE(f.contains(k)) << k;
  EXPECT_EQ(f["line"], 3);
}

TEST(Command, TableShowsRuleSeverityPositionAndSource) {
  std::string text;
  run("import gc\nx = gc.get_objects()\n", false, &text);
  EXPECT_NE(text.find("reject"), std::string::npos);
  EXPECT_NE(text.find("introspection.gc-scan"), std::string::npos);
  EXPECT_NE(text.find(":2:5"), std::string::npos);
  EXPECT_NE(text.find("x = gc.get_objects()"), std::string::npos);
}
