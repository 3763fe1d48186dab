#pragma once
// Work split in chunks over the judge's kept worker threads (one per core, up to 32): the judge
// draws inputs and flushes caches before every timed call, and starting a thread per core for
// each of those cost as much as a small one.
#include <cstddef>
#include <functional>

namespace arbiter {

// fn(c) for every c in [0, chunks), on the workers and the calling thread; returns when all ran.
// A caller that finds the workers busy (another thread's run) runs its chunks alone.
void parallel_chunks(std::size_t chunks, const std::function<void(std::size_t)>& fn);

}  // namespace arbiter
