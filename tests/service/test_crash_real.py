"""Crash test with the real judge and the real auditor: a server and two workers running `arbiter run`
and `arbiter audit` on tests/e2e/problems/tiny, a mix of honest, wrong, audit-rejected and
review-flagged candidates; kill -9 a worker mid-job, the server mid-run and a real judge
mid-iteration (while its contestant process runs); restart them; every submission ends with exactly
one final verdict, the one its source deserves, none is lost or ranked twice, and the leaderboard
holds exactly the users with an honest (or review-flagged) passing leaderboard submission.

60 jobs by default, not the 200 of test_crash.py: every real job compiles its candidate with g++ -O3
and times it (about 1.7 s of CPU for a leaderboard run of tiny), so 200 take 5-10 minutes on the
shared 2-core machine when it is busy (176 s on SQLite at load average 5-10).
ARBITER_CRASH_REAL_JOBS=200 runs the full count."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from tiny_kernels import KINDS, source  # noqa: E402
from svc import SRC, Env, Server, Worker, add_user, call, children_of, create_board, expect, log, parse_args, skip, submit_json  # noqa: E402


def judge_pids(workers, need_child):
    """Real judges (`arbiter run`) of the workers; with need_child, only those whose contestant runs."""
    out = []
    for w in workers:
        for pid in children_of(w.proc.pid):
            try:
                with open("/proc/%d/cmdline" % pid, "rb") as f:
                    if b"\0run\0" not in f.read():
                        continue
            except OSError:
                continue
            if not need_child or children_of(pid):
                out.append((pid, w))
    return out


def main():
    args = parse_args()
    real = os.environ.get("ARBITER_REAL_BIN", "")
    if not real or not os.path.exists(real):
        skip("the full arbiter binary (with `run` and `audit`) is not built")
    problem = os.path.join(SRC, "tests", "e2e", "problems", "tiny")
    jobs_wanted = int(os.environ.get("ARBITER_CRASH_REAL_JOBS", "60"))
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp, lease_s=3, max_attempts=6, extra=["--quiet"])
        env.procs.append(srv)
        create_board(srv, env.tmp, "tiny", problem=problem)
        # Who submits what: honest users also send wrong and review-flagged ones; the cheater and the
        # wrong-only user must never be ranked.
        roles = {"h0": ["honest", "wrong", "review"], "h1": ["honest", "honest", "wrong"],
                 "h2": ["review", "honest"], "cheater": ["cheat"], "wrongun": ["wrong"]}
        tokens = {u: add_user(srv, u) for u in roles}
        w1 = Worker(srv, "host-a", env.tmp, judge=real)
        w2 = Worker(srv, "host-b", env.tmp, judge=real)
        env.procs += [w1, w2]

        plan, jobs, k = [], 0, 0
        users = list(roles)
        while jobs < jobs_wanted:
            user = users[k % len(users)]
            kind = roles[user][(k // len(users)) % len(roles[user])]
            mode = "leaderboard" if (k % 4 != 3 and jobs + 2 <= jobs_wanted) else "test"
            plan.append((user, kind, mode))
            jobs += 2 if mode == "leaderboard" else 1
            k += 1
        ids = {}
        t0 = time.time()
        for n, (user, kind, mode) in enumerate(plan):
            status, body = submit_json(srv, tokens[user], "tiny", mode, source(kind, n), "kernel.cpp")
            expect(status == 201, "submit: %s %s" % (status, body))
            ids[body["id"]] = (user, kind, mode)
        log("%d submissions (%d jobs) accepted in %.2f s" % (len(ids), jobs, time.time() - t0))

        def done_count():
            return env.db.query("SELECT COUNT(*) FROM jobs WHERE state = 'done'")[0][0]

        def wait_until(n, limit=120):
            end = time.time() + limit
            while done_count() < n and time.time() < end:
                time.sleep(0.05)

        # 1. kill -9 a worker mid-job (its judge dies with it, as on a host crash); restart it. A judge
        # found running may finish and its worker post the result in the instant before the kill lands,
        # so the database decides whether the kill was mid-job, and a missed kill is tried again.
        wait_until(jobs // 10)
        held = 0
        for _ in range(5):
            for _ in range(2000):
                if judge_pids([w1], True):
                    break
                time.sleep(0.005)
            w1.kill9()
            held = env.db.query("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND worker_name = 'host-a'")[0][0]
            log("kill -9 worker host-a after %d done: %d job(s) left holding a lease" % (done_count(), held))
            time.sleep(0.3)
            w1.start()
            if held:
                break
        expect(held, "never killed worker host-a while it held a job")

        # 2. kill -9 the server mid-run; restart it on the same database and port.
        wait_until(jobs // 3)
        log("kill -9 server after %d done" % done_count())
        srv.kill9()
        time.sleep(1.0)
        srv.start()

        # 3. kill -9 a real judge mid-iteration: an `arbiter run` whose contestant process is running.
        wait_until(jobs // 2)
        killed = None
        end = time.time() + 60
        while not killed and time.time() < end:
            for pid, w in judge_pids([w1, w2], True):
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed = (pid, w.name)
                    break
                except OSError:
                    pass
            time.sleep(0.002)
        expect(killed, "never caught a judge with its contestant running")
        log("kill -9 judge pid %d of %s mid-iteration after %d done" % (killed[0], killed[1], done_count()))

        end = time.time() + 400
        while time.time() < end:
            if env.db.query("SELECT COUNT(*) FROM submissions WHERE status <> 'done'")[0][0] == 0:
                break
            time.sleep(0.25)
        elapsed = time.time() - t0
        subs = env.db.query("SELECT id, status, verdict, audit_verdict FROM submissions ORDER BY id")
        expect(len(subs) == len(ids), "lost submissions: %d of %d in the database" % (len(subs), len(ids)))
        unfinished = [s for s in subs if s[1] != "done" or s[2] is None]
        expect(not unfinished, "unfinished submissions: %s" % unfinished[:10])
        for sid, _, verdict, audit in subs:
            user, kind, mode = ids[sid]
            want, want_audit = KINDS[kind][2], KINDS[kind][3]
            expect(verdict == want, "submission %d (%s): verdict %s, wanted %s" % (sid, kind, verdict, want))
            expect(audit == want_audit, "submission %d (%s): audit %s, wanted %s" % (sid, kind, audit, want_audit))
        njobs = env.db.query("SELECT COUNT(*) FROM jobs")[0][0]
        nres = env.db.query("SELECT COUNT(*) FROM results")[0][0]
        ndistinct = env.db.query("SELECT COUNT(DISTINCT job_id) FROM results")[0][0]
        expect(njobs == jobs, "jobs: %d, wanted %d" % (njobs, jobs))
        expect(nres == njobs == ndistinct, "results %d (distinct %d) for %d jobs" % (nres, ndistinct, njobs))
        retried = env.db.query("SELECT COUNT(*) FROM jobs WHERE attempts > 1")[0][0]
        expect(retried >= 2, "only %d job(s) retried: the kills did not land mid-job" % retried)

        # The leaderboard: exactly the users with a ranked kind, each with their best secret score.
        status, board = call(srv, "GET", "/leaderboards/tiny")
        entries = board["ranking_entries"]
        expect(len(entries) == len({e["user"] for e in entries}), "a user is ranked twice: %s" % entries)
        best = {}
        for sid, (user, kind, mode) in ids.items():
            if mode == "leaderboard" and KINDS[kind][4]:
                score = env.db.query("SELECT score_ns FROM jobs WHERE submission_id = %d AND kind = 'secret'" % sid)[0][0]
                if user not in best or float(score) < best[user][0]:
                    best[user] = (float(score), sid)
        got = {e["user"]: (e["score_ns"], e["submission_id"]) for e in entries}
        expect(set(got) == {"h0", "h1", "h2"}, "ranked users %s, wanted h0 h1 h2" % sorted(got))
        for user, (score, sid) in best.items():
            expect(abs(got[user][0] - score) <= 1e-6 * score, "user %s: ranked %s, best %s" % (user, got[user], score))
            expect(ids[got[user][1]][1] in ("honest", "review"), "user %s ranked with %s" % (user, ids[got[user][1]]))
        log("PASS: %d submissions, %d jobs, %d retried, all final once, ranked %s, in %.1f s"
            % (len(ids), njobs, retried, sorted(got), elapsed))
        ok = True
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
