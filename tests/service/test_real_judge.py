"""The worker with the real judge (`arbiter run`, `arbiter key`, `arbiter audit` if built) on
examples/vectoradd: honest passes public and secret leaderboard runs and is ranked; a second user's
honest submission in `ranked` mode (test, benchmark, leaderboard in one judge run) is ranked too;
wrong fails."""
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
        bob = add_user(srv, "bob")
        env.procs.append(Worker(srv, "cpu-1", env.tmp, judge=real, gpu="cpu"))
        subs = {}
        for who, name, mode, want in [(alice, "honest.cpp", "leaderboard", "pass"),
                                      (alice, "wrong.cpp", "test", "wrong_answer"),
                                      (bob, "honest.cpp", "ranked", "pass")]:
            with open(os.path.join(problem, "submissions", name)) as f:
                status, body = submit_json(srv, who, "vectoradd", mode, f.read(), name)
            expect(status == 201, "submit %s: %s" % (name, body))
            subs[body["id"]] = (name + " (" + mode + ")", want)
        done = wait_done(srv, alice, [i for i, (n, _) in subs.items() if "ranked" not in n], timeout=240)
        done.update(wait_done(srv, bob, [i for i, (n, _) in subs.items() if "ranked" in n], timeout=240))
        for i, body in done.items():
            name, want = subs[i]
            log(name, body["verdict"], body["reason"], [(j["kind"], j["verdict"], j["score_ns"]) for j in body["jobs"]],
                "audit:", body["audit_verdict"])
            expect(body["verdict"] == want, "%s: %s (%s), wanted %s" % (name, body["verdict"], body["reason"], want))
        status, board = call(srv, "GET", "/leaderboards/vectoradd")
        expect(sorted(e["user"] for e in board["ranking_entries"]) == ["alice", "bob"], "ranking: %s" % board)
        log("ranked score:", board["ranking_entries"][0]["score_ns"], "ns")
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
