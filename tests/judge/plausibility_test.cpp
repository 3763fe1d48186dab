#include <gtest/gtest.h>

#include "judge/plausibility.hpp"

using namespace arbiter::judge;

namespace {
CallObservation obs(int64_t send, int64_t start, int64_t end, int64_t recv, int64_t cpu0 = -1, int64_t cpu1 = -1) {
  CallObservation o;
  o.t_send = send;
  o.t_recv = recv;
  o.done.start_ns = start;
  o.done.end_ns = end;
  o.cpu_before = cpu0;
  o.cpu_after = cpu1;
  return o;
}
Calibration cal() { return calibrate_from(std::vector<double>(50, 20000.0)); }
}  // namespace

TEST(Plausibility, HonestCallsPass) {
  PlausibilityCheck p(cal(), 0);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(p.observe(obs(0, 10000, 1010000, 1020000)), "");
  EXPECT_EQ(p.finish(), "");
}

TEST(Plausibility, StampsOutsideTheJudgeWindowAreTampering) {
  PlausibilityCheck p(cal(), 0);
  EXPECT_NE(p.observe(obs(1000, 500, 900, 2000)), "");      // started before the call was sent
  EXPECT_NE(p.observe(obs(1000, 1500, 3000, 2000)), "");    // ended after the reply arrived
  EXPECT_NE(p.observe(obs(1000, 1500, 1400, 2000)), "");    // negative duration
}

TEST(Plausibility, FasterThanTheFloorIsImpossible) {
  PlausibilityCheck p(cal(), 5000);
  EXPECT_NE(p.observe(obs(0, 100, 200, 30000)), "");
}

TEST(Plausibility, ShavedTimesShowUpInTheGap) {
  PlausibilityCheck p(cal(), 0);
  // The call really took 5 ms; the contestant claims 1 µs.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(p.observe(obs(0, 4999000, 5000000, 5010000)), "");
  EXPECT_NE(p.finish().find("timing"), std::string::npos);
}

TEST(Plausibility, CpuBurntBetweenCallsIsBackgroundWork) {
  PlausibilityCheck p(cal(), 0);
  int64_t cpu = 0;
  for (int i = 0; i < 20; ++i) {
    int64_t before = cpu + 3000000;  // 3 ms of CPU while the contestant should be idle
    int64_t after = before + 1000000;
    EXPECT_EQ(p.observe(obs(0, 10000, 1010000, 1020000, before, after)), "");
    cpu = after;
  }
  EXPECT_NE(p.finish().find("background work"), std::string::npos);
}

TEST(Plausibility, LoadStretchesWallOnlyAndIsNotTampering) {
  Calibration c = calibrate_from(std::vector<double>(50, 20000.0), std::vector<double>(50, 15000.0));
  PlausibilityCheck p(c, 0);
  int64_t cpu = 0;
  for (int i = 0; i < 20; ++i) {
    // 5 ms of wall the contestant did not report, but it burnt no CPU then: it was waiting.
    EXPECT_EQ(p.observe(obs(0, 10000, 1010000, 6000000, cpu, cpu + 1015000)), "");
    cpu += 1015000;
  }
  EXPECT_EQ(p.finish(), "");
}

TEST(Plausibility, HiddenWorkShowsInWallAndCpu) {
  Calibration c = calibrate_from(std::vector<double>(50, 20000.0), std::vector<double>(50, 15000.0));
  PlausibilityCheck p(c, 0);
  int64_t cpu = 0;
  for (int i = 0; i < 20; ++i) {
    // Claims 1 µs; the trip took 5 ms and the contestant computed all of it.
    EXPECT_EQ(p.observe(obs(0, 4999000, 5000000, 5010000, cpu, cpu + 5000000)), "");
    cpu += 5000000;
  }
  EXPECT_NE(p.finish().find("timing"), std::string::npos);
}

namespace {
// A GPU call: host stamps around the harness's synchronisation, device events inside them.
CallObservation gpu(int64_t device_ns, int64_t settle_ns, int64_t wall = 60000) {
  CallObservation o = obs(0, 1000, 1000 + device_ns + 15000, wall);
  o.done.device_ns = device_ns;
  o.done.settle_ns = settle_ns;
  return o;
}
Calibration gpu_cal() {
  return calibrate_from(std::vector<double>(50, 40000.0), {}, std::vector<double>(50, 7000.0));
}
}  // namespace

TEST(Plausibility, GpuCallsUseDeviceEvents) {
  PlausibilityCheck p(gpu_cal(), 100, TimeSource::device);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(p.observe(gpu(4000, 7200)), "");
  EXPECT_EQ(p.reported_ns(gpu(4000, 7200)), 4000);
  EXPECT_EQ(p.finish(), "");
}

TEST(Plausibility, WorkLeftOnOtherStreamsShowsInTheSettleTime) {
  PlausibilityCheck p(gpu_cal(), 100, TimeSource::device);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(p.observe(gpu(1500, 50000)), "");  // side stream still busy
  EXPECT_NE(p.finish().find("another stream"), std::string::npos);
}

TEST(Plausibility, LongCallsSettleLaterWithoutBeingCalledSideWork) {
  // A 6.4 ms kernel: the harness thread wakes from its synchronisation ~12 µs later than after an
  // empty call (measured on the H200); within 0.5 % of the call's own time that is no side work.
  PlausibilityCheck p(gpu_cal(), 100, TimeSource::device);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(p.observe(gpu(6400000, 19000, 6460000)), "");
  EXPECT_EQ(p.finish(), "");
  PlausibilityCheck q(gpu_cal(), 100, TimeSource::device);  // the same excess after a short call is
  for (int i = 0; i < 20; ++i) EXPECT_EQ(q.observe(gpu(4000, 19000)), "");
  EXPECT_NE(q.finish().find("another stream"), std::string::npos);
}

TEST(Plausibility, IdleThreadsTickingWhileTheJudgePreparesAreNotWork) {
  // 1 ms of runtime-thread CPU per call while the judge spends 2 s preparing each (a reference
  // making 1.5 GiB of inputs): under 1 % of the judge's time between calls.
  auto run = [](int64_t gap_ns) {
    PlausibilityCheck p(cal(), 0);
    int64_t t = 0, cpu = 0;
    for (int i = 0; i < 10; ++i) {
      t += gap_ns;
      const int64_t before = cpu + 1000000, after = before + 1000000;
      CallObservation o = obs(t, t + 10000, t + 1010000, t + 1020000, before, after);
      EXPECT_EQ(p.observe(o), "");
      t = o.t_recv;
      cpu = after;
    }
    return p.finish();
  };
  EXPECT_EQ(run(2000000000), "");
  EXPECT_NE(run(1000000).find("background work"), std::string::npos);  // the same CPU in 1 ms gaps is work
}

TEST(Plausibility, DeviceTimeLongerThanTheHarnessIntervalIsForged) {
  PlausibilityCheck p(gpu_cal(), 0, TimeSource::device);
  CallObservation o = gpu(4000, 7000);
  o.done.device_ns = 1000000;  // longer than the host interval that contains the events
  EXPECT_NE(p.observe(o), "");
  o.done.device_ns = -1;  // no device time at all on the GPU backend
  EXPECT_NE(p.observe(o), "");
}

TEST(Plausibility, DeviceTimeOnTheCpuBackendIsForged) {
  PlausibilityCheck p(cal(), 0);
  CallObservation o = obs(0, 10000, 1010000, 1020000);
  o.done.device_ns = 5;
  EXPECT_NE(p.observe(o), "");
}
