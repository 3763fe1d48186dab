"""Submit-to-claim latency of an idle worker: how long a queued job waits before a worker holds it.

    ARBITER_BIN=build/tests/service/arbiter-service-cli FAKE_JUDGE=build/tests/service/arbiter-fake-judge \\
        python3 bench/service/claim_latency.py [--db sqlite|postgres] [--n 40]

One server, one worker with the fake judge (FAKE_JUDGE_MS=1), one test submission at a time, each
after the previous finished, so the worker is idle and waiting. The latency is the server's own
jobs.started_at - jobs.created_at (ms), measured twice: polling (--claim-wait-ms 0 --poll-ms 250,
the old behaviour) and long-polling (the default). For PostgreSQL, start tests/service/pg.sh and set
ARBITER_TEST_PG_DIR or ARBITER_TEST_PG_URL."""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "service"))
import svc  # noqa: E402


def measure(kind, n, worker_args):
    env = svc.Env(kind)
    try:
        srv = svc.Server(env.db, env.tmp, lease_s=10, extra=["--quiet"])
        env.procs.append(srv)
        svc.create_board(srv, env.tmp, "lat")
        tok = svc.add_user(srv, "lat")
        w = svc.Worker(srv, "w", env.tmp, env={"FAKE_JUDGE_MS": "1"}, extra_args=worker_args)
        env.procs.append(w)
        time.sleep(1.0)  # registered and waiting
        lat = []
        for i in range(n):
            status, body = svc.submit_json(srv, tok, "lat", "test", "# SCORE=%d" % (100 + i))
            svc.expect(status == 201, "submit: %s" % body)
            svc.wait_done(srv, tok, [body["id"]], timeout=30)
            row = env.db.query("SELECT started_at - created_at FROM jobs WHERE submission_id = %d" % body["id"])
            lat.append(int(row[0][0]))
            time.sleep(0.05 + (i % 7) * 0.037)  # submissions land at varied points of a poll period
        return lat
    finally:
        env.close(True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--n", type=int, default=40)
    a = p.parse_args()
    for label, args in [("poll 250 ms", ["--claim-wait-ms", "0", "--poll-ms", "250"]), ("long-poll", [])]:
        lat = sorted(measure(a.db, a.n, args))
        p50 = statistics.median(lat)
        p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
        print("%s %-12s n=%d submit->claim p50 %.0f ms  p99 %d ms  max %d ms  mean %.1f ms"
              % (a.db, label, len(lat), p50, p99, lat[-1], statistics.mean(lat)), flush=True)


if __name__ == "__main__":
    main()
