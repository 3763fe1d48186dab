"""Helpers for the service's end-to-end tests: start servers and workers on loopback, call the API.

Everything listens on 127.0.0.1. The database is SQLite in a temp folder, or PostgreSQL when the test
gets --db postgres: then ARBITER_TEST_PG_URL (set by pg.sh) names a server, and each test creates a
fresh database on it. Without a reachable PostgreSQL the test fails, unless ARBITER_SKIP_POSTGRES=1.
"""
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

BIN = os.environ.get("ARBITER_BIN", "arbiter")
FAKE = os.environ.get("FAKE_JUDGE", "")
SRC = os.environ.get("ARBITER_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))


def log(*a):
    print("[test]", *a, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def skip(msg):
    print("SKIP:", msg)
    sys.exit(77)  # CTest SKIP_RETURN_CODE: reported as skipped, never as passed


class Database:
    """A fresh database: a SQLite file, or a new database on the test PostgreSQL server."""

    def __init__(self, kind, tmp):
        self.kind = kind
        if kind == "sqlite":
            self.path = os.path.join(tmp, "arbiter.db")
            self.url = self.path
        else:
            base = os.environ.get("ARBITER_TEST_PG_URL", "")
            pg_dir = os.environ.get("ARBITER_TEST_PG_DIR", "")
            if not base and pg_dir and os.path.exists(os.path.join(pg_dir, "url")):
                with open(os.path.join(pg_dir, "url")) as f:
                    base = f.read().strip()
            if not base:
                if os.environ.get("ARBITER_SKIP_POSTGRES") == "1":
                    skip("PostgreSQL tests skipped by ARBITER_SKIP_POSTGRES=1")
                raise SystemExit("FAIL: no PostgreSQL for the test (run tests/service/pg.sh start, or set "
                                 "ARBITER_SKIP_POSTGRES=1 to skip these tests explicitly)")
            self.admin_url = base
            name = "arbiter_test_" + uuid.uuid4().hex[:10]
            self.psql("CREATE DATABASE " + name)
            self.url = base.rsplit("/", 1)[0] + "/" + name
            self.name = name

    def psql(self, sql, url=None):
        out = subprocess.run(["psql", url or self.admin_url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit("FAIL: psql: " + out.stderr)
        return out.stdout

    def query(self, sql):
        if self.kind == "sqlite":
            con = sqlite3.connect(self.path, timeout=30)
            try:
                return [tuple(r) for r in con.execute(sql).fetchall()]
            finally:
                con.close()
        rows = []
        for line in self.psql(sql, self.url).strip().splitlines():
            rows.append(tuple(None if v == "" else (int(v) if v.lstrip("-").isdigit() else v) for v in line.split("|")))
        return rows

    def drop(self):
        if self.kind != "sqlite":
            try:
                self.psql("DROP DATABASE IF EXISTS " + self.name + " WITH (FORCE)")
            except SystemExit:
                pass


class Server:
    def __init__(self, db, tmp, lease_s=3, max_attempts=5, extra=()):
        self.db, self.tmp, self.port = db, tmp, free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.lease_s, self.max_attempts, self.extra = lease_s, max_attempts, list(extra)
        self.proc = None
        self.log = open(os.path.join(tmp, "server.log"), "ab")
        self.start()
        with open(os.path.join(tmp, "arbiter-admin-token")) as f:
            self.admin = f.read().strip()

    def start(self):
        cmd = [BIN, "serve", "--db", self.db.url, "--port", str(self.port), "--data-dir", self.tmp,
               "--lease-s", str(self.lease_s), "--max-attempts", str(self.max_attempts)] + self.extra
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit("FAIL: server exited with %s; log:\n%s" % (self.proc.returncode, self.read_log()))
            try:
                if call(self, "GET", "/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("FAIL: server did not become healthy:\n" + self.read_log())

    def read_log(self):
        with open(os.path.join(self.tmp, "server.log"), "rb") as f:
            return f.read().decode(errors="replace")[-4000:]

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()


def call(server_or_url, method, path, token=None, body=None, ctype=None, raw=None, headers=None, timeout=30):
    """Returns (status, parsed JSON or text)."""
    url = server_or_url if isinstance(server_or_url, str) else server_or_url.url
    data = raw
    h = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", ctype or "application/json")
    elif ctype:
        h["Content-Type"] = ctype
    if token:
        h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def expect(cond, msg):
    if not cond:
        raise SystemExit("FAIL: " + msg)


def make_problem(tmp, name="vectoradd"):
    d = os.path.join(tmp, "problem-" + name)
    os.makedirs(os.path.join(d, "submissions"), exist_ok=True)
    with open(os.path.join(d, "problem.toml"), "w") as f:
        f.write('name = "%s"\nranking = "geomean"\n' % name)
    with open(os.path.join(d, "reference.cpp"), "w") as f:
        f.write("// reference\n")
    return d


class Worker:
    def __init__(self, server, name, tmp, judge=None, gpu="cpu", env=None, extra_args=()):
        self.server, self.name, self.tmp = server, name, tmp
        status, body = call(server, "POST", "/admin/workers", server.admin, {"name": name, "gpu_kind": gpu})
        expect(status == 201, "worker-add: %s %s" % (status, body))
        self.token_file = os.path.join(tmp, name + ".token")
        with open(self.token_file, "w") as f:
            f.write(body["token"] + "\n")
        self.judge = judge or FAKE
        self.gpu = gpu
        self.env = dict(os.environ, **(env or {}))
        self.extra_args = list(extra_args)
        self.proc = None
        self.log = open(os.path.join(tmp, name + ".log"), "ab")
        self.start()

    def start(self):
        cmd = [BIN, "worker", "--server", self.server.url, "--token-file", self.token_file,
               "--key-dir", os.path.join(self.tmp, self.name + "-key"),
               "--work-dir", os.path.join(self.tmp, self.name + "-work"), "--gpu-kind", self.gpu,
               "--judge-bin", self.judge, "--audit-bin", self.judge] + self.extra_args
        if "--poll-ms" not in self.extra_args:
            cmd += ["--poll-ms", "50"]
        # The baseline doubles every passing ranked run; the service tests judge verdicts and flow.
        cmd += ["--no-baseline"]
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=self.log, env=self.env)

    def kill9(self):
        # The worker and its judge child (own process group) both die, as on a host crash.
        judges = children_of(self.proc.pid)
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        for pid in judges:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()


def children_of(pid):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                out.append(int(entry))
        except (OSError, IndexError, ValueError):
            pass
    return out


def add_user(server, name):
    status, body = call(server, "POST", "/admin/users", server.admin, {"name": name})
    expect(status == 201, "user-add %s: %s %s" % (name, status, body))
    return body["token"]


def create_board(server, tmp, name="vectoradd", rate_limits=None, problem=None):
    from base64 import b64encode
    problem = problem or make_problem(tmp, name)
    files = {}
    for root, dirs, names in os.walk(problem):
        dirs[:] = [d for d in dirs if d != "submissions" and not d.startswith(".")]
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, problem)] = b64encode(f.read()).decode()
    body = {"name": name, "files": files,
            "rate_limits": rate_limits or {"test": 0, "benchmark": 0, "leaderboard": 0}}
    status, resp = call(server, "POST", "/leaderboards", server.admin, body)
    expect(status == 201, "create leaderboard: %s %s" % (status, resp))
    return resp


def submit_json(server, token, board, mode, source, filename="submission.py"):
    return call(server, "POST", "/submissions", token,
                {"leaderboard": board, "mode": mode, "filename": filename, "source": source})


def wait_done(server, token, ids, timeout=120):
    deadline = time.time() + timeout
    pending = set(ids)
    results = {}
    while pending and time.time() < deadline:
        for i in list(pending):
            try:
                status, body = call(server, "GET", "/submissions/%d" % i, token, timeout=5)
            except OSError:
                continue
            if status == 200 and body["status"] == "done":
                results[i] = body
                pending.discard(i)
        if pending:
            time.sleep(0.2)
    expect(not pending, "%d submissions never finished: %s" % (len(pending), sorted(pending)[:10]))
    return results


def parse_args():
    import argparse
    p = argparse.ArgumentParser()
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--keep", action="store_true")
    return p.parse_args()


class Env:
    """A temp folder and a database; cleans both up."""

    def __init__(self, kind, keep=False):
        self.tmp = tempfile.mkdtemp(prefix="arbiter-svc-test-")
        self.db = Database(kind, self.tmp)
        self.keep = keep
        self.procs = []

    def close(self, ok):
        for p in self.procs:
            try:
                p.stop()
            except Exception:
                pass
        self.db.drop()
        # Under -DARBITER_SANITIZE=ON the server, workers and judge write ASan/UBSan/LSan reports to
        # their logs (LeakSanitizer at their clean SIGTERM exit): any report fails the test.
        for name in sorted(os.listdir(self.tmp)):
            if name.endswith(".log"):
                with open(os.path.join(self.tmp, name), "rb") as f:
                    text = f.read().decode(errors="replace")
                for needle in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
                    if needle in text:
                        at = text.index(needle)
                        print(text[max(0, at - 200):at + 3000])
                        self.keep = True
                        ok = False
                        log("kept", self.tmp)
                        raise SystemExit("FAIL: sanitizer report in %s" % name)
        if ok and not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        else:
            log("kept", self.tmp)
