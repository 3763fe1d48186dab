// The engine: positions, aliasing and decoding, embedded C++, suppressions, verdicts, hostile input.
#include <gtest/gtest.h>

#include <algorithm>

#include "audit/auditor.hpp"
#include "audit/python_strings.hpp"
#include "audit/rule_loader.hpp"

using namespace arbiter::audit;

namespace {
const Auditor& auditor() {
  static Auditor a(load_rules());
  return a;
}
const Finding* find(const Report& r, const std::string& rule) {
  auto it = std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) { return f.rule == rule; });
  return it == r.findings.end() ? nullptr : &*it;
}
}  // namespace

TEST(Engine, ReportsLineColumnAndSnippet) {
  Report r = auditor().audit("s.py", "import torch\n\n  torch.cuda.Event.elapsed_time = f\n");
  const Finding* f = find(r, "timer.event-patch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 3);
  EXPECT_EQ(f->col, 3);
  EXPECT_EQ(f->snippet, "torch.cuda.Event.elapsed_time = f");
  EXPECT_EQ(f->family, "timer-patching");
  EXPECT_EQ(r.verdict, Verdict::reject);
}

TEST(Engine, SeesThroughAliasesAndBuiltStrings) {
  const char* cases[] = {
      "import torch\nE = torch.cuda.Event\nE.elapsed_time = f\n",
      "import torch\nsetattr(getattr(torch.cuda, 'Ev' + 'ent'), 'elapsed_time', f)\n",
      "import importlib\nc = importlib.import_module('torch.cuda')\nc.Event = F\n",
      "import sys\nsys.modules['torch'].cuda.Event.elapsed_time = f\n",
      "import torch\ntorch.cuda.__dict__['Event'] = F\n",
      "import torch\nname = ''.join([chr(69), 'vent'])\nsetattr(torch.cuda, name, F)\n",
      "import torch\nvars(torch.cuda).update(Event=F)\n",
  };
  for (const char* c : cases) {
    Report r = auditor().audit("s.py", c);
    EXPECT_NE(find(r, "timer.event-patch"), nullptr) << c;
  }
}

TEST(Engine, AliasDefinitionAloneIsNotAPatch) {
  Report r = auditor().audit("s.py", "import torch\nE = torch.cuda.Event\nstart = E(enable_timing=True)\n");
  EXPECT_EQ(find(r, "timer.event-patch"), nullptr);
}

TEST(Engine, AuditsDecodedExecPayloadsAtTheExecLine) {
  // base64 of "import gc\ngc.get_objects()\n"
  Report r = auditor().audit("s.py", "import base64\n\nexec(base64.b64decode('aW1wb3J0IGdjCmdjLmdldF9vYmplY3RzKCkK'))\n");
  const Finding* f = find(r, "introspection.gc-scan");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 3);
  EXPECT_EQ(f->via, "decoded");
}

TEST(Engine, RunsCppRulesOnLoadInlineStringsWithRealLines) {
  std::string src = "from torch.utils.cpp_extension import load_inline\nsrc = '''\n#include <cuda_runtime.h>\n"
                    "void f() {\n  cudaStream_t s;\n  cudaStreamCreate(&s);\n}\n'''\n";
  Report r = auditor().audit("s.py", src);
  const Finding* f = find(r, "stream.native-unsynced-side-stream");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->line, 6);
  EXPECT_EQ(f->col, 3);
}

TEST(Engine, UnlessEvidenceSilencesAHeuristic) {
  Report r = auditor().audit("s.py", "import torch\ns = torch.cuda.Stream()\ntorch.cuda.current_stream().wait_stream(s)\n");
  EXPECT_EQ(find(r, "stream.python-unsynced-side-stream"), nullptr);
}

TEST(Engine, SuppressionNeedsReasonAndLowersSeverityOneStep) {
  Report r = auditor().audit(
      "s.py", "import torch\ntorch.cuda.synchronize = f  # arbiter-audit: allow timer.sync-patch -- test double\n");
  const Finding* f = find(r, "timer.sync-patch");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->suppressed, "test double");
  EXPECT_EQ(f->severity, Severity::review);
  EXPECT_EQ(r.verdict, Verdict::review);
  Report bare = auditor().audit("s.py", "x = 1  # arbiter-audit: allow timer.sync-patch\n");
  EXPECT_NE(find(bare, "audit.suppression-without-reason"), nullptr);
}

TEST(Engine, HonestBenchmarkPrintIsClean) {
  Report r = auditor().audit("s.py", "def custom_kernel(data):\n    print('benchmark: 1.2 ms')\n    a, b = data\n    return a + b\n");
  EXPECT_EQ(r.verdict, Verdict::clean);
  EXPECT_TRUE(r.findings.empty());
}

TEST(Engine, StructuralPassthroughRule) {
  EXPECT_NE(find(auditor().audit("s.py", "def custom_kernel(data):\n    return data[0]\n"), "passthrough.return-input"), nullptr);
  EXPECT_EQ(find(auditor().audit("s.py", "def custom_kernel(data):\n    x = data[0]\n    y = x * 2\n    return y\n"),
                 "passthrough.return-input"),
            nullptr);
}

TEST(Engine, HostileInputStaysBounded) {
  std::string deep(20000, '(');
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "gc.get_objects()\n";
  std::string bomb = "exec(" + std::string(5000, '(') + "'x'" + std::string(5000, ')') + ")\n";
  for (const std::string& s : {deep, many, bomb, std::string("\"\"\"unterminated"), std::string("\xff\xfe\x00\x01", 4)}) {
    Report r = auditor().audit("s.py", s);
    EXPECT_LE(r.findings.size(), 200u);
  }
}

TEST(Engine, OversizedFileIsAnInputError) {
  AuditOptions o;
  o.max_file_bytes = 10;
  Auditor small(load_rules(), o);
  EXPECT_FALSE(small.audit("s.py", "print('hello world')").error.empty());
}

TEST(Lexer, FindsStringsAndComments) {
  std::vector<PyStringLiteral> s;
  std::vector<PyComment> c;
  lex_python("x = r'''a\\nb''' # note\ny = f\"{z}\" + b'q'", s, c);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_TRUE(s[0].raw);
  EXPECT_TRUE(s[1].fstring);
  EXPECT_TRUE(s[2].bytes);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(unescape_python("a\\n\\x41\\101"), "a\nAA");
}
