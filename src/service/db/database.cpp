#include "service/db/database.hpp"

#include <cstdlib>

namespace arbiter::service::db {

bool Row::is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(cols.at(i)); }

std::int64_t Row::i64(std::size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtoll(p->c_str(), nullptr, 10);
  return 0;
}

double Row::f64(std::size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::str(std::size_t i) const {
  const Value& v = cols.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::int64_t Tx::scalar(std::string_view sql, const Params& params, std::int64_t fallback) {
  Rows rows = query(sql, params);
  if (rows.empty() || rows[0].cols.empty() || rows[0].is_null(0)) return fallback;
  return rows[0].i64(0);
}

std::unique_ptr<Database> open(const std::string& url, int pool_size) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0)
    return open_postgres(url, pool_size);
  std::string path = url;
  if (path.rfind("sqlite://", 0) == 0)
    path = path.substr(9);
  else if (path.rfind("sqlite:", 0) == 0)
    path = path.substr(7);
  if (path.empty()) throw DbError("database URL names no SQLite file: '" + url + "'");
  return open_sqlite(path);
}

}  // namespace arbiter::service::db
