#pragma once
// Work outside the timed region (lazy outputs, deferred copies) makes every call's round trip
// longer than its reported time, in the judge's wall clock AND in the contestant's CPU clock.
// A loaded machine stretches only the wall clock (the contestant waits for a core); an honest
// multi-threaded kernel raises only the CPU clock (more CPU than wall inside the call). So a
// call counts as hiding work only when both exceed the calibrated harness overhead, and the
// shape is rejected when the lower quartile of its calls does (a few odd calls are noise).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "judge/plausibility.hpp"
#include "judge/stats.hpp"

namespace arbiter::judge::python {

struct GapCalibration {
  double wall_ns = 0, cpu_ns = 0;  // medians over empty calls
  bool have_cpu = false;
};

// Judge wall minus reported time, less the time either side was waiting for a CPU (schedstat).
inline double wall_gap(const CallObservation& o) { return unexplained_gap_ns(o); }
inline double cpu_gap(const CallObservation& o) {
  if (o.cpu_before < 0 || o.cpu_after < 0) return -1;
  return static_cast<double>(o.cpu_after - o.cpu_before) - static_cast<double>(o.done.end_ns - o.done.start_ns);
}

class GapCheck {
 public:
  explicit GapCheck(const GapCalibration& c) : cal_(c) {}
  void observe(const CallObservation& o) {
    const double w = wall_gap(o), c = cpu_gap(o);
    excess_.push_back(std::min(w - limit(cal_.wall_ns), cal_.have_cpu && c >= 0 ? c - limit(cal_.cpu_ns) : w));
    wall_.push_back(w);
    if (std::getenv("ARBITER_DEBUG_GAPS")) fmt::print(stderr, "gap wall {:.0f} cpu {:.0f} reported {} cal {:.0f}/{:.0f}\n", w, c, o.done.end_ns - o.done.start_ns, cal_.wall_ns, cal_.cpu_ns);
  }
  std::string finish() const {
    if (excess_.empty() || percentile(excess_, 0.25) <= 0) return {};
    return fmt::format("timing: the judge measured {:.0f} ns more per call than the contestant reported (harness "
                       "overhead is {:.0f} ns), in wall time and in the contestant's CPU time: work ran outside the "
                       "timed region or the timer was tampered with",
                       percentile(wall_, 0.25), cal_.wall_ns);
  }

 private:
  static double limit(double calibrated) {
    return PlausibilityCheck::kGapFactor * calibrated + PlausibilityCheck::kGapSlackNs;
  }
  GapCalibration cal_;
  std::vector<double> excess_, wall_;
};

// The shared PlausibilityCheck still checks every call's window and the CPU burnt between
// calls; its wall-only median-gap rule is replaced by GapCheck (an unbounded calibration).
inline Calibration without_gap_rule() {
  Calibration c;
  c.median_gap_ns = c.p99_gap_ns = 1e18;
  return c;
}

}  // namespace arbiter::judge::python
