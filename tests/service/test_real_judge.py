"""The worker with the real judge (`arbiter run`, `arbiter key`, `arbiter audit` if built) on
examples/vectoradd: honest passes public and secret leaderboard runs and is ranked; wrong fails."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from svc import SRC, Env, Server, Worker, add_user, call, create_board, expect, log, parse_args, skip, submit_json, wait_done


def main():
    args = parse_args()
    real = os.environ.get("ARBITER_REAL_BIN", "")
    if not real or not os.path.exists(real):
        skip("the full arbiter binary (with `run`) is not built")
    problem = os.path.join(SRC, "examples", "vectoradd")
    expect(os.path.isdir(problem), "examples/vectoradd missing")
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp, lease_s=10)
        env.procs.append(srv)
        create_board(srv, env.tmp, "vectoradd", problem=problem)
        alice = add_user(srv, "alice")
        env.procs.append(Worker(srv, "cpu-1", env.tmp, judge=real, gpu="cpu"))
        subs = {}
        for name, mode, want in [("honest.cpp", "leaderboard", "pass"), ("wrong.cpp", "test", "wrong_answer")]:
            with open(os.path.join(problem, "submissions", name)) as f:
                status, body = submit_json(srv, alice, "vectoradd", mode, f.read(), name)
            expect(status == 201, "submit %s: %s" % (name, body))
            subs[body["id"]] = (name, want)
        done = wait_done(srv, alice, list(subs), timeout=240)
        for i, body in done.items():
            name, want = subs[i]
            log(name, body["verdict"], body["reason"], [(j["kind"], j["verdict"], j["score_ns"]) for j in body["jobs"]],
                "audit:", body["audit_verdict"])
            expect(body["verdict"] == want, "%s: %s (%s), wanted %s" % (name, body["verdict"], body["reason"], want))
        status, board = call(srv, "GET", "/leaderboards/vectoradd")
        expect([e["user"] for e in board["ranking_entries"]] == ["alice"], "ranking: %s" % board)
        log("ranked score:", board["ranking_entries"][0]["score_ns"], "ns")
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
