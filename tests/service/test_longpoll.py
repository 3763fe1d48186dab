"""Long-polling: a worker's claim waits on the server and is woken by a submission within
milliseconds; an empty claim waits its full bound; batch results wake a waiting reader (and the
Python client reads them without polling); on PostgreSQL, a claim on one server sees a
submission to another within the 250 ms re-check; an idle worker stops at once on SIGTERM; a worker that
does not long-poll pauses between claims; the server listens with a large backlog."""
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))
import arbiter_client  # noqa: E402
from svc import Env, Server, Worker, add_user, call, create_board, expect, log, parse_args, submit_json  # noqa: E402


def manual_worker(srv, name):
    status, body = call(srv, "POST", "/admin/workers", srv.admin, {"name": name})
    expect(status == 201, "worker-add: %s" % body)
    token = body["token"]
    status, body = call(srv, "POST", "/worker/register", token, {"public_key": "ab" * 32})
    expect(status == 200, "register: %s" % body)
    return token


def main():
    args = parse_args()
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp, lease_s=30, extra=["--quiet"])
        env.procs.append(srv)
        create_board(srv, env.tmp, "vectoradd")
        alice = add_user(srv, "alice")
        wtok = manual_worker(srv, "manual")

        # The listen backlog: cpp-httplib's default of 5 drops connection bursts.
        out = subprocess.run(["ss", "-ltnH", "sport = :%d" % srv.port], capture_output=True, text=True).stdout.split()
        expect(len(out) >= 3 and int(out[2]) >= 128, "listen backlog (ss Send-Q) is %s, wanted >= 128" % out[2:3])
        log("listen backlog", out[2])

        # An empty claim waits for its whole bound, then answers 204.
        t0 = time.time()
        status, body = call(srv, "POST", "/worker/claim", wtok, {"wait_ms": 800})
        waited = time.time() - t0
        expect(status == 204 and 0.7 <= waited < 5, "empty claim: %s after %.2f s" % (status, waited))

        # A waiting claim is woken by a submission: it answers within milliseconds of the submit.
        got = {}

        def claim():
            got["status"], got["body"] = call(srv, "POST", "/worker/claim", wtok, {"wait_ms": 15000})
            got["at"] = time.time()

        th = threading.Thread(target=claim)
        th.start()
        time.sleep(0.5)
        t_submit = time.time()
        status, body = submit_json(srv, alice, "vectoradd", "test", "# SCORE=100")
        expect(status == 201, "submit: %s" % body)
        th.join(20)
        expect(got.get("status") == 200, "woken claim: %s" % got)
        latency = got["at"] - t_submit
        expect(latency < 1.0, "submit-to-claim took %.3f s (woken claims answer at once)" % latency)
        log("submit -> claim answered in %.1f ms" % (latency * 1000))
        status, _ = call(srv, "DELETE", "/submissions/%d" % got["body"]["submission_id"], alice)
        expect(status == 200, "delete the claimed submission")  # the queue is empty again

        if args.db == "postgres":
            # Two servers on one database: a submission to the other cannot wake this claim, so it
            # re-checks the queue every 250 ms.
            srv2 = Server(env.db, env.tmp, lease_s=30, extra=["--quiet"])
            env.procs.append(srv2)
            lat = []
            for _ in range(3):  # the re-check is every 250 ms: each must land well under 1 s
                got.clear()
                th = threading.Thread(target=claim)
                th.start()
                time.sleep(0.5)
                t_submit = time.time()
                status, body = submit_json(srv2, alice, "vectoradd", "test", "# SCORE=101")
                expect(status == 201, "submit to the second server: %s" % body)
                th.join(20)
                expect(got.get("status") == 200, "claim across servers: %s" % got)
                latency = got["at"] - t_submit
                expect(latency < 1.0, "a submission to another server took %.3f s to be claimed" % latency)
                lat.append(round(latency * 1000, 1))
                expect(got["body"]["submission_id"] == body["id"], "claimed %s" % got["body"])
                call(srv, "DELETE", "/submissions/%d" % body["id"], alice)
            log("submit to server 2 -> claim on server 1 in", lat, "ms")
            srv2.stop()

        # Batch results: a reader waiting with done=N is woken when another candidate finishes.
        w = Worker(srv, "fake", env.tmp, env={"FAKE_JUDGE_MS": "1200"})
        env.procs.append(w)
        c = arbiter_client.Client(srv.url, alice)
        batch = c.submit_batch("vectoradd", "benchmark",
                               [{"name": "c%d" % i, "source": "# cand %d SCORE=%d" % (i, 500 + i)} for i in range(2)])
        bid = batch["batch_id"]
        t0 = time.time()
        status, page = call(srv, "GET", "/batches/%d?since=0&done=0&wait_ms=15000" % bid, alice)
        waited = time.time() - t0
        expect(status == 200 and page["done"] >= 1 and page["results"], "woken batch read: %s" % page)
        expect(waited < 12, "the batch read waited %.1f s: not woken by the finished candidate" % waited)
        log("batch read woken after %.2f s with %d done" % (waited, page["done"]))

        # The Python client long-polls: few requests, every result once.
        calls = []
        orig = c._call
        c._call = lambda m, p, b=None: (calls.append(p), orig(m, p, b))[1]
        batch = c.submit_batch("vectoradd", "benchmark",
                               [{"name": "d%d" % i, "source": "# dcand %d SCORE=%d" % (i, 700 + i)} for i in range(3)])
        names = [r["name"] for r in c.iter_batch_results(batch["batch_id"], timeout=60)]
        expect(sorted(names) == ["d0", "d1", "d2"], "client results: %s" % names)
        gets = [p for p in calls if p.startswith("/batches/%d?" % batch["batch_id"])]
        expect(len(gets) <= 5, "the client made %d reads for 3 results (polling?)" % len(gets))
        log("client read 3 results in %d requests" % len(gets))
        # Without long-poll (wait_s=0) the client pauses between empty answers instead of spinning.
        calls.clear()
        batch = c.submit_batch("vectoradd", "benchmark",
                               [{"name": "e%d" % i, "source": "# ecand %d SCORE=%d" % (i, 800 + i)} for i in range(2)])
        names = [r["name"] for r in c.iter_batch_results(batch["batch_id"], wait_s=0, timeout=60)]
        expect(sorted(names) == ["e0", "e1"], "client results without long-poll: %s" % names)
        expect(len(calls) <= 15, "the client made %d reads for 2 results of ~1.2 s each (spinning?)" % len(calls))
        log("client without long-poll: 2 results in %d requests" % len(calls))

        # An idle worker waiting in a claim stops at once on SIGTERM.
        time.sleep(0.5)
        t0 = time.time()
        w.proc.terminate()
        rc = w.proc.wait(15)
        stopped = time.time() - t0
        expect(rc == 0 and stopped < 3, "idle worker stop: rc %s after %.1f s" % (rc, stopped))
        log("idle worker stopped in %.2f s" % stopped)

        # A worker told not to long-poll (--claim-wait-ms 0) pauses --poll-ms between empty claims.
        def answered():
            text = call(srv, "GET", "/metrics")[1]
            return sum(float(l.split()[-1]) for l in text.splitlines() if l.startswith("arbiter_http_requests_total"))

        p = Worker(srv, "poller", env.tmp, extra_args=["--claim-wait-ms", "0", "--poll-ms", "500"])
        env.procs.append(p)
        time.sleep(1.0)
        before = answered()
        time.sleep(2.0)
        claims = answered() - before - 1  # minus the metrics read itself
        expect(claims <= 8, "a polling worker made %d claims in 2 s (it must pause 500 ms)" % claims)
        log("polling worker: %d claims in 2 s" % claims)
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
