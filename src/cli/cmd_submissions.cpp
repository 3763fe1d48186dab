// arbiter submissions list|show|report|logs|delete, and arbiter leaderboards [show|create].
#include <cstdio>
#include <memory>

#include "cli/registry.hpp"
#include "service/client.hpp"
#include "service/client_print.hpp"
#include "service/competition.hpp"
#include "service/problem_store.hpp"

namespace {

namespace client = arbiter::service::client;

struct Conn {
  std::string server, token;
};

void add_conn(CLI::App* cmd, const std::shared_ptr<Conn>& c) {
  cmd->add_option("--server", c->server, "Server URL (default: from 'arbiter login')");
  cmd->add_option("--token", c->token, "API token (default: from 'arbiter login')");
}

// Runs `fn` and turns exceptions and HTTP errors into an exit status.
template <class F>
void guarded(const char* what, F fn) {
  try {
    client::Response r = fn();
    if (r.ok()) return;
    std::fprintf(stderr, "arbiter %s: %s\n", what, r.error.c_str());
    arbiter::cli::set_exit_code(4);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "arbiter %s: %s\n", what, e.what());
    arbiter::cli::set_exit_code(3);
  }
}

arbiter::cli::Registrar reg_subs{64, [](CLI::App& app) {
  auto c = std::make_shared<Conn>();
  auto id = std::make_shared<long long>(0);
  auto board = std::make_shared<std::string>();
  auto limit = std::make_shared<int>(20);
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("submissions", "Your submissions on a server");
  cmd->require_subcommand(1);
  auto* list = cmd->add_subcommand("list", "List your latest submissions");
  add_conn(list, c);
  list->add_option("--leaderboard,-l", *board, "Only this leaderboard");
  list->add_option("--limit", *limit, "How many")->capture_default_str();
  list->callback([=] {
    guarded("submissions list", [&] {
      client::Api api(client::resolve(c->server, c->token));
      std::string q = "/submissions?limit=" + std::to_string(*limit) + (board->empty() ? "" : "&leaderboard=" + *board);
      auto r = api.get(q);
      if (r.ok()) std::printf("%s", client::submissions_list(r.body["submissions"]).c_str());
      return r;
    });
  });
  for (const char* name : {"show", "report", "logs", "delete"}) {
    auto* sub = cmd->add_subcommand(name, std::string(name) + " one submission");
    add_conn(sub, c);
    sub->add_option("ID", *id, "Submission id")->required();
    if (std::string(name) == "show") sub->add_flag("--json", *json, "Print JSON");
    std::string verb = name;
    sub->callback([=] {
      guarded(("submissions " + verb).c_str(), [&] {
        client::Api api(client::resolve(c->server, c->token));
        std::string path = "/submissions/" + std::to_string(*id);
        if (verb == "delete") {
          auto r = api.del(path);
          if (r.ok()) std::printf("deleted submission %lld\n", *id);
          return r;
        }
        if (verb == "report" || verb == "logs") path += "/" + verb;
        auto r = api.get(path);
        if (!r.ok()) return r;
        if (verb == "logs") {
          for (const auto& l : r.body["logs"])
            std::printf("== job %s (%s)\n%s\n", l["job"].dump().c_str(), l["kind"].get<std::string>().c_str(),
                        l["log"].get<std::string>().c_str());
        } else if (verb == "report" || *json) {
          std::printf("%s\n", r.body.dump(2).c_str());
        } else {
          std::printf("%s", client::submission_table(r.body).c_str());
        }
        return r;
      });
    });
  }
}};

arbiter::cli::Registrar reg_boards{65, [](CLI::App& app) {
  auto c = std::make_shared<Conn>();
  auto name = std::make_shared<std::string>();
  auto problem = std::make_shared<std::string>();
  auto deadline = std::make_shared<std::string>();
  auto visibility = std::make_shared<std::string>("public");
  auto ranking = std::make_shared<std::string>();
  auto rates = std::make_shared<std::vector<std::string>>();
  auto competition = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("leaderboards", "List leaderboards, show one, or create one (admin)");
  add_conn(cmd, c);
  cmd->callback([=] {
    if (!cmd->get_subcommands().empty()) return;
    guarded("leaderboards", [&] {
      client::Api api(client::resolve(c->server, c->token, false));
      auto r = api.get("/leaderboards");
      if (r.ok())
        for (const auto& b : r.body["leaderboards"])
          std::printf("%-20s problem %-16s ranking %-5s deadline %s\n", b["name"].get<std::string>().c_str(),
                      b["problem"].get<std::string>().c_str(), b["ranking"].get<std::string>().c_str(),
                      b["deadline"].is_null() ? "none" : b["deadline"].get<std::string>().c_str());
      return r;
    });
  });
  auto* show = cmd->add_subcommand("show", "Show a leaderboard's ranking");
  add_conn(show, c);
  show->add_option("NAME", *name)->required();
  show->callback([=] {
    guarded("leaderboards show", [&] {
      client::Api api(client::resolve(c->server, c->token, false));
      auto r = api.get("/leaderboards/" + *name);
      if (r.ok()) std::printf("%s", client::leaderboard_table(r.body).c_str());
      return r;
    });
  });
  auto* create = cmd->add_subcommand("create", "Create a leaderboard from a problem directory, or one per problem of a "
                                               "reference-kernels competition file (admin token)");
  add_conn(create, c);
  create->add_option("NAME", *name, "Leaderboard name (with --problem)");
  create->add_option("--problem", *problem, "Problem directory (problem.toml or task.yml)");
  create->add_option("--competition", *competition, "A reference-kernels problems/<set>.yaml: one leaderboard per problem");
  create->add_option("--deadline", *deadline, "UTC deadline, e.g. 2026-12-31T23:59:00Z");
  create->add_option("--visibility", *visibility, "public | private")->capture_default_str();
  create->add_option("--ranking", *ranking, "Override the problem's ranking: last | mean | geom");
  create->add_option("--rate", *rates, "Hourly limit per user, MODE=N (0: unlimited); repeatable");
  create->callback([=] {
    auto make = [&](const std::string& board, const std::string& dir, const std::string& when) {
      guarded("leaderboards create", [&] {
        auto packed = arbiter::service::problems::pack_directory(dir);
        nlohmann::json body = {{"name", board}, {"files", packed.files}, {"visibility", *visibility}};
        if (!when.empty()) body["deadline"] = when;
        if (!ranking->empty()) body["ranking"] = *ranking;
        for (const auto& r : *rates) {
          auto eq = r.find('=');
          if (eq == std::string::npos) throw std::runtime_error("--rate wants MODE=N, got '" + r + "'");
          body["rate_limits"][r.substr(0, eq)] = std::stoll(r.substr(eq + 1));
        }
        client::Api api(client::resolve(c->server, c->token));
        auto r = api.post("/leaderboards", body);
        if (r.ok()) std::printf("%s\n", r.body.dump(2).c_str());
        return r;
      });
    };
    if (!competition->empty()) {
      try {
        for (const auto& e : arbiter::service::competition::read(*competition))
          make(e.leaderboard, e.directory, deadline->empty() ? e.deadline : *deadline);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "arbiter leaderboards create: %s\n", e.what());
        arbiter::cli::set_exit_code(3);
      }
      return;
    }
    if (name->empty() || problem->empty()) {
      std::fprintf(stderr, "arbiter leaderboards create: give NAME --problem DIR, or --competition FILE\n");
      arbiter::cli::set_exit_code(3);
      return;
    }
    make(*name, *problem, *deadline);
  });
}};

}  // namespace
