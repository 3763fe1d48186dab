// arbiter key: prints this judge's public signing key (to register a worker with a server).
#include <iostream>

#include "cli/registry.hpp"
#include "core/signing.hpp"

namespace {
using namespace arbiter;
cli::Registrar reg{30, [](CLI::App& app) {
  auto key_dir = std::make_shared<std::string>();
  auto* c = app.add_subcommand("key", "Print the signing key's id and public key as JSON (created on first use)");
  c->add_option("--key-dir", *key_dir, "key directory (default: ~/.config/arbiter/keys)");
  c->callback([=] {
    SigningKey k = load_or_create_key(key_dir->empty() ? default_key_dir() : std::filesystem::path(*key_dir));
    std::cout << nlohmann::json{{"key_id", k.key_id()}, {"public_key", k.public_hex()}}.dump() << "\n";
  });
}};
}  // namespace
