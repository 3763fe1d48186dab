#include "audit/syntax_tree.hpp"

namespace arbiter::audit {

const TSLanguage* ts_language(Language l) { return l == Language::python ? tree_sitter_python() : tree_sitter_cpp(); }

namespace {
struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
}  // namespace

Tree parse(Language l, std::string_view text) {
  thread_local std::unique_ptr<TSParser, ParserDeleter> parsers[2];
  auto& p = parsers[l == Language::python ? 0 : 1];
  if (!p) {
    p.reset(ts_parser_new());
    ts_parser_set_language(p.get(), ts_language(l));
    // tree-sitter is linear in practice; the budget is a backstop against pathological input.
    ts_parser_set_timeout_micros(p.get(), 2'000'000);
  }
  TSTree* t = ts_parser_parse_string(p.get(), nullptr, text.data(), uint32_t(text.size()));
  if (!t) ts_parser_reset(p.get());
  return Tree(t);
}

}  // namespace arbiter::audit
