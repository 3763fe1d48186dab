"""Crash test: a server and two workers, 200 jobs, then kill -9 a worker mid-job, the server mid-run and
a judge mid-iteration, restart them, and check that every submission ends with exactly one final
verdict, none is lost, and no job is judged twice into the leaderboard.

Scale with ARBITER_CRASH_JOBS (default 200) and FAKE_JUDGE_MS (default 100 ms per judged run)."""
import os
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from svc import Env, Server, Worker, add_user, call, children_of, create_board, expect, log, parse_args, submit_json


def judges_of(worker):
    return [p for p in children_of(worker.proc.pid)]


def main():
    args = parse_args()
    jobs_wanted = int(os.environ.get("ARBITER_CRASH_JOBS", "200"))
    judge_ms = os.environ.get("FAKE_JUDGE_MS", "100")
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp, lease_s=2, max_attempts=6, extra=["--quiet"])
        env.procs.append(srv)
        create_board(srv, env.tmp, "vectoradd")
        users = {name: add_user(srv, name) for name in ["u%d" % i for i in range(8)]}
        wenv = {"FAKE_JUDGE_MS": judge_ms}
        w1 = Worker(srv, "host-a", env.tmp, env=wenv)
        w2 = Worker(srv, "host-b", env.tmp, env=wenv)
        env.procs += [w1, w2]

        # 200 jobs: leaderboard submissions make two jobs (public + secret), test submissions one.
        plan = []
        jobs = 0
        i = 0
        while jobs < jobs_wanted:
            mode = "leaderboard" if (i % 3 != 2 and jobs + 2 <= jobs_wanted) else "test"
            plan.append(mode)
            jobs += 2 if mode == "leaderboard" else 1
            i += 1
        ids = {}
        names = list(users)
        t0 = time.time()
        for k, mode in enumerate(plan):
            user = names[k % len(names)]
            wrong = " WRONG" if k % 11 == 0 else ""
            status, body = submit_json(srv, users[user], "vectoradd", mode, "# cand %d SCORE=%d%s" % (k, 500 + k, wrong))
            expect(status == 201, "submit: %s %s" % (status, body))
            ids[body["id"]] = (user, mode, bool(wrong))
        log("%d submissions (%d jobs) accepted in %.2f s" % (len(ids), jobs, time.time() - t0))

        def done_count():
            return env.db.query("SELECT COUNT(*) FROM jobs WHERE state = 'done'")[0][0]

        def wait_until(n, limit=60):
            end = time.time() + limit
            while done_count() < n and time.time() < end:
                time.sleep(0.05)

        # 1. kill -9 a worker mid-job (with its judge), restart it.
        wait_until(jobs // 8)
        for _ in range(100):
            if judges_of(w1):
                break
            time.sleep(0.01)
        log("kill -9 worker host-a (judge running: %s) after %d done" % (bool(judges_of(w1)), done_count()))
        w1.kill9()
        time.sleep(0.5)
        w1.start()

        # 2. kill -9 the server mid-run, restart it on the same database and port.
        wait_until(jobs // 3)
        log("kill -9 server after %d done" % done_count())
        srv.kill9()
        time.sleep(1.0)
        srv.start()

        # 3. kill -9 a judge mid-iteration (the worker survives and hands the job back).
        wait_until(jobs // 2)
        killed = False
        for _ in range(400):
            for w in (w1, w2):
                for pid in judges_of(w):
                    try:
                        with open("/proc/%d/cmdline" % pid, "rb") as f:
                            if b"\0run\0" not in f.read():
                                continue
                        os.kill(pid, signal.SIGKILL)
                        killed = True
                        log("kill -9 judge pid %d of %s after %d done" % (pid, w.name, done_count()))
                        break
                    except OSError:
                        pass
                if killed:
                    break
            if killed:
                break
            time.sleep(0.005)
        expect(killed, "never caught a judge running")

        # Everything finishes.
        end = time.time() + 150
        while time.time() < end:
            left = env.db.query("SELECT COUNT(*) FROM submissions WHERE status <> 'done'")[0][0]
            if left == 0:
                break
            time.sleep(0.2)
        elapsed = time.time() - t0
        subs = env.db.query("SELECT id, status, verdict FROM submissions ORDER BY id")
        expect(len(subs) == len(ids), "lost submissions: %d of %d in the database" % (len(subs), len(ids)))
        unfinished = [s for s in subs if s[1] != "done" or s[2] is None]
        expect(not unfinished, "unfinished submissions: %s" % unfinished[:10])
        for sid, status, verdict in subs:
            user, mode, wrong = ids[sid]
            want = "wrong_answer" if wrong else "pass"
            expect(verdict == want, "submission %d: verdict %s, wanted %s" % (sid, verdict, want))
        njobs = env.db.query("SELECT COUNT(*) FROM jobs")[0][0]
        nres = env.db.query("SELECT COUNT(*) FROM results")[0][0]
        ndistinct = env.db.query("SELECT COUNT(DISTINCT job_id) FROM results")[0][0]
        expect(njobs == jobs, "jobs: %d, wanted %d" % (njobs, jobs))
        expect(nres == njobs == ndistinct, "results %d (distinct %d) for %d jobs" % (nres, ndistinct, njobs))
        retried = env.db.query("SELECT COUNT(*) FROM jobs WHERE attempts > 1")[0][0]
        expect(retried >= 1, "no job was retried: the kills did not land mid-job")
        # Leaderboard: one entry per user, each the user's best passing secret score.
        status, board = call(srv, "GET", "/leaderboards/vectoradd")
        entries = board["ranking_entries"]
        expect(len(entries) == len({e["user"] for e in entries}), "a user is ranked twice: %s" % entries)
        best = {}
        for sid, (user, mode, wrong) in ids.items():
            if mode == "leaderboard" and not wrong:
                score = env.db.query("SELECT score_ns FROM jobs WHERE submission_id = %d AND kind = 'secret'" % sid)[0][0]
                best[user] = min(best.get(user, 1e18), float(score))
        got = {e["user"]: e["score_ns"] for e in entries}
        expect(got == best, "ranking %s != expected %s" % (got, best))
        status, metrics = call(srv, "GET", "/metrics")
        log("metrics:", [l for l in metrics.splitlines() if l.startswith(("arbiter_jobs", "arbiter_reports_rejected"))])
        log("PASS: %d submissions, %d jobs, %d retried, all final once, in %.1f s" % (len(ids), njobs, retried, elapsed))
        ok = True
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
