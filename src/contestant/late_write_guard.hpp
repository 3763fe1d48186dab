#pragma once
// Names the fault of a write to outputs the harness already unmapped (a thread the submission
// left running after its call returned): the SIGSEGV handler reports kLateOutputWrite on the
// violation pipe and exits, so the judge answers `rejected` rather than a bare crash. Any other
// fault takes the default action. The submission may replace the handler; then it is a crash.
#include <cstddef>

namespace arbiter::contestant::late_write_guard {
void install(int violation_fd);
void arm(const void* base, std::size_t len);  // this range was just unmapped
void disarm();
}  // namespace arbiter::contestant::late_write_guard
