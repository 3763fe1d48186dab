#pragma once
// Cross-checks every time the contestant reports against what the judge measured itself:
// the stamps must lie inside the judge's own round trip, the gap between the two must look
// like the harness overhead calibrated with an empty kernel, no time may beat the physical
// floor, and the contestant must not burn CPU between calls (hidden background work).
#include <cstdint>
#include <string>
#include <vector>

#include "wire/messages.hpp"

namespace arbiter::judge {

struct Calibration {
  double median_gap_ns = 0, p99_gap_ns = 0;  // judge wall minus reported time, empty kernel
  double median_cpu_gap_ns = -1;              // contestant CPU in the trip minus reported; -1 unknown
  double median_settle_ns = -1;               // GPU: end event to idle device, empty kernel; -1 unknown
  std::size_t samples = 0;
};

Calibration calibrate_from(const std::vector<double>& gaps_ns, const std::vector<double>& cpu_gaps_ns = {},
                           const std::vector<double>& settles_ns = {});

struct CallObservation {
  int64_t t_send = 0, t_recv = 0;      // judge clock around the round trip
  int64_t cpu_before = -1, cpu_after = -1;  // contestant CPU time around it
  int64_t sched_delay = 0;  // time the harness thread or the judge waited for a CPU during the trip
  int64_t handover_cpu_ns = 0;  // harness CPU mapping this call's outputs just before it: not idle work
  wire::Done done;
};

// The call's time: device events where the contestant reported them, else its host clock reads.
inline double reported_ns(const CallObservation& o) {
  return o.done.device_ns >= 0 ? static_cast<double>(o.done.device_ns) : static_cast<double>(o.done.end_ns - o.done.start_ns);
}
// Judge wall minus reported time, less the time either side waited for a CPU.
double unexplained_gap_ns(const CallObservation& o);
// Contestant CPU time during the round trip minus the reported time; -1 when unknown.
double cpu_gap_ns(const CallObservation& o);

// host: the contestant's two clock reads are the time. device: CUDA events are, and the host
// reads (which include the harness's device synchronisation) only bound them.
enum class TimeSource { host, device };

class PlausibilityCheck {
 public:
  PlausibilityCheck(const Calibration& c, double floor_ns, TimeSource src = TimeSource::host)
      : cal_(c), floor_ns_(floor_ns), src_(src) {}
  // Per call: returns an empty string, or why the reported time is impossible.
  std::string observe(const CallObservation& o);
  // At the end of a shape: noise-aware checks over all its calls.
  std::string finish() const;
  double reported_ns(const CallObservation& o) const { return judge::reported_ns(o); }

  // Thresholds (documented in docs/ARCHITECTURE.md).
  static constexpr double kGapFactor = 10, kGapSlackNs = 200e3;
  // GPU: the gap is launch latency plus one synchronisation, and scheduling noise reaches it only
  // through the harness thread, so it is held much closer to the calibration (median over calls).
  static constexpr double kDeviceGapFactor = 3, kDeviceGapSlackNs = 30e3;
  // GPU settle time (end event to idle device) beyond the empty call's by more than this is work
  // left running on other streams.
  static constexpr double kSettleSlackNs = 3e3, kSettleFactor = 1.0;
  // After a long call the harness thread wakes from its synchronisation later (measured on the
  // H200: a 6.4 ms PyTorch kernel settled 19 µs after its end event, an empty call 8.6 µs), so the
  // allowance grows by this share of the call's own device time; hiding that little gains nothing.
  static constexpr double kSettleDeviceFraction = 0.005;
  static constexpr double kIdleSlackNs = 2e6, kIdlePerCallNs = 50e3, kIdleFraction = 0.05;
  // Idle runtime threads (the CUDA driver's, PyTorch's) tick while the judge prepares a call; for
  // task.yml problems on the GPU that can take a second (the reference makes 1.5 GiB of inputs),
  // so up to this share of one core over the judge's time between calls is not counted as work.
  static constexpr double kIdleWallFraction = 0.01;

 private:
  Calibration cal_;
  double floor_ns_;
  TimeSource src_;
  std::vector<double> gaps_, excess_, settles_, settle_excess_;
  int64_t last_cpu_after_ = -1, last_recv_ = 0;
  double idle_cpu_ns_ = 0, call_cpu_ns_ = 0, idle_wall_ns_ = 0;
};

}  // namespace arbiter::judge
