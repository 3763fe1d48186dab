// Load generator: a bounded number of concurrent clients, each on one keep-alive connection,
// uploading small submissions as fast as the server accepts them. Prints one JSON line:
// accepted per second, p50/p99/max latency, and the count of non-201 answers.
// Usage: arbiter-service-load URL TOKEN LEADERBOARD [--clients N] [--seconds S] [--mode M]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s URL TOKEN LEADERBOARD [--clients N] [--seconds S] [--mode M]\n", argv[0]);
    return 3;
  }
  std::string url = argv[1], token = argv[2], board = argv[3], mode = "test";
  int clients = 8;
  double seconds = 10;
  for (int i = 4; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--clients")) clients = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--mode")) mode = argv[i + 1];
  }
  std::atomic<bool> stop{false};
  std::atomic<long> errors{0};
  std::vector<std::vector<double>> lat(clients);
  std::vector<std::thread> threads;
  auto t0 = std::chrono::steady_clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client cli(url);
      cli.set_keep_alive(true);
      cli.set_tcp_nodelay(true);
      cli.set_bearer_token_auth(token.c_str());
      cli.set_read_timeout(30, 0);
      long n = 0;
      while (!stop) {
        nlohmann::json body = {{"leaderboard", board},
                               {"mode", mode},
                               {"filename", "submission.py"},
                               {"source", "# load test client " + std::to_string(c) + " n " + std::to_string(n++) +
                                              "\nimport torch\ndef custom_kernel(data):\n    a, b = data\n    return a + b\n"}};
        auto s = std::chrono::steady_clock::now();
        auto r = cli.Post("/submissions", body.dump(), "application/json");
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count();
        if (r && r->status == 201)
          lat[c].push_back(ms);
        else
          errors++;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<size_t>(p * all.size()))]; };
  nlohmann::json out = {{"clients", clients},      {"seconds", elapsed},     {"accepted", all.size()},
                        {"errors", errors.load()}, {"accepted_per_s", all.size() / elapsed},
                        {"p50_ms", pct(0.50)},     {"p99_ms", pct(0.99)},    {"max_ms", all.empty() ? 0 : all.back()}};
  std::printf("%s\n", out.dump().c_str());
  return errors.load() == 0 ? 0 : 1;
}
