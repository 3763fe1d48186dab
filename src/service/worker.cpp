#include "service/worker.hpp"

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "service/client.hpp"
#include "service/problem_store.hpp"
#include "service/subprocess.hpp"
#include "service/util.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace arbiter::service {
namespace {

class Worker {
 public:
  Worker(const WorkerConfig& cfg, const std::atomic<bool>& stop)
      : cfg_(cfg),
        stop_(stop),
        api_(client::Endpoint{cfg.server_url, cfg.token}, 60),
        claim_api_(client::Endpoint{cfg.server_url, cfg.token}, cfg.claim_wait_ms / 1000 + 30) {}

  int run() {
    fs::create_directories(cfg_.work_dir + "/problems");
    fs::create_directories(cfg_.work_dir + "/jobs");
    fs::create_directories(cfg_.key_dir);
    if (!register_key()) return 1;
    // A stop (SIGTERM) aborts a claim that is waiting on the server, so the worker exits at once.
    std::atomic<bool> looping{true};
    std::thread watcher([&] {
      while (looping) {
        if (stop_) claim_api_.abort();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
    int done = 0, backoff_ms = cfg_.idle_poll_ms, rc = 0;
    while (!stop_ && (cfg_.max_jobs == 0 || done < cfg_.max_jobs)) {
      auto asked = std::chrono::steady_clock::now();
      auto r = claim_api_.post("/worker/claim", {{"wait_ms", cfg_.claim_wait_ms}});
      if (r.status == 204) {
        // An early empty answer: the server does not long-poll (or is busy); poll gently.
        if (cfg_.claim_wait_ms == 0 ||
            std::chrono::steady_clock::now() - asked < std::chrono::milliseconds(cfg_.claim_wait_ms / 2))
          sleep_ms(cfg_.idle_poll_ms);
        continue;
      }
      if (!r.ok()) {
        if (stop_) break;  // the watcher aborted the wait
        log("claim failed: %s (retrying in %d ms)", r.error.c_str(), backoff_ms);
        if (r.status == 401 || r.status == 403) {
          rc = 1;
          break;
        }
        sleep_ms(backoff_ms);
        backoff_ms = std::min(backoff_ms * 2, 5000);
        continue;
      }
      backoff_ms = cfg_.idle_poll_ms;
      handle(r.body);
      ++done;
    }
    looping = false;
    watcher.join();
    return rc;
  }

 private:
  void log(const char* fmt, ...) __attribute__((format(printf, 2, 3))) {
    if (cfg_.quiet) return;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    std::fprintf(stderr, "arbiter worker: %s\n", buf);
  }
  void sleep_ms(int ms) {
    for (int i = 0; i < ms / 50 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  bool register_key() {
    std::string out = cfg_.work_dir + "/key.json", err = cfg_.work_dir + "/key.err";
    auto r = run_process({cfg_.judge_bin, "key", "--key-dir", cfg_.key_dir}, out, err, 60000);
    json key = json::parse(read_text(out), nullptr, false);
    if (r.exit_code != 0 || !key.is_object() || !key.contains("public_key")) {
      log("'%s key --key-dir %s' failed: %s", cfg_.judge_bin.c_str(), cfg_.key_dir.c_str(),
          (r.error + read_text(err, 2000)).c_str());
      return false;
    }
    json body = {{"public_key", key["public_key"]}, {"key_id", key.value("key_id", "")}, {"gpu_kind", cfg_.gpu_kind}};
    for (int attempt = 0; !stop_; ++attempt) {
      auto resp = api_.post("/worker/register", body);
      if (resp.ok()) {
        log("registered key %s with %s as %s", key.value("key_id", "?").c_str(), cfg_.server_url.c_str(),
            cfg_.gpu_kind.c_str());
        return true;
      }
      log("register failed: %s", resp.error.c_str());
      if (resp.status >= 400 && resp.status < 500) return false;
      sleep_ms(std::min(500 * (attempt + 1), 5000));
    }
    return false;
  }

  // Retries through server restarts; gives up only on a definite answer.
  client::Response post_until_answered(const std::string& path, const json& body) {
    int wait = 200;
    for (;;) {
      auto r = api_.post(path, body);
      if (r.status != 0 && r.status < 500) return r;
      if (stop_) return r;
      log("%s: %s (retrying in %d ms)", path.c_str(), r.error.c_str(), wait);
      sleep_ms(wait);
      wait = std::min(wait * 2, 5000);
    }
  }

  std::string problem_dir(const std::string& sha) {
    std::string dir = cfg_.work_dir + "/problems/" + sha;
    if (fs::exists(dir + "/.complete")) return dir;
    for (int wait = 200;; wait = std::min(wait * 2, 5000)) {
      auto r = api_.get("/worker/problems/" + sha);
      if (r.ok()) {
        std::string tmp = dir + ".tmp" + random_hex(4);
        problems::unpack(r.body["files"], tmp);
        std::ofstream(tmp + "/.complete") << sha << "\n";
        std::error_code ec;
        fs::rename(tmp, dir, ec);
        if (ec) fs::remove_all(tmp);  // another worker on this host unpacked it first
        return dir;
      }
      if ((r.status != 0 && r.status < 500) || stop_) throw std::runtime_error("cannot fetch problem: " + r.error);
      sleep_ms(wait);
    }
  }

  json audit(const std::string& file, const std::string& dir) {
    if (cfg_.audit_bin.empty()) return {{"verdict", "unavailable"}, {"reason", "this worker runs no auditor"}};
    auto r = run_process({cfg_.audit_bin, "audit", file, "--json"}, dir + "/audit.json", dir + "/audit.err", 120000,
                         [] { return true; });
    json a = json::parse(read_text(dir + "/audit.json"), nullptr, false);
    if (r.signal == 0 && !r.timed_out && r.exit_code >= 0 && r.exit_code <= 2 && a.is_object() && a.contains("verdict"))
      return a;
    return {{"verdict", "unavailable"},
            {"reason", "the auditor failed (exit " + std::to_string(r.exit_code) + ", signal " + std::to_string(r.signal) +
                           "): " + read_text(dir + "/audit.err", 500)}};
  }

  void handle(const json& job) {
    std::int64_t id = job["job_id"];
    std::string lease = job["lease_id"], kind = job["kind"];
    int lease_ms = job.value("lease_ms", 30000);
    std::string dir = cfg_.work_dir + "/jobs/" + std::to_string(id) + "-" + std::to_string(job.value("attempt", 1));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string file = dir + "/" + job["filename"].get<std::string>();
    if (!safe_file_name(job["filename"].get<std::string>())) return fail(id, lease, "unsafe file name from server", "");
    std::ofstream(file, std::ios::binary) << job["source"].get<std::string>();
    log("job %lld: %s run of submission %lld (%s), attempt %d", static_cast<long long>(id), kind.c_str(),
        static_cast<long long>(job["submission_id"].get<std::int64_t>()), job["leaderboard"].get<std::string>().c_str(),
        job.value("attempt", 1));
    std::string pdir;
    try {
      pdir = problem_dir(job["problem_sha"]);
    } catch (const std::exception& e) {
      return fail(id, lease, e.what(), "");
    }
    auto t0 = std::chrono::steady_clock::now();
    auto last_beat = t0;
    bool lease_lost = false;
    auto beat = [&]() -> bool {
      auto now = std::chrono::steady_clock::now();
      if (now - last_beat < std::chrono::milliseconds(std::max(200, lease_ms / 3))) return true;
      last_beat = now;
      auto r = api_.post("/worker/jobs/" + std::to_string(id) + "/heartbeat", {{"lease_id", lease}});
      if (r.status == 409 || r.status == 410) {
        log("job %lld: %s; stopping the judge", static_cast<long long>(id), r.error.c_str());
        lease_lost = true;
        return false;
      }
      return true;  // server unreachable: keep judging, the report will be retried
    };
    json audit_result = audit(file, dir);
    if (!beat()) return;
    std::vector<std::string> argv = {cfg_.judge_bin, "run", pdir, file, "--mode", job["mode"], "--json",
                                     dir + "/report.json", "--key-dir", cfg_.key_dir};
    if (job.value("public", false)) argv.insert(argv.begin() + 6, "--public");
    if (!cfg_.baseline) argv.emplace_back("--no-baseline");
    auto r = run_process(argv, dir + "/judge.out", dir + "/judge.err", cfg_.job_timeout_s * 1000, beat);
    if (lease_lost) return;
    std::string logtext = read_text(dir + "/judge.err", 32 * 1024, true) + read_text(dir + "/judge.out", 16 * 1024, true);
    json report = json::parse(read_text(dir + "/report.json", 64u << 20), nullptr, false);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.signal == 0 && !r.timed_out && !r.spawn_failed && (r.exit_code == 0 || r.exit_code == 1) &&
        report.is_object() && report.contains("verdict")) {
      auto resp = post_until_answered("/worker/jobs/" + std::to_string(id) + "/result",
                                      {{"lease_id", lease}, {"report", report}, {"audit", audit_result}, {"log", logtext}});
      log("job %lld: %s in %.2f s -> %s", static_cast<long long>(id), report["verdict"].get<std::string>().c_str(), secs,
          resp.ok() ? "accepted" : resp.error.c_str());
      if (resp.ok()) fs::remove_all(dir);
      return;
    }
    std::string why = r.spawn_failed ? "cannot start the judge: " + r.error
                      : r.timed_out  ? "the judge ran past the worker's limit of " + std::to_string(cfg_.job_timeout_s) + " s"
                      : r.signal     ? "the judge was killed by signal " + std::to_string(r.signal)
                                     : "the judge exited with status " + std::to_string(r.exit_code) + " without a report";
    fail(id, lease, why, logtext);
  }

  void fail(std::int64_t id, const std::string& lease, const std::string& why, const std::string& logtext) {
    auto resp = post_until_answered("/worker/jobs/" + std::to_string(id) + "/fail",
                                    {{"lease_id", lease}, {"reason", why}, {"log", logtext}});
    log("job %lld: %s -> handed back (%s)", static_cast<long long>(id), why.c_str(),
        resp.ok() ? "ok" : resp.error.c_str());
  }

  const WorkerConfig& cfg_;
  const std::atomic<bool>& stop_;
  client::Api api_;
  client::Api claim_api_;  // its own connection: only a waiting claim is ever aborted
};

}  // namespace

int run_worker(const WorkerConfig& cfg, const std::atomic<bool>& stop) {
  try {
    Worker w(cfg, stop);
    return w.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "arbiter worker: %s\n", e.what());
    return 1;
  }
}

}  // namespace arbiter::service
