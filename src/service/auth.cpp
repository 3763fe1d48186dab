#include "service/auth.hpp"

#include <sodium.h>

#include <cstdlib>

#include "service/util.hpp"

namespace arbiter::service::auth {

std::string hash_token(const std::string& token) {
  unsigned char h[32];
  static const unsigned char key[] = "arbiter-api-token-v1";
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), key,
                     sizeof key - 1);
  return hex(h, sizeof h);
}

std::string issue_token(db::Tx& tx, std::int64_t user_id, std::optional<std::int64_t> expires_at_ms) {
  std::string token = "arb_" + random_hex(32);
  tx.query("INSERT INTO tokens (user_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
           {user_id, hash_token(token), now_ms(), expires_at_ms ? db::Value(*expires_at_ms) : db::null()});
  return token;
}

std::optional<Principal> authenticate(db::Tx& tx, const std::string& token, std::string& why) {
  if (token.size() != 68 || token.rfind("arb_", 0) != 0) {
    why = "malformed API token: expected 'Authorization: Bearer arb_<64 hex digits>'";
    return std::nullopt;
  }
  auto rows = tx.query(
      "SELECT u.id, u.name, u.role, u.banned, u.ban_reason, t.expires_at, t.revoked FROM tokens t JOIN users u ON "
      "u.id = t.user_id WHERE t.hash = ?",
      {hash_token(token)});
  if (rows.empty()) {
    why = "unknown API token: ask the organiser for a token, or run 'arbiter login'";
    return std::nullopt;
  }
  const auto& r = rows[0];
  if (r.i64(6) != 0) {
    why = "this API token was revoked";
    return std::nullopt;
  }
  if (!r.is_null(5) && r.i64(5) <= now_ms()) {
    why = "this API token expired at " + iso_time(r.i64(5)) + ": ask for a new one";
    return std::nullopt;
  }
  Principal p;
  p.user_id = r.i64(0);
  p.name = r.str(1);
  p.role = r.str(2);
  p.banned = r.i64(3) != 0;
  p.ban_reason = r.str(4);
  return p;
}

std::int64_t create_user(db::Tx& tx, const std::string& name, const std::string& role) {
  auto rows = tx.query("INSERT INTO users (name, role, created_at) VALUES (?, ?, ?) RETURNING id", {name, role, now_ms()});
  return rows.at(0).i64(0);
}

std::optional<std::string> bootstrap_admin(db::Database& db) {
  auto tx = db.begin(true);
  if (tx->scalar("SELECT COUNT(*) FROM users WHERE role = 'admin'") > 0) return std::nullopt;
  std::int64_t id = create_user(*tx, "admin", "admin");
  std::string token;
  const char* env = std::getenv("ARBITER_ADMIN_TOKEN");
  if (env && *env) {
    token = env;
    if (token.size() != 68 || token.rfind("arb_", 0) != 0)
      throw std::runtime_error("ARBITER_ADMIN_TOKEN must be 'arb_' followed by 64 hex digits");
    tx->query("INSERT INTO tokens (user_id, hash, created_at) VALUES (?, ?, ?)", {id, hash_token(token), now_ms()});
  } else {
    token = issue_token(*tx, id);
  }
  tx->commit();
  return token;
}

}  // namespace arbiter::service::auth
