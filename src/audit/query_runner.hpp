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
  // Registers rule.query for `lang`. Queries compile on first use (tree-sitter query analysis costs
  // tens of ms, most runs never need one); compile_all() checks them eagerly (the build does).
  void add(uint32_t rule_index, const Rule& rule, Language lang);
  bool has(uint32_t rule_index) const;
  // Throws std::runtime_error with the rule's origin on a bad query.
  void run(uint32_t rule_index, TSNode root, std::string_view src, std::vector<QueryHit>& out) const;
  void compile_all() const;

 private:
  struct Compiled;
  struct Entry {
    const Rule* rule = nullptr;
    Language lang = Language::python;
    mutable std::unique_ptr<Compiled> compiled;
  };
  const Compiled& get(uint32_t rule_index) const;
  std::vector<Entry> queries_;
};

}  // namespace arbiter::audit
