// Schema, migrations and authentication on a fresh SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "service/auth.hpp"
#include "service/db/database.hpp"
#include "service/util.hpp"

using namespace arbiter::service;

struct TempDb {
  std::string path;
  std::unique_ptr<db::Database> db;
  TempDb() {
    path = std::filesystem::temp_directory_path() / ("arbiter-unit-" + random_hex(6) + ".db");
    db = db::open(path);
    db::migrate(*db);
  }
  ~TempDb() {
    db.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  }
};

TEST(ServiceDb, MigrationsAreIdempotent) {
  TempDb t;
  EXPECT_EQ(db::schema_version(*t.db), 1);
  db::migrate(*t.db);
  EXPECT_EQ(db::schema_version(*t.db), 1);
  auto reopened = db::open("sqlite:" + t.path);
  db::migrate(*reopened);
  EXPECT_EQ(db::schema_version(*reopened), 1);
}

TEST(ServiceDb, UncommittedTransactionRollsBack) {
  TempDb t;
  {
    auto tx = t.db->begin(true);
    auth::create_user(*tx, "ghost", "user");
  }
  auto tx = t.db->begin(false);
  EXPECT_EQ(tx->scalar("SELECT COUNT(*) FROM users WHERE name = 'ghost'"), 0);
}

TEST(ServiceAuth, TokensAreHashedAndExpire) {
  TempDb t;
  std::string token, expired;
  {
    auto tx = t.db->begin(true);
    auto id = auth::create_user(*tx, "alice", "user");
    token = auth::issue_token(*tx, id);
    expired = auth::issue_token(*tx, id, now_ms() - 1);
    EXPECT_EQ(tx->scalar("SELECT COUNT(*) FROM tokens WHERE hash = ?", {token}), 0) << "plaintext stored";
    tx->commit();
  }
  auto tx = t.db->begin(false);
  std::string why;
  auto p = auth::authenticate(*tx, token, why);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "alice");
  EXPECT_FALSE(auth::authenticate(*tx, expired, why));
  EXPECT_NE(why.find("expired"), std::string::npos);
  std::string forged = token;
  forged[10] = forged[10] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(auth::authenticate(*tx, forged, why));
  EXPECT_NE(why.find("unknown"), std::string::npos);
  EXPECT_FALSE(auth::authenticate(*tx, "hello", why));
  EXPECT_NE(why.find("malformed"), std::string::npos);
}

TEST(ServiceAuth, BootstrapAdminOnce) {
  TempDb t;
  unsetenv("ARBITER_ADMIN_TOKEN");
  auto first = auth::bootstrap_admin(*t.db);
  ASSERT_TRUE(first);
  EXPECT_FALSE(auth::bootstrap_admin(*t.db));
}
