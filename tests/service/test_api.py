"""End to end on loopback: one server, two workers (the fake judge), the CLI client, ranking, bans,
redaction of secret runs, web pages, batches and the Python client."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from svc import (BIN, Env, Server, Worker, add_user, call, create_board, expect, log, parse_args, submit_json,
                 wait_done)


def cli(env_vars, *args, stdin=None):
    out = subprocess.run([BIN] + list(args), capture_output=True, text=True, env=env_vars, input=stdin, timeout=120)
    return out.returncode, out.stdout, out.stderr


def main():
    args = parse_args()
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp)
        env.procs.append(srv)
        create_board(srv, env.tmp, "vectoradd")
        alice, bob, carol = add_user(srv, "alice"), add_user(srv, "bob"), add_user(srv, "carol")
        w1 = Worker(srv, "gpu-host-1", env.tmp)
        w2 = Worker(srv, "gpu-host-2", env.tmp)
        env.procs += [w1, w2]

        # The CLI: login stores the token; submit follows the job and prints the table.
        cfg = os.path.join(env.tmp, "config")
        cenv = dict(os.environ, XDG_CONFIG_HOME=cfg)
        rc, out, err = cli(cenv, "login", "--server", srv.url, "--token", alice)
        expect(rc == 0 and "alice" in out, "login: %s %s %s" % (rc, out, err))
        expect(oct(os.stat(os.path.join(cfg, "arbiter", "service.json")).st_mode & 0o777) == "0o600", "login file mode")
        src = os.path.join(env.tmp, "honest.py")
        with open(src, "w") as f:
            f.write("# honest kernel SCORE=2000\n")
        rc, out, err = cli(cenv, "submit", src, "--leaderboard", "vectoradd", "--mode", "leaderboard")
        expect(rc == 0, "submit: rc %s\n%s\n%s" % (rc, out, err))
        expect("verdict: pass" in out and "public" in out and "secret" in out, "submit table:\n" + out)
        log("submit CLI output:\n" + out)
        wrong = os.path.join(env.tmp, "wrong.py")
        with open(wrong, "w") as f:
            f.write("# WRONG kernel\n")
        rc, out, err = cli(cenv, "submit", wrong, "-l", "vectoradd", "-m", "test")
        expect(rc == 1 and "wrong_answer" in out, "wrong submit: %s %s %s" % (rc, out, err))

        # More submissions through the API.
        ids = {}
        for who, tok, text, mode in [("bob", bob, "# SCORE=1500 bob fast", "leaderboard"),
                                     ("bob", bob, "# SCORE=3000 bob slow", "leaderboard"),
                                     ("carol", carol, "# SCORE=100 CHEAT", "leaderboard"),
                                     ("carol", carol, "# SCORE=2500 REVIEW", "leaderboard"),
                                     ("alice", alice, "# SCORE=5 WRONG", "leaderboard"),
                                     ("alice", alice, "# benchmark SCORE=1234", "benchmark")]:
            status, body = submit_json(srv, tok, "vectoradd", mode, text)
            expect(status == 201, "submit %s: %s %s" % (who, status, body))
            ids[body["id"]] = (who, text)
        done = wait_done(srv, srv.admin, list(ids))
        for i, body in done.items():
            log("submission", i, ids[i], body["verdict"], body["audit_verdict"])

        # Ranking: carol's CHEAT (audit reject) and alice's WRONG are out; bob's best counts once.
        status, board = call(srv, "GET", "/leaderboards/vectoradd")
        expect(status == 200, "leaderboard: %s" % board)
        entries = [(e["user"], e["score_ns"]) for e in board["ranking_entries"]]
        log("ranking", entries)
        expect(entries[0][0] == "bob" and abs(entries[0][1] - 1500) < 1e-6, "bob first with 1500: %s" % entries)
        expect([u for u, _ in entries] == ["bob", "alice", "carol"], "ranking order: %s" % entries)
        expect(all(e["audit"] != "reject" for e in board["ranking_entries"]), "rejected audit ranked")

        # Both workers judged (the split across hosts works).
        workers = {r[0] for r in env.db.query("SELECT DISTINCT worker_name FROM jobs WHERE state = 'done'")}
        expect(workers == {"gpu-host-1", "gpu-host-2"}, "both workers used: %s" % workers)
        expect(env.db.query("SELECT COUNT(*) FROM results")[0][0] ==
               env.db.query("SELECT COUNT(*) FROM jobs")[0][0], "one result per job")

        # Secret runs are redacted for their owner; public runs are shown in full.
        bob_id = next(i for i, (w, t) in ids.items() if w == "bob")
        status, rep = call(srv, "GET", "/submissions/%d/report" % bob_id, bob)
        expect(status == 200, "report: %s" % rep)
        kinds = {j["kind"]: j for j in rep["jobs"]}
        expect("redacted" in kinds["secret"]["report"], "secret run not redacted")
        expect("signature" in kinds["public"]["report"] and "samples_ns" in kinds["public"]["report"]["benchmarks"][0],
               "public run in full")
        status, _ = call(srv, "GET", "/submissions/%d" % bob_id, alice)
        expect(status == 404, "alice must not see bob's submission")
        status, logs = call(srv, "GET", "/submissions/%d/logs" % bob_id, bob)
        expect(status == 200 and len(logs["logs"]) == 2, "logs: %s" % logs)

        # CLI: list, show, leaderboards.
        rc, out, err = cli(cenv, "submissions", "list")
        expect(rc == 0 and "vectoradd" in out, "submissions list: %s %s" % (out, err))
        rc, out, err = cli(cenv, "leaderboards", "show", "vectoradd")
        expect(rc == 0 and "bob" in out, "leaderboards show: %s %s" % (out, err))

        # A reference-kernels competition file makes one leaderboard per problem.
        from svc import make_problem
        comp_dir = os.path.join(env.tmp, "problems")
        os.makedirs(comp_dir)
        for n in ("grayscale", "histogram"):
            os.rename(make_problem(env.tmp, n), os.path.join(comp_dir, n))
        with open(os.path.join(comp_dir, "set.yaml"), "w") as f:
            f.write('name: demo\ndeadline: "2099-01-01"\nproblems:\n  - directory: grayscale\n    name: grayscale_py\n'
                    '    gpus: [H100]\n  - directory: histogram\n    name: histogram_py\n    deadline: "2098-06-30"\n')
        rc, out, err = cli(dict(cenv, ARBITER_TOKEN=srv.admin), "leaderboards", "create", "--competition",
                           os.path.join(comp_dir, "set.yaml"))
        expect(rc == 0, "competition: %s %s" % (out, err))
        status, lbs = call(srv, "GET", "/leaderboards")
        got = {b["name"]: b["deadline"] for b in lbs["leaderboards"]}
        expect(got.get("grayscale_py") == "2099-01-01T00:00:00Z" and got.get("histogram_py") == "2098-06-30T00:00:00Z",
               "competition leaderboards: %s" % got)

        # Delete own submission; bans remove a user from the ranking and refuse their uploads.
        alice_bench = next(i for i, (w, t) in ids.items() if "benchmark" in t)
        status, _ = call(srv, "DELETE", "/submissions/%d" % alice_bench, bob)
        expect(status == 404, "bob cannot delete alice's submission")
        status, _ = call(srv, "DELETE", "/submissions/%d" % alice_bench, alice)
        expect(status == 200, "delete own")
        status, _ = call(srv, "GET", "/submissions/%d" % alice_bench, alice)
        expect(status == 404, "deleted submission gone")
        rc, out, err = cli(dict(cenv, ARBITER_TOKEN=srv.admin), "admin", "ban", "bob", "--reason", "sharing kernels")
        expect(rc == 0, "ban: %s %s" % (out, err))
        status, body = submit_json(srv, bob, "vectoradd", "test", "# x")
        expect(status == 403 and "sharing kernels" in body["error"], "banned submit: %s %s" % (status, body))
        status, board = call(srv, "GET", "/leaderboards/vectoradd")
        expect("bob" not in [e["user"] for e in board["ranking_entries"]], "banned user still ranked")
        status, _ = call(srv, "DELETE", "/admin/bans/bob", srv.admin)
        expect(status == 200, "unban")

        # Metrics and health.
        status, text = call(srv, "GET", "/metrics")
        for needle in ["arbiter_queue_depth 0", 'arbiter_jobs{state="done"}', "arbiter_judge_duration_seconds_count"]:
            expect(needle in text, "metrics lack %s:\n%s" % (needle, text))

        # Web pages.
        status, html = call(srv, "GET", "/")
        expect(status == 200 and "vectoradd" in html, "index page")
        status, html = call(srv, "GET", "/lb/vectoradd")
        expect(status == 200 and "bob" in html and "viewport" in html, "leaderboard page")
        status, html = call(srv, "GET", "/s/%d" % bob_id, headers={"Cookie": "arbiter_token=" + bob})
        expect(status == 200 and "<svg" in html and "median" in html, "submission page with plot")

        # Batches through the Python client (standard library only).
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))
        import arbiter_client
        c = arbiter_client.Client(srv.url, carol)
        cands = [{"name": "cand-%d" % i, "source": "# candidate %d SCORE=%d%s" % (i, 1000 + i, " WRONG" if i % 5 == 0 else "")}
                 for i in range(30)]
        batch = c.submit_batch("vectoradd", "benchmark", cands, filename="candidate.py")
        got = {}
        for item in c.iter_batch_results(batch["batch_id"], timeout=120):
            got[item["index"]] = item
        expect(len(got) == 30, "batch results: %d" % len(got))
        for i, item in got.items():
            want = "wrong_answer" if i % 5 == 0 else "pass"
            expect(item["verdict"] == want, "candidate %d: %s" % (i, item["verdict"]))
            rep = item["reports"][0]["report"]
            expect(rep and rep.get("signature"), "candidate %d has a signed report" % i)
        log("batch of 30 judged; first:", got[1]["verdict"], got[1]["score_ns"])
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
