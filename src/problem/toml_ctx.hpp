#pragma once
// The strict TOML reader behind problem.toml: every error names the file, the line and the field.
#include <toml++/toml.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "problem/problem.hpp"

namespace arbiter::problem {

struct Ctx {
  std::string file;
  [[noreturn]] void at(const toml::node* n, const std::string& field, const std::string& msg) const {
    if (n && n->source().begin.line > 0) fail("{}:{}: field '{}': {}", file, n->source().begin.line, field, msg);
    fail("{}: field '{}': {}", file, field, msg);
  }
  void only_keys(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> allowed,
                 bool allow_params = false) const {
    for (auto&& [k, v] : t) {
      if (std::find(allowed.begin(), allowed.end(), k.str()) != allowed.end()) continue;
      if (allow_params && v.is_integer()) continue;  // a case's shape parameter
      at(&v, where.empty() ? std::string(k.str()) : where + "." + std::string(k.str()), "unknown key");
    }
  }
  std::string str(const toml::table& t, const std::string& where, std::string_view key, bool required,
                  std::string def = "") const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) at(&t, where + std::string(key), "is required");
      return def;
    }
    if (!n->is_string()) at(n, where + std::string(key), "must be a string");
    return n->as_string()->get();
  }
  double num(const toml::table& t, const std::string& where, std::string_view key, double def, double lo,
             double hi) const {
    const toml::node* n = t.get(key);
    if (!n) return def;
    double v;
    if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
    else if (n->is_floating_point()) v = n->as_floating_point()->get();
    else at(n, where + std::string(key), "must be a number");
    if (!(v >= lo && v <= hi)) at(n, where + std::string(key), fmt::format("must be between {} and {}", lo, hi));
    return v;
  }
  const toml::table* table(const toml::table& t, std::string_view key) const {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) at(n, std::string(key), "must be a table");
    return n->as_table();
  }
};

// Reads [launch] (the device trust level); params and tensors must already be in `p`.
std::optional<LaunchSpec> load_launch(const Ctx& c, const toml::table& root, const Problem& p);

}  // namespace arbiter::problem
