#pragma once
// The one thread of the contestant allowed to map the judge's memfds shared. The main thread,
// which runs the submission and so starts all of its threads, then forbids shared file
// mappings for itself (seccomp, inherited by every thread it starts): a submission thread that
// grabs an output memfd in the moment before the harness closes it cannot map it writable.
#include <functional>

namespace arbiter::contestant::mapper {
void start();                          // before the main thread's restriction
void run(const std::function<void()>& f);  // f on the mapper thread; rethrows its exception
}  // namespace arbiter::contestant::mapper
