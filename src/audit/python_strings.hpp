#pragma once
// A small linear lexer for Python string literals and comments. It needs no parse tree, so C++
// embedded in load_inline / cupy strings and suppression comments are found on the fast path.
#include <string_view>
#include <vector>

namespace arbiter::audit {

struct PyStringLiteral {
  size_t begin, end;                  // the whole literal, prefix and quotes included
  size_t content_begin, content_end;  // between the quotes
  bool raw = false, fstring = false, bytes = false;
};
struct PyComment {
  size_t begin, end;  // from '#' to the end of the line
};

void lex_python(std::string_view src, std::vector<PyStringLiteral>& strings, std::vector<PyComment>& comments);

// Heuristic: does this string look like C++/CUDA source (worth running the C++ rules over)?
bool looks_like_cpp(std::string_view s);

// Decodes Python escape sequences of a non-raw literal's content (\n, \t, \xNN, \\, quotes, octal).
std::string unescape_python(std::string_view s);

}  // namespace arbiter::audit
