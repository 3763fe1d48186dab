#include "service/client_print.hpp"

#include <cstdio>

#include "service/web_plot.hpp"

namespace arbiter::service::client {
namespace {
std::string s(const nlohmann::json& j, const char* k) {
  if (!j.contains(k) || j[k].is_null()) return "-";
  return j[k].is_string() ? j[k].get<std::string>() : j[k].dump();
}
std::string pad(std::string v, std::size_t w) {
  if (v.size() < w) v.append(w - v.size(), ' ');
  return v;
}
}  // namespace

std::string submission_table(const nlohmann::json& sub) {
  std::string out = "submission " + s(sub, "id") + " · " + s(sub, "leaderboard") + " · " + s(sub, "mode") + " · " +
                    s(sub, "filename") + "\n";
  out += pad("run", 11) + pad("verdict", 15) + pad("score", 12) + pad("attempts", 9) + "reason\n";
  for (const auto& j : sub["jobs"]) {
    std::string verdict = j["verdict"].is_string() ? j["verdict"].get<std::string>() : s(j, "state");
    std::string score = j["score_ns"].is_number() ? web::format_ns(j["score_ns"].get<double>()) : "-";
    out += pad(s(j, "kind"), 11) + pad(verdict, 15) + pad(score, 12) + pad(s(j, "attempts"), 9) +
           (j["reason"].is_string() ? j["reason"].get<std::string>() : "") + "\n";
  }
  out += "audit: " + s(sub, "audit_verdict") + "\n";
  out += "verdict: " + s(sub, "verdict");
  if (sub.contains("reason") && sub["reason"].is_string() && !sub["reason"].get<std::string>().empty())
    out += " — " + sub["reason"].get<std::string>();
  return out + "\n";
}

std::string submissions_list(const nlohmann::json& list) {
  std::string out = pad("id", 8) + pad("leaderboard", 16) + pad("mode", 13) + pad("file", 22) + pad("status", 9) +
                    pad("verdict", 15) + "submitted\n";
  for (const auto& x : list)
    out += pad(s(x, "id"), 8) + pad(s(x, "leaderboard"), 16) + pad(s(x, "mode"), 13) + pad(s(x, "filename"), 22) +
           pad(s(x, "status"), 9) + pad(s(x, "verdict"), 15) + s(x, "created_at") + "\n";
  return out;
}

std::string leaderboard_table(const nlohmann::json& b) {
  std::string out = s(b, "name") + " · problem " + s(b, "problem") + " · ranking " + s(b, "ranking") + " · deadline " +
                    s(b, "deadline") + "\n";
  out += pad("#", 5) + pad("user", 20) + pad("gpu", 10) + pad("score", 12) + pad("audit", 8) + "submitted\n";
  if (b.contains("ranking_entries"))
    for (const auto& e : b["ranking_entries"])
      out += pad(s(e, "rank"), 5) + pad(s(e, "user"), 20) + pad(s(e, "gpu_kind"), 10) +
             pad(web::format_ns(e.value("score_ns", 0.0)), 12) + pad(s(e, "audit"), 8) + s(e, "submitted_at") + "\n";
  return out;
}

std::string progress_line(const nlohmann::json& sub, double elapsed) {
  std::string out = "submission " + s(sub, "id") + ":";
  for (const auto& j : sub["jobs"])
    out += " " + s(j, "kind") + " " + (j["verdict"].is_string() ? j["verdict"].get<std::string>() : s(j, "state"));
  char buf[32];
  std::snprintf(buf, sizeof buf, "  (%.1f s)", elapsed);
  return out + buf;
}

}  // namespace arbiter::service::client
