"""Web pages in headless Chromium (Debian chromium + playwright-core from npm): a leaderboard and a
submission view with SVG plots, on desktop and phone viewports. SCREENSHOT_DIR=docs writes the PNGs."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from svc import Env, Server, Worker, add_user, create_board, expect, log, parse_args, skip, submit_json, wait_done

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = parse_args()
    web = os.path.join(HERE, "web")
    if not os.path.exists(os.path.join(web, "node_modules", "playwright-core")):
        if os.environ.get("ARBITER_SKIP_WEB_TESTS") == "1":
            skip("web tests skipped by ARBITER_SKIP_WEB_TESTS=1")
        raise SystemExit("FAIL: playwright-core is not installed: run scripts/install-deps.sh "
                         "(or set ARBITER_SKIP_WEB_TESTS=1 to skip explicitly)")
    if not (shutil.which("node") and os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium"))):
        raise SystemExit("FAIL: node or /usr/bin/chromium missing: run scripts/install-deps.sh")
    env = Env(args.db, args.keep)
    ok = False
    try:
        srv = Server(env.db, env.tmp)
        env.procs.append(srv)
        create_board(srv, env.tmp, "vectoradd")
        tokens = {n: add_user(srv, n) for n in ["alice", "bob", "carol", "dmitri"]}
        env.procs.append(Worker(srv, "h100-1", env.tmp, gpu="H100"))
        ids = []
        for user, text in [("bob", "# SCORE=18250"), ("alice", "# SCORE=21400"), ("carol", "# SCORE=30125 REVIEW"),
                           ("dmitri", "# SCORE=9000 CHEAT"), ("alice", "# SCORE=19990")]:
            status, body = submit_json(srv, tokens[user], "vectoradd", "leaderboard", text)
            expect(status == 201, "submit %s" % body)
            ids.append(body["id"])
        wait_done(srv, srv.admin, ids)
        cmd = ["node", os.path.join(web, "web_test.js"), srv.url, str(ids[0]), tokens["bob"]]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=web)
        log(out.stdout + out.stderr)
        expect(out.returncode == 0, "web test failed")
        ok = True
        log("PASS")
    finally:
        env.close(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
