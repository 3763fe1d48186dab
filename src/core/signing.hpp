#pragma once
// Ed25519 report signing. The key pair lives with the judge (default: config_dir()/keys,
// mode 0600), is created on first use, and is never opened by the contestant.
#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace arbiter {

struct SigningKey {
  std::array<unsigned char, 32> public_key{};
  std::array<unsigned char, 64> secret_key{};
  std::string key_id() const;      // 16 hex chars: first 8 bytes of SHA-256(public key)
  std::string public_hex() const;
};

std::filesystem::path default_key_dir();
// Loads the key pair from dir, creating it (0600 files in a 0700 dir) on first use.
SigningKey load_or_create_key(const std::filesystem::path& dir);

// Canonical bytes: the object without "signature", dumped with sorted keys.
std::string canonical_form(const nlohmann::json& report);
// Adds key_id, public_key and signature to the report.
void sign_report(nlohmann::json& report, const SigningKey& key);

struct VerifyResult {
  bool ok = false;
  bool trusted = false;  // signed by one of the trusted keys given
  std::string why;       // what failed, when !ok
};
// Checks the signature with the report's own public key, and whether that key is trusted.
VerifyResult verify_report(const nlohmann::json& report, const std::vector<std::string>& trusted_public_hex);

}  // namespace arbiter
