#pragma once
// Typed access to a YAML document whose every error names the file, the line and the field
// (shared by the task.yml and competition-file loaders).
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "problem/taskyml.hpp"

namespace arbiter::problem {

struct YamlCtx {
  std::string file;
  YAML::Node load() const;  // parse errors carry the line too
  [[noreturn]] void at(const YAML::Node& n, const std::string& field, const std::string& msg) const;
  std::string scalar(const YAML::Node& n, const std::string& field) const;
  std::string str(const YAML::Node& m, const char* key, bool required, const std::string& prefix = "",
                  const std::string& def = "") const;
  std::vector<std::string> str_list(const YAML::Node& m, const char* key, const std::string& prefix = "") const;
  int64_t integer(const YAML::Node& n, const std::string& field) const;
  double real(const YAML::Node& n, const std::string& field) const;
  bool boolean(const YAML::Node& n, const std::string& field) const;
  double seconds(const YAML::Node& m, const char* key, double def) const;
  CaseValue case_value(const YAML::Node& n, const std::string& field) const;
  static std::string json_string(const std::string& s);
};

}  // namespace arbiter::problem
