// arbiter worker: judges jobs from a server (one per GPU or CPU slot); holds no database credentials.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/registry.hpp"
#include "service/client.hpp"
#include "service/worker.hpp"

namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

std::string self_exe() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? "arbiter" : p.string();
}

arbiter::cli::Registrar reg{61, [](CLI::App& app) {
  auto cfg = std::make_shared<arbiter::service::WorkerConfig>();
  auto token_file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("worker", "Judge jobs from an Arbiter server (one worker per GPU / CPU slot)");
  cmd->add_option("--server", cfg->server_url, "Server URL, e.g. http://10.0.0.5:8080 (or ARBITER_SERVER)");
  cmd->add_option("--token", cfg->token, "Worker token (prefer --token-file or ARBITER_WORKER_TOKEN)");
  cmd->add_option("--token-file", *token_file, "File holding the worker token");
  cmd->add_option("--key-dir", cfg->key_dir, "Folder of this worker's signing key (default ~/.config/arbiter/worker-key)");
  cmd->add_option("--work-dir", cfg->work_dir, "Problem cache and job folders (default /tmp/arbiter-worker-UID)");
  cmd->add_option("--gpu-kind", cfg->gpu_kind, "What this worker runs on: H100, A100, cpu ...")->capture_default_str();
  cmd->add_option("--judge-bin", cfg->judge_bin, "Program run as 'JUDGE run ...' and 'JUDGE key ...' (default: this arbiter)");
  cmd->add_option("--audit-bin", cfg->audit_bin, "Program run as 'AUDIT audit FILE --json -' (default: this arbiter; 'none' to skip)");
  cmd->add_option("--job-timeout-s", cfg->job_timeout_s, "Kill a judge that runs longer")->capture_default_str();
  cmd->add_option("--max-jobs", cfg->max_jobs, "Exit after this many jobs (0: never)")->capture_default_str();
  cmd->add_option("--poll-ms", cfg->idle_poll_ms, "Pause after an early empty claim (server without long-poll)")->capture_default_str();
  cmd->add_option("--claim-wait-ms", cfg->claim_wait_ms, "How long a claim waits on the server for a job (long-poll; 0: poll)")->capture_default_str();
  cmd->add_flag("--quiet", cfg->quiet, "Log only errors");
  cmd->add_flag("--no-baseline", [cfg](std::int64_t) { cfg->baseline = false; },
                "Judge without timing the problem's baseline (reports carry no speedup)");
  cmd->callback([=] {
    if (!token_file->empty()) {
      std::ifstream in(*token_file);
      std::getline(in, cfg->token);
    }
    if (cfg->token.empty())
      if (const char* t = std::getenv("ARBITER_WORKER_TOKEN")) cfg->token = t;
    if (cfg->server_url.empty()) {
      const char* s = std::getenv("ARBITER_SERVER");
      cfg->server_url = s && *s ? s : "http://127.0.0.1:8080";
    }
    if (cfg->token.empty()) {
      std::fprintf(stderr, "arbiter worker: no worker token: use --token-file or ARBITER_WORKER_TOKEN "
                           "(the admin creates one with 'arbiter admin worker-add NAME')\n");
      arbiter::cli::set_exit_code(3);
      return;
    }
    const char* home = std::getenv("HOME");
    if (cfg->key_dir.empty()) cfg->key_dir = std::string(home ? home : ".") + "/.config/arbiter/worker-key";
    if (cfg->work_dir.empty()) cfg->work_dir = "/tmp/arbiter-worker-" + std::to_string(getuid());
    if (cfg->judge_bin.empty()) cfg->judge_bin = self_exe();
    if (cfg->audit_bin.empty()) cfg->audit_bin = self_exe();
    if (cfg->audit_bin == "none") cfg->audit_bin.clear();
    std::signal(SIGTERM, on_signal);
    std::signal(SIGINT, on_signal);
    arbiter::cli::set_exit_code(arbiter::service::run_worker(*cfg, g_stop));
  });
}};

}  // namespace
