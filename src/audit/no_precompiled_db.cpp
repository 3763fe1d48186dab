// Linked only into audit-compile-db, the tool that produces the real precompiled databases.
#include "audit/precompiled_db.hpp"

namespace arbiter::audit {
PrecompiledDb precompiled_db(Language) { return {}; }
}  // namespace arbiter::audit
