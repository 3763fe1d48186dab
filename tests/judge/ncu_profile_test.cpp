// The Nsight Compute half of --mode profile: reading ncu's CSV (CI has no GPU; the runs are
// recorded in docs/gpu-results.md).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "judge/ncu_profile.hpp"

using namespace arbiter::judge;

namespace {
// The shape of `ncu --csv --print-units base --metrics gpu__time_duration.sum,dram__bytes_read.sum,
// dram__bytes_write.sum`: one row per kernel and metric, numbers with thousands separators.
std::string row(int id, const std::string& kernel, const std::string& metric, const std::string& unit,
                const std::string& value) {
  return "\"" + std::to_string(id) + "\",\"4242\",\"arbiter\",\"127.0.0.1\",\"" + kernel +
         "\",\"1\",\"7\",\"(256, 1, 1)\",\"(4096, 1, 1)\",\"0\",\"9.0\",\"Command line profiler metrics\",\"" + metric +
         "\",\"" + unit + "\",\"" + value + "\"\n";
}
const std::string kHeader =
    "==PROF== Connected to process 4242 (/usr/local/bin/arbiter)\n"
    "\"ID\",\"Process ID\",\"Process Name\",\"Host Name\",\"Kernel Name\",\"Context\",\"Stream\",\"Block Size\","
    "\"Grid Size\",\"Device\",\"CC\",\"Section Name\",\"Metric Name\",\"Metric Unit\",\"Metric Value\"\n";
}  // namespace

TEST(Ncu, ParsesKernelsInLaunchOrderWithUnits) {
  std::string csv = kHeader;
  for (int call = 0; call < 3; ++call) {
    const int id = call * 2;
    csv += row(id, "scale(const float *, float *, long)", "dram__bytes_read.sum", "byte", "4,194,304");
    csv += row(id, "scale(const float *, float *, long)", "dram__bytes_write.sum", "byte", "4,194,304");
    csv += row(id, "scale(const float *, float *, long)", "gpu__time_duration.sum", "nsecond", std::to_string(5000 + call));
    csv += row(id + 1, "finish(float *)", "gpu__time_duration.sum", "usecond", "1.5");
  }
  csv += "==PROF== Disconnected from process 4242\n";
  const auto kernels = parse_ncu_csv(csv);
  ASSERT_EQ(kernels.size(), 6u);
  EXPECT_EQ(kernels[0].name, "scale(const float *, float *, long)");
  EXPECT_DOUBLE_EQ(kernels[0].dram_bytes, 8388608);
  EXPECT_DOUBLE_EQ(kernels[1].duration_ns, 1500);  // usecond scaled to ns
  const NcuShape s = summarise_ncu(kernels, 3);
  ASSERT_TRUE(s.ok) << s.note;
  EXPECT_EQ(s.kernels_per_call, 2);
  EXPECT_DOUBLE_EQ(s.duration_ns, 6501);  // median of 6500, 6501, 6502
  EXPECT_DOUBLE_EQ(s.dram_bytes, 8388608);
  EXPECT_EQ(s.kernel_names, (std::vector<std::string>{"scale", "finish"}));
}

TEST(Ncu, UnevenKernelsOrNoneAreExplainedNotAveraged) {
  std::string csv = kHeader + row(0, "k()", "gpu__time_duration.sum", "nsecond", "10") +
                    row(1, "k()", "gpu__time_duration.sum", "nsecond", "10") +
                    row(2, "k()", "gpu__time_duration.sum", "nsecond", "10");
  NcuShape s = summarise_ncu(parse_ncu_csv(csv), 2);
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.note.find("3 kernels over 2 calls"), std::string::npos) << s.note;
  s = summarise_ncu(parse_ncu_csv(kHeader), 2);
  EXPECT_FALSE(s.ok);
  EXPECT_NE(s.note.find("no kernel"), std::string::npos) << s.note;
}

TEST(Ncu, CsvWithoutTheNeededColumnsIsAnError) {
  EXPECT_THROW(parse_ncu_csv("\"ID\",\"Kernel Name\"\n\"0\",\"k\"\n"), arbiter::Error);
  EXPECT_THROW(parse_ncu_csv(kHeader + "\"0\",\"1\"\n"), arbiter::Error);  // a short row
}
