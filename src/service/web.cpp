// Server-rendered pages: leaderboards, one leaderboard, one submission (verdict, reason, audit
// findings, and an SVG plot of each benchmark shape's per-iteration times), login and web submit.
// No JavaScript; readable on a phone (one column below 700px, tables scroll sideways).
#include "service/leaderboard.hpp"
#include "service/server_context.hpp"
#include "service/util.hpp"
#include "service/web_plot.hpp"

namespace arbiter::service {
namespace {

using nlohmann::json;
using web::format_ns;

const char* kStyle = R"CSS(
*{box-sizing:border-box}body{font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1d2b3a;color:#fff;padding:.7rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none}header .who{margin-left:auto;font-size:.9rem;opacity:.85}
main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.3rem 0 1rem}h2{font-size:1.15rem;margin:1.4rem 0 .5rem}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:1rem;margin-bottom:1rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e8ebef;white-space:nowrap}th{font-size:.85rem;color:#5b6672}
.v{display:inline-block;padding:.1rem .5rem;border-radius:99px;font-weight:600;font-size:.85rem;background:#e8ebef}
.v-pass,.v-clean{background:#d7f5e0;color:#11612b}.v-wrong_answer,.v-rejected,.v-crash,.v-compile_error,.v-reject{background:#fde0df;color:#8d1c17}
.v-timeout,.v-review,.v-error{background:#fff1cc;color:#7a5400}.v-queued,.v-running{background:#e3ecff;color:#1f4aa8}
.grid2{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem}@media(max-width:700px){.grid2{grid-template-columns:1fr}th,td{padding:.35rem .4rem}}
svg.plot{width:100%;height:auto;background:#fff}svg .grid{stroke:#eceff3}svg .axis{stroke:#8a949e}svg .pts circle{fill:#2a6fdb;fill-opacity:.55}
svg .med{stroke:#d9480f;stroke-dasharray:5 4}svg .pl{font-size:11px;fill:#5b6672}svg .pt{font-size:13px;font-weight:600;fill:#1d232a}svg .ml{font-size:11px;fill:#d9480f}
.reason{font-family:ui-monospace,Menlo,monospace;font-size:.9rem;white-space:pre-wrap;word-break:break-word}
form.inline{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}input,select,button{font:inherit;padding:.35rem .5rem}
.muted{color:#5b6672;font-size:.9rem}code{font-size:.85rem}
)CSS";

std::string cookie_token(const httplib::Request& req) {
  auto c = req.get_header_value("Cookie");
  auto pos = c.find("arbiter_token=");
  if (pos == std::string::npos) return {};
  auto end = c.find(';', pos);
  return c.substr(pos + 14, end == std::string::npos ? std::string::npos : end - pos - 14);
}

std::optional<auth::Principal> web_user(Context& ctx, const httplib::Request& req) {
  std::string token = cookie_token(req);
  if (token.empty()) return std::nullopt;
  std::string why;
  auto tx = ctx.db->begin(false);
  auto p = auth::authenticate(*tx, token, why);
  if (p && p->banned) return std::nullopt;
  return p;
}

std::string badge(const std::string& v) {
  if (v.empty()) return "<span class=\"v\">—</span>";
  return "<span class=\"v v-" + html_escape(v) + "\">" + html_escape(v) + "</span>";
}

void page(httplib::Response& res, int status, const std::string& title, const std::string& body,
          const std::optional<auth::Principal>& who) {
  std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" +
                     html_escape(title) + " · Arbiter</title><style>" + kStyle +
                     "</style></head><body><header><a href=\"/\"><b>Arbiter</b></a><a href=\"/\">Leaderboards</a>";
  html += who ? "<span class=\"who\">" + html_escape(who->name) +
                    " · <form method=\"post\" action=\"/logout\" style=\"display:inline\"><button>log out</button></form></span>"
              : "<span class=\"who\"><a href=\"/login\">log in</a></span>";
  html += "</header><main>" + body + "</main></body></html>";
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

std::string audit_html(const json& audit) {
  if (!audit.is_object()) return "<p class=\"muted\">No audit result.</p>";
  std::string h = "<p>Audit: " + badge(audit.value("verdict", std::string())) + "</p>";
  if (audit.contains("findings") && audit["findings"].is_array() && !audit["findings"].empty()) {
    h += "<div class=\"scroll\"><table><tr><th>rule</th><th>severity</th><th>line</th><th>evidence</th></tr>";
    for (const auto& f : audit["findings"]) {
      if (!f.is_object()) continue;
      auto str = [&](const char* k) { return f.contains(k) ? (f[k].is_string() ? f[k].get<std::string>() : f[k].dump()) : ""; };
      h += "<tr><td><code>" + html_escape(str("rule")) + html_escape(str("rule_id")) + "</code></td><td>" +
           html_escape(str("severity")) + "</td><td>" + html_escape(str("line")) + "</td><td class=\"reason\">" +
           html_escape(str("snippet").substr(0, 200)) + (f.contains("message") ? " — " + html_escape(str("message")) : "") +
           "</td></tr>";
    }
    h += "</table></div>";
  } else {
    h += "<p class=\"muted\">No findings.</p>";
  }
  return h;
}

std::string job_html(const json& job) {
  std::string h = "<div class=\"card\"><h2>" + html_escape(job.value("kind", std::string())) + " run " +
                  badge(job["verdict"].is_string() ? job["verdict"].get<std::string>() : job.value("state", std::string())) +
                  "</h2>";
  if (job["reason"].is_string() && !job["reason"].get<std::string>().empty())
    h += "<p class=\"reason\">" + html_escape(job["reason"].get<std::string>()) + "</p>";
  if (job["score_ns"].is_number()) h += "<p>Score: <b>" + format_ns(job["score_ns"].get<double>()) + "</b></p>";
  const json& report = job["report"];
  if (!report.is_object()) return h + "<p class=\"muted\">No report yet.</p></div>";
  if (report.contains("redacted")) h += "<p class=\"muted\">" + html_escape(report["redacted"].get<std::string>()) + "</p>";
  if (report.contains("tests") && report["tests"].is_array() && !report["tests"].empty()) {
    h += "<div class=\"scroll\"><table><tr><th>test</th><th>status</th><th>message</th></tr>";
    for (const auto& t : report["tests"])
      if (t.is_object())
        h += "<tr><td>" + html_escape(t.value("name", std::string())) + "</td><td>" + badge(t.value("status", std::string())) +
             "</td><td class=\"reason\">" + html_escape(t.value("message", std::string())) + "</td></tr>";
    h += "</table></div>";
  }
  if (report.contains("benchmarks") && report["benchmarks"].is_array()) {
    for (const auto& b : report["benchmarks"]) {
      if (!b.is_object()) continue;
      std::vector<double> samples;
      if (b.contains("samples_ns") && b["samples_ns"].is_array())
        for (const auto& s : b["samples_ns"])
          if (s.is_number()) samples.push_back(s.get<double>());
      std::string name = b.value("name", std::string("benchmark"));
      auto num = [&](const char* k) { return b.contains(k) && b[k].is_number() ? format_ns(b[k].get<double>()) : "—"; };
      h += "<div class=\"grid2\"><div>" + web::samples_svg(samples, name) + "</div><div class=\"scroll\"><table>" +
           "<tr><th>status</th><td>" + badge(b.value("status", std::string())) + "</td></tr><tr><th>runs</th><td>" +
           (b.contains("runs") ? b["runs"].dump() : "—") + "</td></tr><tr><th>mean</th><td>" + num("mean_ns") +
           "</td></tr><tr><th>median</th><td>" + num("median_ns") + "</td></tr><tr><th>min / max</th><td>" +
           num("min_ns") + " / " + num("max_ns") + "</td></tr><tr><th>std</th><td>" + num("std_ns") +
           "</td></tr><tr><th>floor</th><td>" + num("floor_ns") + "</td></tr></table></div></div>";
    }
  }
  if (report.contains("key_id") && report["key_id"].is_string())
    h += "<p class=\"muted\">Signed by worker key <code>" + html_escape(report["key_id"].get<std::string>()) +
         "</code>; the server verified the signature before accepting it.</p>";
  return h + "</div>";
}

}  // namespace

void register_web_routes(httplib::Server& svr, Context& ctx) {
  svr.Get("/", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = web_user(ctx, req);
    auto tx = ctx.db->begin(false);
    std::string body = "<h1>Leaderboards</h1><div class=\"card scroll\"><table><tr><th>leaderboard</th><th>problem</th>"
                       "<th>ranking</th><th>deadline</th></tr>";
    for (const auto& r : tx->query("SELECT name, problem_name, ranking, deadline, visibility FROM leaderboards ORDER BY name")) {
      if (r.str(4) != "public" && !who) continue;
      body += "<tr><td><a href=\"/lb/" + html_escape(r.str(0)) + "\">" + html_escape(r.str(0)) + "</a></td><td>" +
              html_escape(r.str(1)) + "</td><td>" + html_escape(r.str(2)) + "</td><td>" +
              (r.is_null(3) ? "open" : iso_time(r.i64(3))) + "</td></tr>";
    }
    page(res, 200, "Leaderboards", body + "</table></div>", who);
  });

  svr.Get(R"(/lb/([A-Za-z0-9_-]{1,64}))", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = web_user(ctx, req);
    auto tx = ctx.db->begin(false);
    auto rows = tx->query("SELECT id, name, problem_name, ranking, deadline, visibility FROM leaderboards WHERE name = ?",
                          {req.matches[1].str()});
    if (rows.empty() || (rows[0].str(5) != "public" && !who))
      return page(res, 404, "Not found", "<h1>No such leaderboard</h1>", who);
    const auto& b = rows[0];
    std::string body = "<h1>" + html_escape(b.str(1)) + "</h1><p class=\"muted\">Problem " + html_escape(b.str(2)) +
                       " · ranked by " + html_escape(b.str(3)) + " of benchmark means on the secret-seed run · " +
                       (b.is_null(4) ? std::string("no deadline") : "deadline " + iso_time(b.i64(4))) + "</p>";
    body += "<div class=\"card scroll\"><table><tr><th>#</th><th>user</th><th>GPU</th><th>score</th><th>submitted</th>"
            "<th>audit</th></tr>";
    auto entries = leaderboard::rank(*tx, b.i64(0));
    for (const auto& e : entries) {
      bool mine = who && (who->name == e.user || who->is_admin());
      body += "<tr><td>" + std::to_string(e.rank) + "</td><td>" + html_escape(e.user) + "</td><td>" +
              html_escape(e.gpu_kind) + "</td><td>" +
              (mine ? "<a href=\"/s/" + std::to_string(e.submission_id) + "\">" + format_ns(e.score_ns) + "</a>"
                    : format_ns(e.score_ns)) +
              "</td><td>" + iso_time(e.created_at) + "</td><td>" + badge(e.audit_verdict) + "</td></tr>";
    }
    if (entries.empty()) body += "<tr><td colspan=\"6\" class=\"muted\">No ranked submissions yet.</td></tr>";
    body += "</table></div>";
    if (who) {
      body += "<div class=\"card\"><h2>Submit</h2><form class=\"inline\" method=\"post\" action=\"/web/submit\" "
              "enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"leaderboard\" value=\"" +
              html_escape(b.str(1)) +
              "\"><input type=\"file\" name=\"file\" required><select name=\"mode\"><option>test</option><option>"
              "benchmark</option><option>leaderboard</option></select><button>Submit</button></form></div>";
      body += "<div class=\"card scroll\"><h2>Your submissions</h2><table><tr><th>id</th><th>mode</th><th>file</th>"
              "<th>status</th><th>verdict</th></tr>";
      for (const auto& s : tx->query("SELECT id, mode, filename, status, verdict FROM submissions WHERE leaderboard_id = ? "
                                     "AND user_id = ? ORDER BY id DESC LIMIT 20",
                                     {b.i64(0), who->user_id}))
        body += "<tr><td><a href=\"/s/" + std::to_string(s.i64(0)) + "\">" + std::to_string(s.i64(0)) + "</a></td><td>" +
                html_escape(s.str(1)) + "</td><td>" + html_escape(s.str(2)) + "</td><td>" + badge(s.str(3)) +
                "</td><td>" + badge(s.str(4)) + "</td></tr>";
      body += "</table></div>";
    }
    page(res, 200, b.str(1), body, who);
  });

  svr.Get(R"(/s/(\d{1,18}))", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = web_user(ctx, req);
    if (!who) return page(res, 401, "Log in", "<h1>Log in to see your submissions</h1><p><a href=\"/login\">Log in</a></p>", who);
    auto tx = ctx.db->begin(false);
    auto j = submission_json(*tx, std::stoll(req.matches[1].str()), true, who->is_admin());
    if (!j || ((*j)["user_id"].get<std::int64_t>() != who->user_id && !who->is_admin()))
      return page(res, 404, "Not found", "<h1>No such submission of yours</h1>", who);
    const json& s = *j;
    std::string verdict = s["verdict"].is_string() ? s["verdict"].get<std::string>() : s["status"].get<std::string>();
    std::string body = "<h1>Submission " + std::to_string(s["id"].get<std::int64_t>()) + " " + badge(verdict) + "</h1>";
    body += "<div class=\"grid2\"><div class=\"card\"><table><tr><th>leaderboard</th><td><a href=\"/lb/" +
            html_escape(s["leaderboard"].get<std::string>()) + "\">" + html_escape(s["leaderboard"].get<std::string>()) + "</a></td></tr><tr><th>mode</th><td>" +
            html_escape(s["mode"].get<std::string>()) + "</td></tr><tr><th>file</th><td>" + html_escape(s["filename"].get<std::string>()) +
            "</td></tr><tr><th>submitted</th><td>" + html_escape(s["created_at"].get<std::string>()) + "</td></tr><tr><th>by</th><td>" +
            html_escape(s["user"].get<std::string>()) + "</td></tr></table>";
    if (s["reason"].is_string() && !s["reason"].get<std::string>().empty())
      body += "<h2>Reason</h2><p class=\"reason\">" + html_escape(s["reason"].get<std::string>()) + "</p>";
    body += "</div><div class=\"card\"><h2>Static audit</h2>" + audit_html(s["audit"]) + "</div></div>";
    for (const auto& job : s["jobs"]) body += job_html(job);
    page(res, 200, "Submission " + std::to_string(s["id"].get<std::int64_t>()), body, who);
  });

  svr.Get("/login", [&](const httplib::Request& req, httplib::Response& res) {
    page(res, 200, "Log in",
         "<h1>Log in</h1><div class=\"card\"><form method=\"post\" action=\"/login\" class=\"inline\"><input "
         "name=\"token\" type=\"password\" placeholder=\"API token (arb_…)\" size=\"40\" required><button>Log in</button>"
         "</form><p class=\"muted\">Your token came from the organiser, or from <code>arbiter login</code>.</p></div>",
         web_user(ctx, req));
  });
  svr.Post("/login", [&](const httplib::Request& req, httplib::Response& res) {
    std::string token = req.has_param("token") ? req.get_param_value("token") : "";
    std::string why;
    std::optional<auth::Principal> p;
    {
      auto tx = ctx.db->begin(false);
      p = auth::authenticate(*tx, token, why);
    }
    if (!p) return page(res, 401, "Log in", "<h1>Log in failed</h1><p class=\"reason\">" + html_escape(why) +
                                                 "</p><p><a href=\"/login\">Try again</a></p>", std::nullopt);
    res.set_header("Set-Cookie", "arbiter_token=" + token + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000");
    res.set_redirect("/", 303);
  });
  svr.Post("/logout", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Set-Cookie", "arbiter_token=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    res.set_redirect("/", 303);
  });
  svr.Post("/web/submit", [&](const httplib::Request& req, httplib::Response& res) {
    auto who = web_user(ctx, req);
    if (!who) return page(res, 401, "Log in", "<h1>Log in first</h1>", who);
    if (!req.is_multipart_form_data() || !req.has_file("file"))
      return page(res, 400, "Bad upload", "<h1>Choose a file to submit</h1>", who);
    NewSubmission s;
    auto f = req.get_file_value("file");
    s.filename = f.filename;
    s.source = f.content;
    s.leaderboard = req.has_file("leaderboard") ? req.get_file_value("leaderboard").content : "";
    s.mode = req.has_file("mode") ? req.get_file_value("mode").content : "";
    int status = 0;
    std::string message;
    auto tx = ctx.db->begin(true);
    std::int64_t id = create_submission(ctx, *tx, *who, s, status, message);
    if (!id) return page(res, status, "Not accepted", "<h1>Not accepted</h1><p class=\"reason\">" + html_escape(message) + "</p>", who);
    tx->commit();
    ctx.metrics.count_submission();
    res.set_redirect("/s/" + std::to_string(id), 303);
  });
}

}  // namespace arbiter::service
