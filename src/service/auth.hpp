#pragma once
// Users and API tokens. A token is "arb_" + 64 hex digits, shown once when issued; the database keeps
// only its BLAKE2b hash (libsodium crypto_generichash), so a leaked database leaks no usable token.
#include <cstdint>
#include <optional>
#include <string>

#include "service/db/database.hpp"

namespace arbiter::service::auth {

struct Principal {
  std::int64_t user_id = 0;
  std::string name;
  std::string role;  // admin | user | worker
  bool banned = false;
  std::string ban_reason;
  bool is_admin() const { return role == "admin"; }
  bool is_worker() const { return role == "worker"; }
};

std::string hash_token(const std::string& token);

// Creates a token for the user and returns the plaintext (the only time it exists).
std::string issue_token(db::Tx& tx, std::int64_t user_id, std::optional<std::int64_t> expires_at_ms = {});

// Looks the token up; on failure returns nullopt and sets `why` to a message for the 401.
std::optional<Principal> authenticate(db::Tx& tx, const std::string& token, std::string& why);

// Creates a user (role admin/user/worker); throws db::DbError if the name is taken.
std::int64_t create_user(db::Tx& tx, const std::string& name, const std::string& role);

// On first start: creates the admin user and returns its token (ARBITER_ADMIN_TOKEN if set, else a
// fresh one). Returns nullopt if an admin already exists.
std::optional<std::string> bootstrap_admin(db::Database& db);

}  // namespace arbiter::service::auth
