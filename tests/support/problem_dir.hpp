#pragma once
// A throw-away problem directory for tests that load problem.toml text: a reference.cpp stub,
// the toml written on demand, and the loader's error message for text that must be refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "problem/problem.hpp"

namespace arbiter::testing {

class ProblemDir : public ::testing::Test {
 protected:
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("arbiter-problem-" + std::to_string(::getpid()));
  void SetUp() override {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "reference.cpp") << "// ref\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  void write(const std::string& toml) { std::ofstream(dir / "problem.toml") << toml; }
  problem::Problem load(const std::string& toml) {
    write(toml);
    return problem::load_problem(dir);
  }
  std::string error_of(const std::string& toml) {
    try {
      load(toml);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }
  static std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  }
};

}  // namespace arbiter::testing
