#pragma once
// Many regexes compiled into one vectorscan (Hyperscan) database: one linear pass over the text
// reports every match of every pattern; no backtracking, so hostile input cannot blow up the time.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace arbiter::audit {

struct RegexCompileError : std::runtime_error {
  RegexCompileError(uint32_t t, const std::string& msg) : std::runtime_error(msg), tag(t) {}
  uint32_t tag;  // the tag of the offending pattern
};

struct RegexMatch {
  uint32_t tag;      // what the caller attached to the pattern
  uint64_t from, to; // byte offsets; from is the leftmost start (or the line start if unknown)
};

class RegexScanner {
 public:
  RegexScanner();
  ~RegexScanner();
  RegexScanner(RegexScanner&&) noexcept;
  RegexScanner& operator=(RegexScanner&&) noexcept;

  void add(const std::string& pattern, uint32_t tag, bool caseless = false);
  // Compiles all patterns; throws RegexCompileError naming the bad pattern.
  void compile();
  // Appends matches; at most `limit` matches are reported per tag (hostile input can repeat a token).
  void scan(std::string_view text, std::vector<RegexMatch>& out, uint32_t limit_per_tag = 64) const;
  // Checks that one pattern compiles alone (for the rule loader's messages).
  static std::string check(const std::string& pattern);
  bool empty() const { return patterns_.empty(); }

  // Compiling is slow (tens of ms per pattern), so the build embeds serialized databases.
  // fingerprint() identifies the pattern set (patterns, flags, tags, library version).
  uint64_t fingerprint() const;
  std::string serialize() const;
  // Loads a serialized database; false (and nothing changed) if it does not fit this host or set.
  bool load(std::string_view bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> patterns_;
  std::vector<unsigned> flags_;
  std::vector<uint32_t> tags_;
};

}  // namespace arbiter::audit
