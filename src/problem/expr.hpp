#pragma once
// Shape and floor expressions: integers, parameter names, + - * / %, parentheses, min(), max().
// Parsed once at load (errors name the expression), evaluated per case.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace arbiter::problem {

using Params = std::map<std::string, int64_t>;

class Expr {
 public:
  static Expr parse(const std::string& text);  // throws Error("… in expression '…'")
  Expr() = default;
  int64_t eval(const Params& params) const;     // throws on unknown name, overflow, division by zero
  const std::string& text() const { return text_; }
  void names(std::set<std::string>& out) const;
  struct Node;

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace arbiter::problem
