#pragma once
// One exception type for errors a user can act on: the message says what failed and where.
#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace arbiter {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename... Args>
[[noreturn]] void fail(fmt::format_string<Args...> f, Args&&... args) {
  throw Error(fmt::format(f, std::forward<Args>(args)...));
}

// errno text for system-call failures: "open /x: No such file or directory".
std::string errno_text(const std::string& what);

}  // namespace arbiter
