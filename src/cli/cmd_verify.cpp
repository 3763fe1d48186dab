// arbiter verify REPORT: checks a report's signature offline.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/registry.hpp"
#include "core/crypto.hpp"
#include "core/signing.hpp"

namespace {
using namespace arbiter;

int verify_command(const std::string& path, std::vector<std::string> trusted, const std::string& key_dir) {
  std::ifstream f(path);
  if (!f) {
    std::cerr << "arbiter verify: cannot read " << path << "\n";
    return 3;
  }
  nlohmann::json j = nlohmann::json::parse(f, nullptr, false);
  if (j.is_discarded()) {
    std::cerr << "arbiter verify: " << path << " is not valid JSON\n";
    return 1;
  }
  const bool explicit_keys = !trusted.empty();
  if (!explicit_keys) {  // trust the local judge's own key when it exists
    std::filesystem::path dir = key_dir.empty() ? default_key_dir() : std::filesystem::path(key_dir);
    if (std::filesystem::exists(dir / "ed25519.sk")) trusted.push_back(load_or_create_key(dir).public_hex());
  }
  VerifyResult r = verify_report(j, trusted);
  if (!r.ok) {
    std::cout << "INVALID: " << r.why << "\n";
    return 1;
  }
  if (!r.trusted) {
    std::cout << "UNTRUSTED: " << r.why << "\n";
    return 2;
  }
  std::cout << "OK: signed by key " << j.value("key_id", "") << ", verdict " << j.value("verdict", "") << "\n";
  return 0;
}

cli::Registrar reg{20, [](CLI::App& app) {
  auto path = std::make_shared<std::string>();
  auto keys = std::make_shared<std::vector<std::string>>();
  auto key_dir = std::make_shared<std::string>();
  auto* c = app.add_subcommand("verify", "Check a report's signature (exit 0 valid and trusted, 1 invalid, 2 untrusted key)");
  c->add_option("report", *path, "report JSON file")->required();
  c->add_option("--trusted-key", *keys, "hex Ed25519 public key to trust (repeatable)");
  c->add_option("--key-dir", *key_dir, "trust the key in this directory (default: the local judge's)");
  c->callback([=] { cli::set_exit_code(verify_command(*path, *keys, *key_dir)); });
}};
}  // namespace
