// --mode profile rows: rates against the machine's peaks, and which peak bounds the shape.
#include <gtest/gtest.h>

#include "judge/profile_table.hpp"

using namespace arbiter;
using namespace arbiter::judge;

TEST(ProfileTable, RatesFloorsAndBound) {
  problem::MachineProfile m;
  m.backend = "cuda";
  m.bandwidth_gbs = 1000;  // bytes per ns
  m.gflops = 50000;        // FLOP per ns
  // 1 MB and 2 GFLOP in 100 µs: 10 GB/s (1 % of peak), 20 TFLOP/s (40 %); FLOPs bound it.
  nlohmann::json r = profile_row({"s", 100e3, 1e6, 2e9}, m);
  EXPECT_DOUBLE_EQ(r["achieved_gbs"].get<double>(), 10);
  EXPECT_DOUBLE_EQ(r["fraction_of_bandwidth"].get<double>(), 0.01);
  EXPECT_DOUBLE_EQ(r["achieved_gflops"].get<double>(), 20000);
  EXPECT_DOUBLE_EQ(r["fraction_of_flops"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(r["bandwidth_floor_ns"].get<double>(), 1000);
  EXPECT_DOUBLE_EQ(r["flop_floor_ns"].get<double>(), 40000);
  EXPECT_EQ(r["bound"], "compute");
  // No FLOP count (task.yml): memory-bound, FLOP columns null, and the table says n/a.
  r = profile_row({"t", 100e3, 1e6, std::nullopt}, m);
  EXPECT_TRUE(r["flops"].is_null());
  EXPECT_EQ(r["bound"], "memory");
  nlohmann::json rows = nlohmann::json::array({r});
  rows[0]["ncu"] = {{"ok", false}, {"note", "ncu not found"}};
  const std::string t = profile_table(rows, m);
  EXPECT_NE(t.find("n/a"), std::string::npos) << t;
  EXPECT_NE(t.find("ncu not found"), std::string::npos) << t;
}
