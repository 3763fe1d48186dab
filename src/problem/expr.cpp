#include "problem/expr.hpp"

#include <cctype>
#include <vector>

#include "core/error.hpp"

namespace arbiter::problem {

struct Expr::Node {
  char op = 0;  // 'n' number, 'v' variable, '+','-','*','/','%', 'm' min, 'M' max, 'u' unary minus
  int64_t value = 0;
  std::string name;
  std::shared_ptr<const Node> a, b;
};

namespace {
using NodeP = std::shared_ptr<const Expr::Node>;

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}
  NodeP parse() {
    NodeP n = sum();
    skip();
    if (i_ != s_.size()) error("unexpected '" + std::string(1, s_[i_]) + "'");
    return n;
  }

 private:
  [[noreturn]] void error(const std::string& what) { fail("{} at position {} in expression '{}'", what, i_ + 1, s_); }
  void skip() { while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_; }
  bool eat(char c) { skip(); if (i_ < s_.size() && s_[i_] == c) { ++i_; return true; } return false; }
  NodeP bin(char op, NodeP a, NodeP b) {
    auto n = std::make_shared<Expr::Node>();
    n->op = op; n->a = std::move(a); n->b = std::move(b);
    return n;
  }
  NodeP sum() {
    NodeP n = product();
    for (;;) {
      if (eat('+')) n = bin('+', n, product());
      else if (eat('-')) n = bin('-', n, product());
      else return n;
    }
  }
  NodeP product() {
    NodeP n = unary();
    for (;;) {
      if (eat('*')) n = bin('*', n, unary());
      else if (eat('/')) n = bin('/', n, unary());
      else if (eat('%')) n = bin('%', n, unary());
      else return n;
    }
  }
  NodeP unary() {
    if (eat('-')) return bin('u', unary(), nullptr);
    return atom();
  }
  NodeP atom() {
    if (++depth_ > 64) error("expression nested too deeply");
    skip();
    if (i_ >= s_.size()) error("expression ends early");
    auto n = std::make_shared<Expr::Node>();
    if (eat('(')) {
      NodeP inner = sum();
      if (!eat(')')) error("missing ')'");
      --depth_;
      return inner;
    }
    char c = s_[i_];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      int64_t v = 0;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, s_[i_] - '0', &v)) error("number too large");
        ++i_;
      }
      n->op = 'n'; n->value = v;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::string name;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) name += s_[i_++];
      if ((name == "min" || name == "max") && eat('(')) {
        NodeP a = sum();
        if (!eat(',')) error("expected ',' in " + name + "()");
        NodeP b = sum();
        if (!eat(')')) error("missing ')' after " + name + "(");
        --depth_;
        return bin(name == "min" ? 'm' : 'M', a, b);
      }
      n->op = 'v'; n->name = name;
    } else {
      error("unexpected '" + std::string(1, c) + "'");
    }
    --depth_;
    return n;
  }
  const std::string& s_;
  std::size_t i_ = 0;
  int depth_ = 0;
};

int64_t eval_node(const Expr::Node& n, const Params& p, const std::string& text) {
  auto sub = [&](const NodeP& x) { return eval_node(*x, p, text); };
  int64_t r = 0;
  switch (n.op) {
    case 'n': return n.value;
    case 'v': {
      auto it = p.find(n.name);
      if (it == p.end()) fail("unknown parameter '{}' in expression '{}'", n.name, text);
      return it->second;
    }
    case 'u': if (__builtin_sub_overflow(int64_t{0}, sub(n.a), &r)) break; return r;
    case '+': if (__builtin_add_overflow(sub(n.a), sub(n.b), &r)) break; return r;
    case '-': if (__builtin_sub_overflow(sub(n.a), sub(n.b), &r)) break; return r;
    case '*': if (__builtin_mul_overflow(sub(n.a), sub(n.b), &r)) break; return r;
    case 'm': return std::min(sub(n.a), sub(n.b));
    case 'M': return std::max(sub(n.a), sub(n.b));
    case '/': case '%': {
      int64_t a = sub(n.a), b = sub(n.b);
      if (b == 0) fail("division by zero in expression '{}'", text);
      if (a == INT64_MIN && b == -1) break;
      return n.op == '/' ? a / b : a % b;
    }
  }
  fail("integer overflow in expression '{}'", text);
}

void collect(const Expr::Node& n, std::set<std::string>& out) {
  if (n.op == 'v') out.insert(n.name);
  if (n.a) collect(*n.a, out);
  if (n.b) collect(*n.b, out);
}
}  // namespace

Expr Expr::parse(const std::string& text) {
  Expr e;
  e.text_ = text;
  e.root_ = Parser(text).parse();
  return e;
}

int64_t Expr::eval(const Params& params) const {
  if (!root_) fail("empty expression");
  return eval_node(*root_, params, text_);
}

void Expr::names(std::set<std::string>& out) const {
  if (root_) collect(*root_, out);
}

}  // namespace arbiter::problem
