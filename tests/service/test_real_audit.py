"""The real auditor in the worker path (`arbiter audit` then `arbiter run`, both the built arbiter) on
tests/e2e/problems/tiny: a candidate that calls std::system is rejected by the audit and not ranked,
with its finding visible through the API and on the web page; a candidate that starts a std::thread
is ranked and marked `review`, its finding shown too; an honest one is ranked and clean."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tiny_kernels import source  # noqa: E402
from svc import SRC, Env, Server, Worker, add_user, call, create_board, expect, log, parse_args, skip, submit_json, wait_done  # noqa: E402


def main():
    args = parse_args()
    real = os.environ.get("ARBITER_REAL_BIN", "")
    if not real or not os.path.exists(real):
        skip("the full arbiter binary (with `run` and `audit`) is not built")
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp, lease_s=10)
        env.procs.append(srv)
        create_board(srv, env.tmp, "tiny", problem=os.path.join(SRC, "tests", "e2e", "problems", "tiny"))
        tokens = {u: add_user(srv, u) for u in ("honest", "cheater", "reviewed")}
        env.procs.append(Worker(srv, "cpu-1", env.tmp, judge=real))
        ids = {}
        for user, kind in [("honest", "honest"), ("cheater", "cheat"), ("reviewed", "review")]:
            status, body = submit_json(srv, tokens[user], "tiny", "leaderboard", source(kind, 0), "kernel.cpp")
            expect(status == 201, "submit %s: %s" % (kind, body))
            ids[kind] = (body["id"], tokens[user])
        for kind, (sid, tok) in ids.items():
            wait_done(srv, tok, [sid], timeout=240)

        def api(kind):
            sid, tok = ids[kind]
            status, body = call(srv, "GET", "/submissions/%d/report" % sid, tok)
            expect(status == 200, "report of %s: %s" % (kind, body))
            return body

        def page(kind):
            sid, tok = ids[kind]
            status, html = call(srv, "GET", "/s/%d" % sid, headers={"Cookie": "arbiter_token=" + tok})
            expect(status == 200, "page of %s: %s" % (kind, status))
            return html

        def rules(body):
            return {(f.get("rule"), f.get("severity")) for f in (body.get("audit") or {}).get("findings", [])}

        cheat = api("cheat")
        expect(cheat["verdict"] == "pass", "the cheat's kernel is correct: %s (%s)" % (cheat["verdict"], cheat["reason"]))
        expect(cheat["audit_verdict"] == "reject", "cheat audit: %s" % cheat["audit_verdict"])
        expect(("background.native-process", "reject") in rules(cheat), "cheat findings: %s" % rules(cheat))
        html = page("cheat")
        expect("background.native-process" in html and "reject" in html, "the cheat's page lacks its finding")

        review = api("review")
        expect(review["verdict"] == "pass" and review["audit_verdict"] == "review", "review: %s %s"
               % (review["verdict"], review["audit_verdict"]))
        expect(("background.native-thread", "review") in rules(review), "review findings: %s" % rules(review))
        expect("background.native-thread" in page("review"), "the review page lacks its finding")

        honest = api("honest")
        expect(honest["verdict"] == "pass" and honest["audit_verdict"] == "clean", "honest: %s %s (%s)"
               % (honest["verdict"], honest["audit_verdict"], rules(honest)))

        status, board = call(srv, "GET", "/leaderboards/tiny")
        ranked = {e["user"]: e["audit"] for e in board["ranking_entries"]}
        expect(ranked == {"honest": "clean", "reviewed": "review"}, "ranking: %s" % ranked)
        status, html = call(srv, "GET", "/lb/tiny")
        expect(status == 200 and "reviewed" in html and "cheater" not in html, "leaderboard page")
        log("cheat rejected with", sorted(rules(cheat)), "; review ranked with", sorted(rules(review)))
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
