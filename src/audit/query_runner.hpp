#pragma once
// Structural rules: tree-sitter queries with the predicates #eq?, #not-eq?, #match?, #not-match?
// (tree-sitter's C library leaves predicates to the caller; #match? uses RE2, linear time).
#include <tree_sitter/api.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct QueryHit {
  uint32_t rule;  // index into the rule list
  TSNode node;
};

class QueryRunner {
 public:
  QueryRunner();
  ~QueryRunner();
  QueryRunner(QueryRunner&&) noexcept;
  QueryRunner& operator=(QueryRunner&&) noexcept;
  // Compiles rule.query for `lang`; throws std::runtime_error with the rule's origin on error.
  void add(uint32_t rule_index, const Rule& rule, Language lang);
  bool has(uint32_t rule_index) const;
  void run(uint32_t rule_index, TSNode root, std::string_view src, std::vector<QueryHit>& out) const;

 private:
  struct Compiled;
  std::vector<std::unique_ptr<Compiled>> queries_;
};

}  // namespace arbiter::audit
