#pragma once
// `arbiter worker`: claims jobs from the server over HTTP (no database credentials), runs the
// auditor and then the judge as subprocesses (`arbiter audit`, `arbiter run`: the same code path as
// a local run, and a judge crash cannot take the worker down), heartbeats while the judge runs, and
// uploads the judge's signed report. A judge that dies without a report hands the job back.
#include <atomic>
#include <string>

namespace arbiter::service {

struct WorkerConfig {
  std::string server_url, token;
  std::string key_dir;   // the worker's Ed25519 key (created by `arbiter key` on first use)
  std::string work_dir;  // problem cache and per-job folders
  std::string gpu_kind = "cpu";
  std::string judge_bin;  // runs `JUDGE run ...` and `JUDGE key ...`
  std::string audit_bin;  // runs `AUDIT audit FILE --json -`; empty: no audit
  int job_timeout_s = 1800;
  int idle_poll_ms = 250;     // pause after an empty answer from a server that does not long-poll
  int claim_wait_ms = 20000;  // a claim waits this long on the server for a job (long-poll)
  int max_jobs = 0;  // 0: forever
  bool quiet = false;
  bool baseline = true;  // let the judge time the problem's baseline (the report's speedup)
};

// Runs until `stop` becomes true (SIGTERM/SIGINT in the CLI) or max_jobs are done. Returns an exit code.
int run_worker(const WorkerConfig& cfg, const std::atomic<bool>& stop);

}  // namespace arbiter::service
