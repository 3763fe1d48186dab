#include "core/error.hpp"

#include <cerrno>
#include <cstring>

namespace arbiter {
std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }
}  // namespace arbiter
