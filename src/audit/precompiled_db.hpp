#pragma once
// Regex databases compiled at build time (by audit-compile-db) and linked into arbiter_audit, so a
// cold start deserializes in microseconds instead of compiling for seconds. If the fingerprint does
// not match the loaded rules (e.g. --rules DIR) or the host CPU differs, the auditor compiles at run time.
#include <cstddef>
#include <cstdint>

#include "audit/rule.hpp"

namespace arbiter::audit {

struct PrecompiledDb {
  uint64_t fingerprint = 0;
  const char* bytes = nullptr;
  size_t size = 0;
};

PrecompiledDb precompiled_db(Language l);

}  // namespace arbiter::audit
