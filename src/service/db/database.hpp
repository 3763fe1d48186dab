#pragma once
// The one database interface the service uses. Two backends: SQLite (default, one file, WAL) and
// PostgreSQL (libpqxx). SQL is written once with `?` placeholders; the PostgreSQL backend rewrites
// them to $1, $2, ... Every change happens inside a Tx; a Tx that is not committed rolls back.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace arbiter::service::db {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

inline Value null() { return std::monostate{}; }

struct Row {
  std::vector<Value> cols;
  bool is_null(std::size_t i) const;
  std::int64_t i64(std::size_t i) const;  // 0 for NULL
  double f64(std::size_t i) const;        // 0 for NULL
  std::string str(std::size_t i) const;   // "" for NULL
};
using Rows = std::vector<Row>;

struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Dialect { sqlite, postgres };

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  virtual void commit() = 0;
  virtual Dialect dialect() const = 0;
  // Convenience: first row's first column as an integer, or `fallback` if no row.
  std::int64_t scalar(std::string_view sql, const Params& params = {}, std::int64_t fallback = 0);
};

class Database {
 public:
  virtual ~Database() = default;
  // write=true takes the write lock up front (SQLite BEGIN IMMEDIATE) so the transaction never
  // fails half-way with SQLITE_BUSY.
  virtual std::unique_ptr<Tx> begin(bool write = true) = 0;
  virtual Dialect dialect() const = 0;
  virtual std::string describe() const = 0;  // for logs, without passwords
};

// url: a file path or sqlite:PATH for SQLite, postgresql://... (or postgres://) for PostgreSQL.
std::unique_ptr<Database> open(const std::string& url, int pool_size = 8);

std::unique_ptr<Database> open_sqlite(const std::string& path);
std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size);

// Applies every migration not yet recorded in schema_migrations. Idempotent; safe with
// several servers starting at once on PostgreSQL (advisory lock).
void migrate(Database& db);
int schema_version(Database& db);

}  // namespace arbiter::service::db
