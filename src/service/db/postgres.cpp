// PostgreSQL backend (libpqxx 6.4+): a small pool of connections, one per open transaction.
// Placeholders `?` are rewritten to $1..$n; every value travels as text (NULL stays NULL).
#include <pqxx/pqxx>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>

#include "service/db/database.hpp"

namespace arbiter::service::db {
namespace {

std::string rewrite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string redact(const std::string& url) {
  // postgresql://user:password@host/db -> postgresql://user:***@host/db
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

class PgDb;

class PgTx final : public Tx {
 public:
  PgTx(PgDb& db, std::unique_ptr<pqxx::connection> conn);
  ~PgTx() override;
  Rows query(std::string_view sql, const Params& params) override;
  void commit() override;
  Dialect dialect() const override { return Dialect::postgres; }

 private:
  PgDb& db_;
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> work_;
  bool broken_ = false;
};

class PgDb final : public Database {
 public:
  PgDb(std::string url, int pool_size) : url_(std::move(url)), max_(pool_size < 1 ? 1 : pool_size) {
    release(connect());  // fail at start, with a clear message, if the server is unreachable
  }
  std::unique_ptr<Tx> begin(bool) override { return std::make_unique<PgTx>(*this, acquire()); }
  Dialect dialect() const override { return Dialect::postgres; }
  std::string describe() const override { return redact(url_); }

  std::unique_ptr<pqxx::connection> acquire() {
    std::unique_lock lk(mu_);
    cv_.wait(lk, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.front());
      idle_.pop_front();
      return c;
    }
    ++open_;
    lk.unlock();
    try {
      return connect();
    } catch (...) {
      std::lock_guard g(mu_);
      --open_;
      cv_.notify_one();
      throw;
    }
  }
  void release(std::unique_ptr<pqxx::connection> c) {
    std::lock_guard g(mu_);
    if (c && c->is_open()) {
      idle_.push_back(std::move(c));
    } else if (open_ > 0) {
      --open_;
    }
    cv_.notify_one();
  }
  void discard() {
    std::lock_guard g(mu_);
    if (open_ > 0) --open_;
    cv_.notify_one();
  }

 private:
  std::unique_ptr<pqxx::connection> connect() {
    try {
      return std::make_unique<pqxx::connection>(url_);
    } catch (const std::exception& e) {
      throw DbError("cannot connect to PostgreSQL at " + redact(url_) + ": " + e.what());
    }
  }
  std::string url_;
  int max_;
  int open_ = 1;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<pqxx::connection>> idle_;
};

PgTx::PgTx(PgDb& db, std::unique_ptr<pqxx::connection> conn) : db_(db), conn_(std::move(conn)) {
  try {
    work_ = std::make_unique<pqxx::work>(*conn_);
  } catch (const std::exception& e) {
    // A dead pooled connection (server restarted): replace it once.
    conn_.reset();
    db_.discard();
    conn_ = db_.acquire();
    work_ = std::make_unique<pqxx::work>(*conn_);
  }
}

PgTx::~PgTx() {
  try {
    work_.reset();  // aborts if not committed
  } catch (...) {
    broken_ = true;
  }
  if (broken_ || !conn_->is_open()) {
    conn_.reset();
    db_.discard();
  } else {
    db_.release(std::move(conn_));
  }
}

Rows PgTx::query(std::string_view sql, const Params& params) {
  std::vector<std::string> storage;
  storage.reserve(params.size());
  std::vector<const char*> ptrs;
  ptrs.reserve(params.size());
  for (const Value& v : params) {
    if (auto p = std::get_if<std::int64_t>(&v))
      storage.push_back(std::to_string(*p));
    else if (auto d = std::get_if<double>(&v)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", *d);
      storage.push_back(buf);
    } else if (auto s = std::get_if<std::string>(&v))
      storage.push_back(*s);
    else
      storage.emplace_back();
  }
  for (std::size_t i = 0; i < params.size(); ++i)
    ptrs.push_back(std::holds_alternative<std::monostate>(params[i]) ? nullptr : storage[i].c_str());
  pqxx::result r;
  try {
    r = work_->exec_params(rewrite_placeholders(sql), pqxx::prepare::make_dynamic_params(ptrs));
  } catch (const pqxx::broken_connection& e) {
    broken_ = true;
    throw DbError(std::string("PostgreSQL connection lost: ") + e.what());
  } catch (const pqxx::sql_error& e) {
    throw DbError(std::string("PostgreSQL: ") + e.what());
  }
  Rows rows;
  rows.reserve(r.size());
  for (const auto& row : r) {
    Row out;
    out.cols.reserve(row.size());
    for (const auto& f : row) {
      if (f.is_null())
        out.cols.emplace_back(std::monostate{});
      else
        out.cols.emplace_back(std::string(f.c_str(), f.size()));
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

void PgTx::commit() {
  try {
    work_->commit();
  } catch (const std::exception& e) {
    broken_ = true;
    throw DbError(std::string("PostgreSQL commit failed: ") + e.what());
  }
}

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size) {
  return std::make_unique<PgDb>(url, pool_size);
}

}  // namespace arbiter::service::db
