# eval.py with a spawn-started worker pool, as reference-kernels' runs each test in one: the pool's
# semaphores need a writable /dev/shm, which --harness eval gives as a private tmpfs. (The tests
# themselves run here: the results channel, fd 3, stays with this process as upstream's does.)
import multiprocessing
import sys

import arbiter_eval

if __name__ == "__main__":
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        if pool.apply(abs, (-1,)) != 1:
            sys.exit(110)
    sys.exit(arbiter_eval.main())
