#include "cli/registry.hpp"

#include <algorithm>
#include <utility>

namespace arbiter::cli {
namespace {
std::vector<std::pair<int, AddCommand>>& commands() {
  static std::vector<std::pair<int, AddCommand>> all;
  return all;
}
int g_exit = 0;
}  // namespace

Registrar::Registrar(int order, AddCommand add) { commands().emplace_back(order, std::move(add)); }

void add_all(CLI::App& app) {
  auto& all = commands();
  std::stable_sort(all.begin(), all.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [order, add] : all) add(app);
}
void set_exit_code(int code) { g_exit = code; }
int exit_code() { return g_exit; }

}  // namespace arbiter::cli
