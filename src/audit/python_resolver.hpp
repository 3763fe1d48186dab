#pragma once
// Sees through Python indirection so that regex rules written against canonical names still fire:
// aliases (`E = torch.cuda.Event`, `import torch.cuda as tc`, `from torch.cuda import Event`),
// getattr/setattr with built strings, importlib / __import__ / sys.modules, module __dict__ / vars(),
// globals(), and constant strings built by concatenation, chr(), join, base64/zlib/hex/rot13.
// The result is a set of canonical lines (each pointing at its original line) and decoded payloads
// handed to exec/eval/compile, which the auditor audits recursively.
#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

namespace arbiter::audit {

struct CanonicalLine {
  std::string text;
  int line = 0, col = 0;  // 1-based position of the statement in the original source
  int end_line = 0;       // last line of the statement
};
struct DecodedPayload {
  std::string code;
  int line = 0, col = 0;
};
struct ResolvedPython {
  std::vector<CanonicalLine> lines;
  std::vector<DecodedPayload> payloads;
  bool parsed = false;
};

// `root` is the tree-sitter Python tree of `src`.
ResolvedPython resolve_python(TSNode root, std::string_view src);

}  // namespace arbiter::audit
