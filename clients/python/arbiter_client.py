"""Arbiter batch-evaluation client: standard library only, one file.

    from arbiter_client import Client
    c = Client("http://127.0.0.1:8080", token="arb_...")
    batch = c.submit_batch("vectoradd", "benchmark",
                           [{"name": "cand-0", "source": open("k0.py").read()}, ...])
    for result in c.iter_batch_results(batch["batch_id"]):
        print(result["index"], result["verdict"], result["score_ns"])

Each result carries the workers' signed reports (`reports[i]["report"]`); verify them offline with
`arbiter verify REPORT --trusted-key HEX` if the pipeline must not trust the server.
"""
import json
import os
import time
import urllib.error
import urllib.request

__all__ = ["Client", "ArbiterError"]


class ArbiterError(RuntimeError):
    def __init__(self, status, message):
        super().__init__("HTTP %s: %s" % (status, message))
        self.status = status
        self.message = message


class Client:
    def __init__(self, server=None, token=None, timeout=60):  # timeout > the 20 s long-poll
        self.server = (server or os.environ.get("ARBITER_SERVER", "http://127.0.0.1:8080")).rstrip("/")
        self.token = token or os.environ.get("ARBITER_TOKEN", "")
        self.timeout = timeout

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": "Bearer " + self.token}
        if data is not None:
            headers["Content-Type"] = "application/json"
        req = urllib.request.Request(self.server + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                text = r.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read().decode(errors="replace")
            try:
                msg = json.loads(text).get("error", text)
            except ValueError:
                msg = text
            raise ArbiterError(e.code, msg) from None

    def submit(self, leaderboard, mode, source, filename="submission.py"):
        """One submission; returns {"id", "status", "jobs"}."""
        return self._call("POST", "/submissions",
                          {"leaderboard": leaderboard, "mode": mode, "filename": filename, "source": source})

    def submission(self, sid, reports=False):
        return self._call("GET", "/submissions/%d%s" % (sid, "/report" if reports else ""))

    def submit_batch(self, leaderboard, mode, candidates, filename="submission.py"):
        """candidates: [{"source": str, "name"?: str, "filename"?: str}]; returns {"batch_id", "submissions", "size"}."""
        return self._call("POST", "/batches",
                          {"leaderboard": leaderboard, "mode": mode, "filename": filename, "candidates": list(candidates)})

    def iter_batch_results(self, batch_id, wait_s=20, timeout=None):
        """Yields each candidate's result once, as it finishes, until the whole batch is done.

        Long-polls: each request waits on the server (up to wait_s, at most 20) until another
        candidate finishes, so results arrive as they finish without polling."""
        seen, cursor, done, start, swept = set(), 0, -1, time.time(), False
        wait_ms = int(max(0, min(wait_s, 20)) * 1000)
        while True:
            asked = time.time()
            page = self._call("GET", "/batches/%d?since=%d&done=%d&wait_ms=%d" % (batch_id, cursor, done, wait_ms))
            fresh = 0
            for item in page["results"]:
                if item["index"] not in seen:
                    seen.add(item["index"])
                    fresh += 1
                    yield item
            if len(seen) >= page["size"]:
                return
            if len(page["results"]) >= 500:  # a full page: read on at once
                cursor, done = page["cursor"], -1
                continue
            if page["complete"] and not swept:
                # All done but some missed: on PostgreSQL a candidate can commit after one that
                # finished later and fall behind the cursor. One sweep from the start finds it.
                cursor, done, swept = 0, -1, True
                continue
            cursor, done = page["cursor"], page["done"]
            if timeout is not None and time.time() - start > timeout:
                raise TimeoutError("batch %d: %d of %d finished after %.0f s" % (batch_id, len(seen), page["size"], timeout))
            if not fresh and (wait_ms == 0 or time.time() - asked < wait_ms / 2000.0):
                time.sleep(0.5)  # an early empty answer: the server does not long-poll (or is busy)


if __name__ == "__main__":
    import argparse
    import glob

    p = argparse.ArgumentParser(description="Judge many candidate files in one batch")
    p.add_argument("leaderboard")
    p.add_argument("files", nargs="+", help="candidate sources (globs allowed)")
    p.add_argument("--mode", default="benchmark")
    p.add_argument("--server")
    p.add_argument("--token")
    a = p.parse_args()
    paths = [f for pattern in a.files for f in sorted(glob.glob(pattern))]
    c = Client(a.server, a.token)
    cands = [{"name": path, "source": open(path).read(), "filename": os.path.basename(path)} for path in paths]
    b = c.submit_batch(a.leaderboard, a.mode, cands)
    for r in c.iter_batch_results(b["batch_id"]):
        print(json.dumps({"name": r["name"], "verdict": r["verdict"], "score_ns": r["score_ns"], "reason": r["reason"]}))
