#pragma once
// Where did a match start? vectorscan reports only match ends (start tracking costs 5x scan speed),
// so for the few matches that become findings RE2 re-runs the one rule near the end offset.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace arbiter::audit {

class MatchStart {
 public:
  MatchStart();
  ~MatchStart();
  // Offset in `text` where a match of `pattern` ending at `end` starts (best effort: the start of the
  // earliest match in a window of a few lines before `end`, else the start of end's line).
  size_t find(uint32_t key, const std::string& pattern, bool caseless, std::string_view text, size_t end) const;

 private:
  mutable std::vector<std::unique_ptr<re2::RE2>> cache_;
};

}  // namespace arbiter::audit
