#pragma once
// Each cmd_*.cpp registers one subcommand through a static Registrar, so adding a
// command never touches main.cpp. Commands set their exit status with set_exit_code().
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace arbiter::cli {

using AddCommand = std::function<void(CLI::App&)>;

struct Registrar {
  Registrar(int order, AddCommand add);
};

void add_all(CLI::App& app);
void set_exit_code(int code);
int exit_code();

}  // namespace arbiter::cli
