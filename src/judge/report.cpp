#include "judge/report.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>

namespace arbiter::judge {
namespace {
std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}
// JSON numbers: integers where the value is a whole number of ns keeps reports compact.
double ns(double v) { return std::round(v * 10) / 10; }
}  // namespace

nlohmann::json to_json(const Evaluation& ev) {
  using nlohmann::json;
  json tests = json::array();
  for (auto& t : ev.tests)
    tests.push_back({{"name", t.name}, {"status", verdict_name(t.status)}, {"message", t.message}, {"secret", t.secret}});
  json benches = json::array();
  for (auto& b : ev.benchmarks) {
    json samples = json::array();
    for (double s : b.samples_ns) samples.push_back(ns(s));
    benches.push_back({{"name", b.name}, {"status", verdict_name(b.status)}, {"message", b.message},
                       {"runs", b.summary.runs}, {"mean_ns", ns(b.summary.mean)}, {"median_ns", ns(b.summary.median)},
                       {"min_ns", ns(b.summary.min)}, {"max_ns", ns(b.summary.max)}, {"std_ns", ns(b.summary.std)},
                       {"rel_err", b.summary.rel_err}, {"checked", b.checked}, {"floor_ns", ns(b.floor_ns)},
                       {"stop", stop_reason_name(b.stop)}, {"samples_ns", samples},
                       {"baseline_ns", b.baseline_ns ? json(ns(*b.baseline_ns)) : json(nullptr)},
                       {"speedup", b.baseline_ns && b.summary.mean > 0 ? json(*b.baseline_ns / b.summary.mean)
                                                                      : json(nullptr)}});
  }
  const double n = static_cast<double>(ev.timed_iterations);
  json j = {
      {"format", 1},
      {"arbiter", ARBITER_VERSION},
      {"problem", ev.problem},
      {"mode", ev.mode},
      {"backend", ev.backend},
      {"trust_level", ev.trust_level},
      {"launch", ev.launch},
      {"submission_sha256", ev.submission_sha256},
      {"verdict", verdict_name(ev.verdict)},
      {"reason", ev.reason},
      {"tests", tests},
      {"benchmarks", benches},
      {"score_ns", ev.score_ns ? json(ns(*ev.score_ns)) : json(nullptr)},
      {"check_fraction", ev.check_fraction},
      {"checked_iterations", ev.checked_iterations},
      {"timed_iterations", ev.timed_iterations},
      {"hygiene_reruns", ev.hygiene_reruns},
      {"escape_bound", std::pow(1.0 - ev.check_fraction, 0.01 * n)},
      {"secret_seed", ev.secret_seed},
      {"sandbox", ev.sandbox},
      {"device", ev.device},
      {"timing",
       {{"clock", ev.backend == "cuda" ? "CUDA events (bounded by CLOCK_MONOTONIC_RAW)" : "CLOCK_MONOTONIC_RAW"},
        {"overhead_ns", {{"median", ns(ev.calibration.median_gap_ns)}, {"p99", ns(ev.calibration.p99_gap_ns)}}},
        {"gpu_settle_ns", ev.calibration.median_settle_ns >= 0 ? json(ns(ev.calibration.median_settle_ns)) : json(nullptr)},
        {"compile_ms", std::round(ev.compile_ms)},
        {"compile_s", ev.compile_s ? json(std::round(*ev.compile_s * 1000) / 1000) : json(nullptr)},
        {"warm_up_passes", ev.warm_up_passes},
        {"wall_ms", std::round(ev.wall_ms)}}},
      {"created_at", utc_now()},
  };
  if (!ev.profile.is_null()) j["profile"] = ev.profile;
  if (!ev.phases.empty()) j["phases"] = ev.phases;
  j["baseline"] = ev.baseline;
  j["speedup"] = ev.speedup ? json(*ev.speedup) : json(nullptr);
  return j;
}

nlohmann::json signed_report(const Evaluation& ev, const SigningKey& key) {
  nlohmann::json j = to_json(ev);
  sign_report(j, key);
  return j;
}

namespace {
std::string human_ns(double v) {
  if (v >= 1e9) return fmt::format("{:.3f} s", v / 1e9);
  if (v >= 1e6) return fmt::format("{:.3f} ms", v / 1e6);
  if (v >= 1e3) return fmt::format("{:.2f} us", v / 1e3);
  return fmt::format("{:.0f} ns", v);
}
}  // namespace

void print_table(std::ostream& out, const nlohmann::json& r) {
  out << fmt::format("problem  {}   mode {}   backend {}   trust {}\n", r.value("problem", ""), r.value("mode", ""),
                     r.value("backend", ""), r.value("trust_level", "host"));
  if (r.contains("launch") && r["launch"].is_object())
    out << fmt::format("launch   knobs {}\n", r["launch"].value("knobs", nlohmann::json::object()).dump());
  if (!r["tests"].empty()) {
    out << fmt::format("\n{:<28} {:<14} {}\n", "test", "status", "message");
    for (auto& t : r["tests"])
      out << fmt::format("{:<28} {:<14} {}\n", t.value("name", ""), t.value("status", ""),
                         t.value("message", "").substr(0, 100));
  }
  if (!r["benchmarks"].empty()) {
    out << fmt::format("\n{:<24} {:<12} {:>6} {:>12} {:>12} {:>12} {:>12} {:>8}\n", "benchmark", "status", "runs",
                       "mean", "median", "min", "max", "rel_err");
    for (auto& b : r["benchmarks"])
      out << fmt::format("{:<24} {:<12} {:>6} {:>12} {:>12} {:>12} {:>12} {:>7.2f}%\n", b.value("name", ""),
                         b.value("status", ""), b.value("runs", 0), human_ns(b.value("mean_ns", 0.0)),
                         human_ns(b.value("median_ns", 0.0)), human_ns(b.value("min_ns", 0.0)),
                         human_ns(b.value("max_ns", 0.0)), 100 * b.value("rel_err", 0.0));
  }
  if (r.contains("phases")) {
    out << "\nphase        verdict        tests  benchmarks        score\n";
    for (auto& ph : r["phases"])
      out << fmt::format("{:<12} {:<14} {:>5} {:>11} {:>12}{}\n", ph.value("mode", ""), ph.value("verdict", ""),
                         ph["tests"].size(), ph["benchmarks"].size(),
                         ph["score_ns"].is_number() ? human_ns(ph["score_ns"].get<double>()) : "-",
                         ph.value("secret_seed", false) ? "   (secret seed)" : "");
  }
  out << "\nverdict  " << r.value("verdict", "");
  if (!r["score_ns"].is_null()) out << "   score " << human_ns(r["score_ns"].get<double>());
  if (r.contains("speedup") && r["speedup"].is_number())
    out << fmt::format("   speedup {:.2f}x over {}", r["speedup"].get<double>(),
                       r["baseline"].value("source", "the baseline"));
  out << "\n";
  if (r.contains("baseline") && r["baseline"].is_object() && r["baseline"].value("status", "") != "pass")
    out << "baseline " << r["baseline"].value("status", "") << ": " << r["baseline"].value("reason", "").substr(0, 200)
        << "\n";
  std::string reason = r.value("reason", "");
  if (!reason.empty()) out << "reason   " << reason.substr(0, reason.find('\n')) << "\n";
  if (r.contains("key_id")) out << "signed   key " << r.value("key_id", "") << "\n";
}

}  // namespace arbiter::judge
