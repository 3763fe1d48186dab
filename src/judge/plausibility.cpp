#include "judge/plausibility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "judge/stats.hpp"

namespace arbiter::judge {

Calibration calibrate_from(const std::vector<double>& gaps, const std::vector<double>& cpu_gaps,
                           const std::vector<double>& settles) {
  Calibration c;
  c.samples = gaps.size();
  c.median_gap_ns = percentile(gaps, 0.5);
  c.p99_gap_ns = percentile(gaps, 0.99);
  if (!cpu_gaps.empty()) c.median_cpu_gap_ns = percentile(cpu_gaps, 0.5);
  if (!settles.empty()) c.median_settle_ns = percentile(settles, 0.5);
  return c;
}

double cpu_gap_ns(const CallObservation& o) {
  if (o.cpu_before < 0 || o.cpu_after < 0) return -1;
  return static_cast<double>(o.cpu_after - o.cpu_before) - reported_ns(o);
}

double unexplained_gap_ns(const CallObservation& o) {
  const double gap = static_cast<double>(o.t_recv - o.t_send) - reported_ns(o);
  return std::max(0.0, gap - static_cast<double>(o.sched_delay));
}

namespace {
// ARBITER_DEBUG_GAPS=1 prints every call's gaps: read once per process, not per call.
const bool kDebugGaps = [] {
  const char* v = std::getenv("ARBITER_DEBUG_GAPS");
  return v && *v && *v != '0';
}();
}  // namespace

std::string PlausibilityCheck::observe(const CallObservation& o) {
  const auto& d = o.done;
  if (d.start_ns < o.t_send || d.end_ns > o.t_recv || d.end_ns < d.start_ns)
    return fmt::format("timing: reported stamps [{}, {}] lie outside the judge's own window [{}, {}]", d.start_ns,
                       d.end_ns, o.t_send, o.t_recv);
  if (src_ == TimeSource::host && (d.device_ns != -1 || d.settle_ns != -1))
    return "timing: the contestant sent a device time on the CPU backend (forged reply)";
  if (src_ == TimeSource::device &&
      (d.device_ns < 0 || static_cast<double>(d.device_ns) > static_cast<double>(d.end_ns - d.start_ns)))
    return fmt::format("timing: the reported device time {} ns does not fit inside the harness's own interval of {} "
                       "ns (forged events)", d.device_ns, d.end_ns - d.start_ns);
  const double reported = reported_ns(o);
  if (floor_ns_ > 0 && reported < floor_ns_)
    return fmt::format("timing: {:.0f} ns is below the physical floor of {:.0f} ns for this shape", reported, floor_ns_);
  // Hidden work lengthens the trip in the judge's wall clock AND in the contestant's CPU clock;
  // a loaded machine stretches only the first (waits for memory or a core burn no CPU), an honest
  // multi-threaded kernel raises only the second. A call counts only when both exceed the limit.
  const double wall = unexplained_gap_ns(o), cpu = cpu_gap_ns(o);
  gaps_.push_back(wall);
  if (o.cpu_before >= 0 && o.cpu_after >= 0) {
    if (last_cpu_after_ >= 0) {
      idle_cpu_ns_ += std::max(0.0, static_cast<double>(o.cpu_before - last_cpu_after_ - o.handover_cpu_ns));
      idle_wall_ns_ += std::max(0.0, static_cast<double>(o.t_send - last_recv_));
    }
    last_recv_ = o.t_recv;
    call_cpu_ns_ += static_cast<double>(o.cpu_after - o.cpu_before);
    last_cpu_after_ = o.cpu_after;
  }

  if (src_ == TimeSource::device) {
    // Hidden GPU work (side streams, work left for the synchronisation) shows as wall time the
    // events do not cover; the harness thread's CPU says nothing about the GPU, so no corroboration.
    excess_.push_back(wall - (std::max(kDeviceGapFactor * cal_.median_gap_ns, 2 * cal_.p99_gap_ns) + kDeviceGapSlackNs));
    if (d.settle_ns >= 0 && cal_.median_settle_ns >= 0) {
      settles_.push_back(static_cast<double>(d.settle_ns));
      settle_excess_.push_back(static_cast<double>(d.settle_ns) -
                               (cal_.median_settle_ns + std::max(kSettleSlackNs, kSettleFactor * cal_.median_settle_ns) +
                                kSettleDeviceFraction * static_cast<double>(d.device_ns)));
      if (kDebugGaps)
        fmt::print(stderr, "gap wall {:.0f} device {} settle {} calibrated settle {:.0f} excess {:.0f}\n", wall,
                   d.device_ns, d.settle_ns, cal_.median_settle_ns, settle_excess_.back());
    }
    return {};
  }
  const double wall_limit = std::max(kGapFactor * cal_.median_gap_ns, 2 * cal_.p99_gap_ns) + kGapSlackNs;
  double excess = wall - wall_limit;
  if (cpu >= 0 && cal_.median_cpu_gap_ns >= 0)
    excess = std::min(excess, cpu - (kGapFactor * cal_.median_cpu_gap_ns + kGapSlackNs));
  excess_.push_back(excess);
  if (kDebugGaps)
    fmt::print(stderr, "gap wall {:.0f} cpu {:.0f} reported {:.0f} calibrated {:.0f}/{:.0f} excess {:.0f}\n", wall, cpu,
               reported, cal_.median_gap_ns, cal_.median_cpu_gap_ns, excess);
  return {};
}

std::string PlausibilityCheck::finish() const {
  if (!gaps_.empty()) {
    const double median_gap = percentile(gaps_, 0.5);
    if (percentile(excess_, 0.5) > 0)
      return fmt::format(
          "timing: the judge measured {:.0f} ns more per call than the contestant reported (harness overhead is "
          "{:.0f} ns): work ran outside the timed region or the timer was tampered with",
          median_gap, cal_.median_gap_ns);
  }
  if (!settle_excess_.empty() && percentile(settle_excess_, 0.5) > 0)
    return fmt::format(
        "timing: the GPU stayed busy {:.0f} ns after the call's end event (an empty call: {:.0f} ns): work ran on "
        "another stream outside the timed region",
        percentile(settles_, 0.5), cal_.median_settle_ns);
  const double calls = static_cast<double>(gaps_.size());
  if (idle_cpu_ns_ > kIdleSlackNs + kIdlePerCallNs * calls + kIdleWallFraction * idle_wall_ns_ &&
      idle_cpu_ns_ > kIdleFraction * call_cpu_ns_)
    return fmt::format(
        "background work: the contestant used {:.1f} ms of CPU between calls ({:.1f} ms during them); work must "
        "happen inside the call",
        idle_cpu_ns_ / 1e6, call_cpu_ns_ / 1e6);
  return {};
}

}  // namespace arbiter::judge
