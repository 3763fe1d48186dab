// SQLite backend: one connection, one writer at a time (a mutex held for the whole transaction),
// WAL journal so readers of the file from other processes never block, prepared statements cached.
#include <sqlite3.h>

#include <mutex>
#include <unordered_map>

#include "service/db/database.hpp"

namespace arbiter::service::db {
namespace {

class SqliteDb;

class SqliteTx final : public Tx {
 public:
  SqliteTx(SqliteDb& db, bool write);
  ~SqliteTx() override;
  Rows query(std::string_view sql, const Params& params) override;
  void commit() override;
  Dialect dialect() const override { return Dialect::sqlite; }

 private:
  SqliteDb& db_;
  std::unique_lock<std::mutex> lock_;
  bool open_ = false;
};

class SqliteDb final : public Database {
 public:
  explicit SqliteDb(const std::string& path) : path_(path) {
    int rc = sqlite3_open_v2(path.c_str(), &conn_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = conn_ ? sqlite3_errmsg(conn_) : sqlite3_errstr(rc);
      sqlite3_close(conn_);
      throw DbError("cannot open SQLite database '" + path + "': " + msg);
    }
    sqlite3_busy_timeout(conn_, 10000);
    exec("PRAGMA journal_mode=WAL");
    // NORMAL in WAL mode: a process crash (kill -9) loses nothing; only a power cut can lose the
    // last transactions. ARBITER_SQLITE_SYNC=FULL makes every commit reach the disk.
    const char* sync = std::getenv("ARBITER_SQLITE_SYNC");
    exec(std::string("PRAGMA synchronous=") + (sync && *sync ? sync : "NORMAL"));
    exec("PRAGMA foreign_keys=ON");
  }
  ~SqliteDb() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(conn_);
  }
  std::unique_ptr<Tx> begin(bool write) override { return std::make_unique<SqliteTx>(*this, write); }
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(conn_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw DbError("SQLite: " + msg + " (in: " + sql.substr(0, 120) + ")");
    }
  }

  Rows run(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* st = nullptr;
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      st = it->second;
    } else {
      if (sqlite3_prepare_v3(conn_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &st,
                             nullptr) != SQLITE_OK)
        throw DbError(std::string("SQLite cannot prepare: ") + sqlite3_errmsg(conn_) + " (in: " + key.substr(0, 160) +
                      ")");
      cache_.emplace(key, st);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const Value& v = params[i];
      if (auto p = std::get_if<std::int64_t>(&v))
        sqlite3_bind_int64(st, idx, *p);
      else if (auto d = std::get_if<double>(&v))
        sqlite3_bind_double(st, idx, *d);
      else if (auto s = std::get_if<std::string>(&v))
        sqlite3_bind_text(st, idx, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      else
        sqlite3_bind_null(st, idx);
    }
    Rows rows;
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        std::string msg = sqlite3_errmsg(conn_);
        sqlite3_reset(st);
        throw DbError("SQLite: " + msg + " (in: " + key.substr(0, 160) + ")");
      }
      Row row;
      int n = sqlite3_column_count(st);
      row.cols.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_INTEGER: row.cols.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(st, c))); break;
          case SQLITE_FLOAT: row.cols.emplace_back(sqlite3_column_double(st, c)); break;
          case SQLITE_NULL: row.cols.emplace_back(std::monostate{}); break;
          default: {
            auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            row.cols.emplace_back(std::string(t ? t : "", sqlite3_column_bytes(st, c)));
          }
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_reset(st);
    return rows;
  }

  std::mutex mu;

 private:
  std::string path_;
  sqlite3* conn_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

SqliteTx::SqliteTx(SqliteDb& db, bool write) : db_(db), lock_(db.mu) {
  db_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
  open_ = true;
}

SqliteTx::~SqliteTx() {
  if (open_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
  }
}

Rows SqliteTx::query(std::string_view sql, const Params& params) { return db_.run(sql, params); }

void SqliteTx::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) { return std::make_unique<SqliteDb>(path); }

}  // namespace arbiter::service::db
