#include "audit/python_strings.hpp"

#include <string>

namespace arbiter::audit {

void lex_python(std::string_view s, std::vector<PyStringLiteral>& strings, std::vector<PyComment>& comments) {
  size_t i = 0, n = s.size();
  auto ident = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9'); };
  while (i < n) {
    char c = s[i];
    if (c == '#') {
      size_t e = s.find('\n', i);
      if (e == std::string_view::npos) e = n;
      comments.push_back({i, e});
      i = e;
      continue;
    }
    if (c != '"' && c != '\'') {
      ++i;
      continue;
    }
    // Prefix letters (r, b, f, u in any case/combination) directly before the quote.
    size_t start = i;
    bool raw = false, fstr = false, bytes = false;
    while (start > 0 && start + 2 > i && ident(s[start - 1])) {
      char p = char(s[start - 1] | 0x20);
      if (p != 'r' && p != 'b' && p != 'f' && p != 'u') break;
      raw |= p == 'r', fstr |= p == 'f', bytes |= p == 'b';
      --start;
    }
    if (start > 0 && ident(s[start - 1])) start = i, raw = fstr = bytes = false;  // e.g. `bar"`: not a prefix
    bool triple = i + 2 < n && s[i + 1] == c && s[i + 2] == c;
    size_t q = triple ? 3 : 1, j = i + q;
    size_t content_end = n, end = n;
    while (j < n) {
      if (s[j] == '\\') {
        j += 2;
        continue;
      }
      if (!triple && s[j] == '\n') {  // unterminated single-quoted string: stop at the line end
        content_end = end = j;
        break;
      }
      if (s[j] == c && (!triple || (j + 2 < n && s[j + 1] == c && s[j + 2] == c))) {
        content_end = j;
        end = j + q;
        break;
      }
      ++j;
    }
    if (j >= n) content_end = end = n;
    strings.push_back({start, end, i + q, content_end, raw, fstr, bytes});
    i = end;
  }
}

bool looks_like_cpp(std::string_view s) {
  if (s.size() < 24) return false;
  for (const char* m : {"#include", "__global__", "__device__", "torch::", "at::Tensor", "cuda", "<<<", "extern \"C\"",
                        "template <", "blockIdx", "threadIdx"})
    if (s.find(m) != std::string_view::npos) return true;
  return false;
}

std::string unescape_python(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    c = char(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = 0, k = 0;
        while (k < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7') v = v * 8 + (s[i++] - '0'), ++k;
        --i;
        out += char(v);
        break;
      }
      case 'x':
        if (i + 2 < s.size() + 0 && hex(s[i + 1]) >= 0 && i + 2 < s.size() && hex(s[i + 2]) >= 0) {
          out += char(hex(s[i + 1]) * 16 + hex(s[i + 2]));
          i += 2;
        } else {
          out += "\\x";
        }
        break;
      case '\n': break;  // line continuation
      default: out += e;
    }
  }
  return out;
}

}  // namespace arbiter::audit
