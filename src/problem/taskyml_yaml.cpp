#include "problem/taskyml_yaml.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>

#include "core/error.hpp"

namespace arbiter::problem {

YAML::Node YamlCtx::load() const {
  std::ifstream in(file);
  if (!in) fail("{}: cannot read the file", file);
  try {
    return YAML::Load(in);
  } catch (const YAML::Exception& e) {
    fail("{}:{}: invalid YAML: {}", file, e.mark.line + 1, e.msg);
  }
}

void YamlCtx::at(const YAML::Node& n, const std::string& field, const std::string& msg) const {
  if (n.IsDefined() && n.Mark().line >= 0) fail("{}:{}: field '{}': {}", file, n.Mark().line + 1, field, msg);
  fail("{}: field '{}': {}", file, field, msg);
}

std::string YamlCtx::scalar(const YAML::Node& n, const std::string& field) const {
  if (!n.IsScalar()) at(n, field, "must be a single value");
  return n.Scalar();
}

std::string YamlCtx::str(const YAML::Node& m, const char* key, bool required, const std::string& prefix,
                         const std::string& def) const {
  const YAML::Node n = m[key];
  if (!n || n.IsNull()) {
    if (required) at(m, prefix + key, "is required");
    return def;
  }
  return scalar(n, prefix + key);
}

std::vector<std::string> YamlCtx::str_list(const YAML::Node& m, const char* key, const std::string& prefix) const {
  std::vector<std::string> out;
  const YAML::Node n = m[key];
  if (!n || n.IsNull()) return out;
  if (n.IsScalar()) return {n.Scalar()};
  if (!n.IsSequence()) at(n, prefix + key, "must be a list of strings");
  for (std::size_t i = 0; i < n.size(); ++i) out.push_back(scalar(n[i], fmt::format("{}{}[{}]", prefix, key, i)));
  return out;
}

int64_t YamlCtx::integer(const YAML::Node& n, const std::string& field) const {
  const std::string s = scalar(n, field);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) at(n, field, "must be an integer, not '" + s + "'");
  return v;
}

double YamlCtx::real(const YAML::Node& n, const std::string& field) const {
  try {
    return n.as<double>();
  } catch (const YAML::Exception&) {
    at(n, field, "must be a number");
  }
}

bool YamlCtx::boolean(const YAML::Node& n, const std::string& field) const {
  try {
    return n.as<bool>();
  } catch (const YAML::Exception&) {
    at(n, field, "must be true or false");
  }
}

double YamlCtx::seconds(const YAML::Node& m, const char* key, double def) const {
  const YAML::Node n = m[key];
  if (!n || n.IsNull()) return def;
  const double v = real(n, key);
  if (!(v > 0 && v <= 86400)) at(n, key, "must be a number of seconds in (0, 86400]");
  return v;
}

// YAML 1.2 core schema as PyYAML resolves plain scalars: ints, floats, booleans, else a word.
CaseValue YamlCtx::case_value(const YAML::Node& n, const std::string& field) const {
  CaseValue v;
  if (n.IsSequence()) {
    v.kind = CaseValue::Kind::list;
    for (std::size_t i = 0; i < n.size(); ++i) v.items.push_back(case_value(n[i], fmt::format("{}[{}]", field, i)));
    return v;
  }
  if (!n.IsScalar()) at(n, field, "must be a number, a word or a list");
  const std::string& s = n.Scalar();
  const bool quoted = n.Tag() == "!";  // "96" in quotes stays a string, as in PyYAML
  int64_t i = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (!quoted && ec == std::errc() && p == s.data() + s.size() && !s.empty()) {
    v.kind = CaseValue::Kind::integer;
    v.integer = i;
    return v;
  }
  if (!quoted && (s == "true" || s == "True" || s == "false" || s == "False")) {
    v.kind = CaseValue::Kind::boolean;
    v.boolean = s[0] == 't' || s[0] == 'T';
    return v;
  }
  if (!quoted && s.find_first_of("0123456789") != std::string::npos) {
    double d = 0;
    auto [q, ec2] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec2 == std::errc() && q == s.data() + s.size()) {
      v.kind = CaseValue::Kind::real;
      v.real = d;
      return v;
    }
  }
  v.kind = CaseValue::Kind::word;
  v.word = s;
  return v;
}

std::string YamlCtx::json_string(const std::string& s) { return nlohmann::json(s).dump(); }

}  // namespace arbiter::problem
