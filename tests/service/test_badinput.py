"""Bad input: each a clear 4xx with a message, and nothing stored half-way."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from svc import Env, Server, add_user, call, create_board, expect, log, parse_args, submit_json


def count(env):
    return (env.db.query("SELECT COUNT(*) FROM submissions")[0][0], env.db.query("SELECT COUNT(*) FROM jobs")[0][0])


def multipart(fields, boundary="XyZb0undary"):
    parts = []
    for name, (filename, content) in fields.items():
        disp = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename else "")
        parts.append(("--%s\r\nContent-Disposition: %s\r\n\r\n" % (boundary, disp)).encode() + content + b"\r\n")
    return b"".join(parts) + ("--%s--\r\n" % boundary).encode(), "multipart/form-data; boundary=" + boundary


def main():
    args = parse_args()
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp, extra=["--max-upload-kb", "64"])
        env.procs.append(srv)
        create_board(srv, env.tmp, "vectoradd", {"test": 5, "benchmark": 0, "leaderboard": 0})
        alice = add_user(srv, "alice")
        before = count(env)

        def bad(label, want, resp):
            status, body = resp
            expect(status == want, "%s: wanted %d, got %s %s" % (label, want, status, body))
            expect(isinstance(body, dict) and body.get("error"), "%s: no error message: %r" % (label, body))
            log("%-34s -> %d %s" % (label, status, body["error"][:90]))

        bad("oversized upload (json)", 413, submit_json(srv, alice, "vectoradd", "test", "x" * (200 * 1024)))
        bad("oversized upload (65 KiB file)", 413, submit_json(srv, alice, "vectoradd", "test", "x" * (65 * 1024)))
        raw, ctype = multipart({"file": ("big.py", b"y" * (70 * 1024)), "leaderboard": (None, b"vectoradd"),
                                "mode": (None, b"test")})
        bad("oversized upload (multipart)", 413, call(srv, "POST", "/submissions", alice, raw=raw, ctype=ctype))
        bad("wrong content type", 415, call(srv, "POST", "/submissions", alice, raw=b"print(1)", ctype="text/plain"))
        bad("unknown leaderboard", 404, submit_json(srv, alice, "nope", "test", "x = 1"))
        bad("unknown mode", 400, submit_json(srv, alice, "vectoradd", "profile-all", "x = 1"))
        bad("malformed JSON", 400, call(srv, "POST", "/submissions", alice, raw=b'{"leaderboard": "vectoradd",',
                                        ctype="application/json"))
        bad("JSON not an object", 400, call(srv, "POST", "/submissions", alice, raw=b'[1,2]', ctype="application/json"))
        bad("missing field", 400, call(srv, "POST", "/submissions", alice, {"leaderboard": "vectoradd"}))
        bad("path traversal (json)", 400, submit_json(srv, alice, "vectoradd", "test", "x = 1", "../../etc/passwd"))
        raw, ctype = multipart({"file": ("../../../tmp/evil.py", b"x = 1"), "leaderboard": (None, b"vectoradd"),
                                "mode": (None, b"test")})
        bad("path traversal (multipart)", 400, call(srv, "POST", "/submissions", alice, raw=raw, ctype=ctype))
        bad("hidden file name", 400, submit_json(srv, alice, "vectoradd", "test", "x = 1", ".bashrc"))
        bad("binary source", 400, call(srv, "POST", "/submissions", alice,
                                       raw=multipart({"file": ("a.py", b"\xff\xfe\x00"), "leaderboard": (None, b"vectoradd"),
                                                      "mode": (None, b"test")})[0],
                                       ctype=multipart({})[1]))
        bad("empty source", 400, submit_json(srv, alice, "vectoradd", "test", ""))
        bad("no token", 401, submit_json(srv, None, "vectoradd", "test", "x = 1"))
        bad("malformed token", 401, submit_json(srv, "letmein", "vectoradd", "test", "x = 1"))
        forged = "arb_" + ("0" * 64)
        bad("forged token", 401, submit_json(srv, forged, "vectoradd", "test", "x = 1"))
        status, body = call(srv, "POST", "/admin/users/alice/tokens", srv.admin, {"ttl_s": 1})
        expect(status == 201, "short token: %s" % body)
        short = body["token"]
        expect(call(srv, "GET", "/me", short)[0] == 200, "fresh token works")
        time.sleep(1.3)
        bad("expired token", 401, submit_json(srv, short, "vectoradd", "test", "x = 1"))
        bad("user on admin route", 403, call(srv, "POST", "/admin/users", alice, {"name": "mallory"}))
        bad("user on worker route", 403, call(srv, "POST", "/worker/claim", alice, {}))
        bad("unsafe problem file", 400, call(srv, "POST", "/leaderboards", srv.admin,
                                             {"name": "evil", "files": {"../x": "eA==", "problem.toml": "eA=="}}))
        bad("bad leaderboard name", 400, call(srv, "POST", "/leaderboards", srv.admin,
                                              {"name": "a b/c", "files": {"problem.toml": "eA=="}}))
        bad("duplicate user", 409, call(srv, "POST", "/admin/users", srv.admin, {"name": "alice"}))
        bad("unknown endpoint", 404, call(srv, "GET", "/nope", alice))
        expect(count(env) == before, "bad input stored something: %s -> %s" % (before, count(env)))

        # Forged worker reports are refused and do not finish the job.
        status, w = call(srv, "POST", "/admin/workers", srv.admin, {"name": "w1"})
        wt = w["token"]
        expect(call(srv, "POST", "/worker/register", wt, {"public_key": "ab" * 32})[0] == 200, "register")
        status, body = submit_json(srv, alice, "vectoradd", "test", "x = 1")
        expect(status == 201, "good submit: %s" % body)
        status, job = call(srv, "POST", "/worker/claim", wt, {})
        expect(status == 200, "claim: %s %s" % (status, job))
        report = {"verdict": "pass", "mode": "test", "public_key": "ab" * 32, "signature": "00" * 64}
        bad("forged report signature", 422, call(srv, "POST", "/worker/jobs/%d/result" % job["job_id"], wt,
                                                 {"lease_id": job["lease_id"], "report": report}))
        report["public_key"] = "cd" * 32
        bad("report from another key", 422, call(srv, "POST", "/worker/jobs/%d/result" % job["job_id"], wt,
                                                 {"lease_id": job["lease_id"], "report": report}))
        bad("stale lease", 409, call(srv, "POST", "/worker/jobs/%d/heartbeat" % job["job_id"], wt, {"lease_id": "x"}))
        expect(env.db.query("SELECT COUNT(*) FROM results")[0][0] == 0, "a forged report was accepted")
        bad("key change refused", 403, call(srv, "POST", "/worker/register", wt, {"public_key": "cd" * 32}))

        # Rate-limit burst: 5 test submissions per hour on this leaderboard (one used above).
        codes = [submit_json(srv, alice, "vectoradd", "test", "x = %d" % i)[0] for i in range(8)]
        expect(codes == [201] * 4 + [429] * 4, "rate limit burst: %s" % codes)
        bad("rate limited", 429, submit_json(srv, alice, "vectoradd", "test", "x = 99"))
        expect(count(env)[0] == before[0] + 5, "rate-limited submissions stored")
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
