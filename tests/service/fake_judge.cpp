// A stand-in for `arbiter run` / `arbiter key` / `arbiter audit` with the same command line and a
// signed report in the docs/REPORT.md format, so the service's tests run fast and without a GPU.
// Behaviour comes from the submitted source: "WRONG" -> wrong_answer, "CHEAT" -> audit reject,
// "REVIEW" -> audit review, "SCORE=<ns>" -> that score; FAKE_JUDGE_MS sets the run time (default 30).
#include <sodium.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/report_verify.hpp"
#include "service/util.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

static std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

static bool load_key(const std::string& dir, unsigned char sk[64], unsigned char pk[32]) {
  fs::create_directories(dir);
  std::string path = dir + "/ed25519.secret";
  std::string raw = slurp(path);
  if (raw.size() == 64) {
    std::copy(raw.begin(), raw.end(), sk);
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    return true;
  }
  crypto_sign_keypair(pk, sk);
  std::string tmp = path + ".tmp" + std::to_string(getpid());
  std::ofstream(tmp, std::ios::binary).write(reinterpret_cast<char*>(sk), 64);
  fs::rename(tmp, path);
  raw = slurp(path);  // another process may have won the race: use the file's key
  std::copy(raw.begin(), raw.end(), sk);
  crypto_sign_ed25519_sk_to_pk(pk, sk);
  return true;
}

static std::string arg(int argc, char** argv, const std::string& name, const std::string& def = "") {
  for (int i = 0; i + 1 < argc; ++i)
    if (name == argv[i]) return argv[i + 1];
  return def;
}
static bool flag(int argc, char** argv, const std::string& name) {
  for (int i = 0; i < argc; ++i)
    if (name == argv[i]) return true;
  return false;
}

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 2;
  if (argc < 2) return 3;
  std::string cmd = argv[1];
  unsigned char sk[64], pk[32];
  if (cmd == "key") {
    load_key(arg(argc, argv, "--key-dir", "."), sk, pk);
    unsigned char h[8];
    crypto_generichash(h, sizeof h, pk, 32, nullptr, 0);
    std::printf("%s\n", json{{"key_id", arbiter::service::hex(h, 8)}, {"public_key", arbiter::service::hex(pk, 32)}}.dump().c_str());
    return 0;
  }
  if (cmd == "audit") {
    if (argc < 3) return 3;
    std::string src = slurp(argv[2]);
    json out = {{"verdict", "clean"}, {"score", 0}, {"findings", json::array()}};
    int rc = 0;
    if (src.find("CHEAT") != std::string::npos) {
      out = {{"verdict", "reject"}, {"score", 100},
             {"findings", {{{"rule", "timing.event-patch"}, {"severity", "critical"}, {"line", 3}, {"column", 1},
                            {"snippet", "torch.cuda.Event = FakeEvent"}, {"message", "replaces the timing events"}}}}};
      rc = 2;
    } else if (src.find("REVIEW") != std::string::npos) {
      out = {{"verdict", "review"}, {"score", 40},
             {"findings", {{{"rule", "stream.side"}, {"severity", "medium"}, {"line", 1}, {"snippet", "Stream()"}}}}};
      rc = 1;
    }
    std::printf("%s\n", out.dump().c_str());
    return rc;
  }
  if (cmd != "run" || argc < 4) return 3;
  std::string problem = argv[2], file = argv[3];
  std::string mode = arg(argc, argv, "--mode", "test"), out = arg(argc, argv, "--json");
  if (out.empty() || !fs::is_directory(problem)) return 3;
  load_key(arg(argc, argv, "--key-dir", "."), sk, pk);
  std::string src = slurp(file);
  const char* ms_env = std::getenv("FAKE_JUDGE_MS");
  int ms = ms_env ? std::atoi(ms_env) : 30;
  // "Iterations": the run is sliced so that a kill lands mid-iteration.
  for (int i = 0; i < 10; ++i) std::this_thread::sleep_for(std::chrono::microseconds(ms * 100));
  bool wrong = src.find("WRONG") != std::string::npos;
  double score = 1000 + static_cast<double>(std::hash<std::string>{}(src) % 9000);
  if (auto p = src.find("SCORE="); p != std::string::npos) score = std::atof(src.c_str() + p + 6);
  json benches = json::array();
  if (mode != "test") {
    for (int b = 0; b < 2; ++b) {
      json samples = json::array();
      for (int i = 0; i < 60; ++i) samples.push_back(score * (0.97 + 0.06 * ((i * 37 + b * 11) % 17) / 17.0));
      benches.push_back({{"name", "n=" + std::to_string(1 << (20 + b))}, {"status", wrong ? "wrong_answer" : "pass"},
                         {"runs", 60}, {"mean_ns", score}, {"median_ns", score}, {"min_ns", score * 0.97},
                         {"max_ns", score * 1.03}, {"std_ns", score * 0.01}, {"rel_err", 0.002}, {"checked", 60},
                         {"floor_ns", score * 0.2}, {"samples_ns", samples}});
    }
  }
  json tests = json::array();
  tests.push_back({{"name", "size=1024"}, {"status", wrong ? "wrong_answer" : "pass"},
                   {"message", wrong ? "mismatch at index 17: expected 0.5, got 0.25" : ""}});
  std::string verdict = wrong ? "wrong_answer" : "pass";
  json report = {{"format", 1},
                 {"arbiter", "fake-judge"},
                 {"problem", fs::path(problem).filename().string()},
                 {"mode", mode},
                 {"backend", "cpu"},
                 {"submission_sha256", arbiter::service::sha256_hex(src)},
                 {"verdict", verdict},
                 {"reason", wrong ? "test size=1024: output differs from the reference" : ""},
                 {"tests", tests},
                 {"benchmarks", benches},
                 {"score_ns", !wrong && mode != "test" ? json(score) : json(nullptr)},
                 {"check_fraction", 1},
                 {"escape_bound", 0},
                 {"sandbox", {{"seccomp", true}}},
                 {"timing", {{"clock", "fake"}, {"wall_ms", ms}}},
                 {"created_at", arbiter::service::iso_time(arbiter::service::now_ms())},
                 {"public_run", flag(argc, argv, "--public")}};
  arbiter::service::sign_report(report, sk, pk);
  std::ofstream(out) << report.dump();
  return wrong ? 1 : 0;
}
