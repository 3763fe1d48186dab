#include "audit/match_start.hpp"

#include <re2/re2.h>

namespace arbiter::audit {

MatchStart::MatchStart() = default;
MatchStart::~MatchStart() = default;

size_t MatchStart::find(uint32_t key, const std::string& pattern, bool caseless, std::string_view text, size_t end) const {
  if (end > text.size()) end = text.size();
  // The window: up to 4 lines (or 4 KiB) before the end; rule patterns span at most a few lines.
  size_t begin = end, lines = 0;
  while (begin > 0 && end - begin < 4096) {
    if (text[begin - 1] == '\n' && ++lines > 4) break;
    --begin;
  }
  size_t line_start = text.rfind('\n', end ? end - 1 : 0);
  line_start = line_start == std::string_view::npos || end == 0 ? 0 : line_start + 1;
  if (key >= cache_.size()) cache_.resize(key + 1);
  if (!cache_[key]) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(!caseless);
    o.set_longest_match(false);
    cache_[key] = std::make_unique<RE2>("(?m)" + pattern, o);
  }
  const RE2& re = *cache_[key];
  if (!re.ok()) return line_start;
  re2::StringPiece window(text.data() + begin, end - begin), m;
  // The latest match that ends exactly at `end` is the one vectorscan reported; scan forward to it.
  size_t best = line_start, pos = 0;
  while (pos <= window.size() && re.Match(window, pos, window.size(), RE2::UNANCHORED, &m, 1)) {
    size_t s = size_t(m.data() - window.data());
    if (s + m.size() <= window.size()) best = begin + s;
    if (begin + s + m.size() == end) break;
    pos = s + 1;
  }
  return best;
}

}  // namespace arbiter::audit
