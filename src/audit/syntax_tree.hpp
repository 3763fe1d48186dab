#pragma once
// Thin RAII wrappers over tree-sitter: one parser per language per thread, trees freed on scope exit.
#include <tree_sitter/api.h>

#include <memory>
#include <string_view>

#include "audit/rule.hpp"

extern "C" const TSLanguage* tree_sitter_python();
extern "C" const TSLanguage* tree_sitter_cpp();

namespace arbiter::audit {

const TSLanguage* ts_language(Language l);

struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using Tree = std::unique_ptr<TSTree, TreeDeleter>;

// Parses `text`; returns null if the parser gave up (time budget exceeded on hostile input).
Tree parse(Language l, std::string_view text);

inline std::string_view node_text(TSNode n, std::string_view src) {
  uint32_t b = ts_node_start_byte(n), e = ts_node_end_byte(n);
  if (b > src.size() || e > src.size() || e < b) return {};
  return src.substr(b, e - b);
}
inline bool is(TSNode n, const char* type) { return !ts_node_is_null(n) && std::string_view(ts_node_type(n)) == type; }
inline TSNode field(TSNode n, const char* name) {
  return ts_node_child_by_field_name(n, name, uint32_t(std::char_traits<char>::length(name)));
}

}  // namespace arbiter::audit
