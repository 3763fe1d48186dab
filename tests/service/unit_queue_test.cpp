// The durable queue: claim order, leases, heartbeats, expiry with an attempt cap, exactly-once results.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "service/auth.hpp"
#include "service/db/database.hpp"
#include "service/leaderboard.hpp"
#include "service/queue.hpp"
#include "service/util.hpp"

using namespace arbiter::service;

namespace {
struct Fixture {
  std::string path = std::filesystem::temp_directory_path() / ("arbiter-q-" + random_hex(6) + ".db");
  std::unique_ptr<db::Database> db = db::open(path);
  std::int64_t user = 0, board = 0;
  Fixture() {
    db::migrate(*db);
    auto tx = db->begin(true);
    user = auth::create_user(*tx, "bob", "user");
    tx->query("INSERT INTO problems (sha, name, ranking, files, created_at) VALUES ('p', 'p', 'last', '{}', 0)");
    board = tx->query("INSERT INTO leaderboards (name, problem_sha, problem_name, ranking, visibility, rate_limits, "
                      "created_at) VALUES ('lb', 'p', 'p', 'last', 'public', '{}', 0) RETURNING id")[0].i64(0);
    tx->commit();
  }
  ~Fixture() {
    db.reset();
    for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(path + s);
  }
  std::int64_t submit(const std::string& mode, int max_attempts = 2) {
    auto tx = db->begin(true);
    auto id = tx->query("INSERT INTO submissions (user_id, leaderboard_id, mode, filename, source, sha256, created_at, "
                        "status) VALUES (?, ?, ?, 'a.py', 'x', 'h', ?, 'queued') RETURNING id",
                        {user, board, mode, now_ms()})[0].i64(0);
    queue::enqueue(*tx, id, mode, max_attempts);
    tx->commit();
    return id;
  }
  std::string status(std::int64_t sub) {
    auto tx = db->begin(false);
    auto r = tx->query("SELECT status, verdict FROM submissions WHERE id = ?", {sub});
    return r[0].str(0) + ":" + r[0].str(1);
  }
};
queue::Outcome pass(double score) {
  queue::Outcome o;
  o.verdict = "pass";
  o.report = "{}";
  o.score_ns = score;
  return o;
}
}  // namespace

TEST(ServiceQueue, LeaderboardModeMakesPublicAndSecretJobs) {
  Fixture f;
  auto sub = f.submit("leaderboard");
  auto a = queue::claim(*f.db, 1, "w", "cpu", 10000);
  auto b = queue::claim(*f.db, 1, "w", "cpu", 10000);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->kind, "public");
  EXPECT_EQ(b->kind, "secret");
  EXPECT_FALSE(queue::claim(*f.db, 1, "w", "cpu", 10000));
  EXPECT_EQ(queue::complete(*f.db, a->job_id, a->lease_id, 1, pass(5)), queue::Lease::ok);
  EXPECT_EQ(f.status(sub), "running:");
  EXPECT_EQ(queue::complete(*f.db, b->job_id, b->lease_id, 1, pass(7)), queue::Lease::ok);
  EXPECT_EQ(f.status(sub), "done:pass");
  // A second report for the same job is refused.
  EXPECT_EQ(queue::complete(*f.db, b->job_id, b->lease_id, 1, pass(1)), queue::Lease::lost);
  auto tx = f.db->begin(false);
  auto ranked = leaderboard::rank(*tx, f.board);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].score_ns, 7);
}

TEST(ServiceQueue, RankedModeIsOneJobThatRanks) {
  Fixture f;
  auto sub = f.submit("ranked");
  auto a = queue::claim(*f.db, 1, "w", "cpu", 10000);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->kind, "ranked");  // test, benchmark and leaderboard in one run of the judge
  EXPECT_FALSE(queue::claim(*f.db, 1, "w", "cpu", 10000));
  EXPECT_EQ(queue::complete(*f.db, a->job_id, a->lease_id, 1, pass(9)), queue::Lease::ok);
  EXPECT_EQ(f.status(sub), "done:pass");
  auto tx = f.db->begin(false);
  auto ranked = leaderboard::rank(*tx, f.board);
  ASSERT_EQ(ranked.size(), 1u);
  EXPECT_EQ(ranked[0].score_ns, 9);
  EXPECT_TRUE(queue::kinds_for_mode("fastest").empty());
}

TEST(ServiceQueue, ExpiredLeaseRequeuesThenGivesUp) {
  Fixture f;
  auto sub = f.submit("test", 2);
  auto a = queue::claim(*f.db, 1, "w", "cpu", 1);
  ASSERT_TRUE(a);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(queue::reap_expired(*f.db), 1);
  EXPECT_EQ(queue::heartbeat(*f.db, a->job_id, a->lease_id, 1000), queue::Lease::lost);
  auto b = queue::claim(*f.db, 2, "w2", "cpu", 1);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->job_id, a->job_id);
  EXPECT_EQ(b->attempts, 2);
  // The first worker's late report must not count.
  EXPECT_EQ(queue::complete(*f.db, a->job_id, a->lease_id, 1, pass(3)), queue::Lease::lost);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(queue::reap_expired(*f.db), 1);
  EXPECT_EQ(f.status(sub), "done:error");
  EXPECT_FALSE(queue::claim(*f.db, 1, "w", "cpu", 1000));
}

TEST(ServiceQueue, HeartbeatKeepsTheLease) {
  Fixture f;
  f.submit("benchmark");
  auto a = queue::claim(*f.db, 1, "w", "cpu", 50);
  ASSERT_TRUE(a);
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(queue::heartbeat(*f.db, a->job_id, a->lease_id, 50), queue::Lease::ok);
    EXPECT_EQ(queue::reap_expired(*f.db), 0);
  }
  EXPECT_EQ(queue::fail(*f.db, a->job_id, a->lease_id, "judge crashed", "log"), queue::Lease::ok);
  auto b = queue::claim(*f.db, 1, "w", "cpu", 50);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->attempts, 2);
}

TEST(ServiceLeaderboard, ScoreAggregation) {
  nlohmann::json r = {{"benchmarks", {{{"mean_ns", 100.0}}, {{"mean_ns", 400.0}}}}, {"score_ns", 1.0}};
  EXPECT_DOUBLE_EQ(*leaderboard::score_of(r, "last"), 400);
  EXPECT_DOUBLE_EQ(*leaderboard::score_of(r, "mean"), 250);
  EXPECT_NEAR(*leaderboard::score_of(r, "geom"), 200, 1e-9);
  EXPECT_DOUBLE_EQ(*leaderboard::score_of({{"score_ns", 5.0}}, "geom"), 5);
  EXPECT_FALSE(leaderboard::score_of({{"score_ns", nullptr}}, "geom"));
}
