#pragma once
// The one clock both processes read: CLOCK_MONOTONIC_RAW is system-wide, so the judge can
// check that the contestant's start/end stamps lie inside its own round-trip window.
#include <time.h>

#include <cstdint>

namespace arbiter {
inline int64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}
}  // namespace arbiter
