#include "judge/session.hpp"

#include <signal.h>

#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"

namespace arbiter::judge {
namespace {
// The driver's names for the faults a kernel commonly causes (cuda.h's CUresult values).
const char* cuda_error_hint(int64_t code) {
  switch (code) {
    case 700: return " (CUDA_ERROR_ILLEGAL_ADDRESS)";
    case 701: return " (CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES)";
    case 702: return " (CUDA_ERROR_LAUNCH_TIMEOUT)";
    case 716: return " (CUDA_ERROR_MISALIGNED_ADDRESS)";
    case 719: return " (CUDA_ERROR_LAUNCH_FAILED)";
    default: return "";
  }
}
}  // namespace

void Session::died(const char* what) {
  ContestantEnd end = proc_.finish(2000);
  if (end.violation >= 0) throw Stop(Verdict::rejected, end.describe());
  if (end.cpu_limit_exceeded()) throw Stop(Verdict::timeout, fmt::format("{} while {}", end.describe(), what));
  std::string hint;
  if (!end.exited && (end.signal == SIGSEGV || end.signal == SIGBUS))
    hint = " (inputs are read-only: writing them faults)";
  throw Stop(Verdict::crash, fmt::format("contestant {} while {}{}", end.describe(), what, hint));
}

void Session::send(const wire::Frame& f, const std::vector<int>& fds, const char* what) {
  try {
    proc_.channel().send(f, fds);
  } catch (const wire::DecodeError&) {
    died(what);  // the contestant closed its end: say how it ended
  }
}

wire::FromContestant Session::expect(wire::Type type, int timeout_ms, const char* what) {
  auto r = proc_.channel().recv(timeout_ms, false);
  switch (r.status) {
    case wire::Channel::Status::ok: break;
    case wire::Channel::Status::timeout:
      proc_.kill();
      throw Stop(Verdict::timeout, fmt::format("wall-clock limit: no reply within {:.3g} s while {}", timeout_ms / 1000.0, what));
    case wire::Channel::Status::closed: died(what);
    case wire::Channel::Status::malformed:
      proc_.kill();
      throw Stop(Verdict::rejected, fmt::format("protocol: malformed frame while {}: {}", what, r.error));
  }
  wire::FromContestant m;
  try {
    m = wire::decode_from_contestant(r.frame);
  } catch (const wire::DecodeError& e) {
    proc_.kill();
    throw Stop(Verdict::rejected, fmt::format("protocol: malformed message while {}: {}", what, e.what()));
  }
  if (auto* err = std::get_if<wire::ErrorMsg>(&m)) {
    proc_.kill();
    // Once the submission is loaded it shares the harness's process and can write any frame:
    // an "error" then is its word, not the harness's, and must not turn into a judge error.
    if (loaded_)
      throw Stop(Verdict::rejected, fmt::format("protocol: an error frame after the submission was loaded, while {} "
                                                "(untrusted): {}", what, err->message));
    throw Stop(Verdict::error, fmt::format("contestant harness failed while {}: {}", what, err->message));
  }
  if (r.frame.type != type) {
    proc_.kill();
    throw Stop(Verdict::rejected, fmt::format("protocol: unexpected message type {} while {}",
                                              static_cast<unsigned>(r.frame.type), what));
  }
  return m;
}

nlohmann::json Session::hello(int timeout_ms) {
  auto m = expect(wire::Type::hello, timeout_ms, "starting the sandbox");
  const auto& h = std::get<wire::Hello>(m);
  auto j = nlohmann::json::parse(h.sandbox, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::json::object();
  proc_.box().merge_into(j);  // namespaces, mounts and cgroup are the judge's doing, not the contestant's word
  return j;
}

void Session::setup(const JudgeCase& c, int timeout_ms) {
  setup(c.describe(), c.input_fd(), c.output_fd(), timeout_ms);  // CPU: -1, outputs come per call
}

void Session::setup(const wire::SetupCase& desc, int input_fd, int output_fd, int timeout_ms) {
  std::vector<int> fds;  // none where GPU buffers go by legacy IPC handle (in the frame)
  for (int fd : {input_fd, output_fd})
    if (fd >= 0) fds.push_back(fd);
  send(wire::encode(wire::FromJudge{desc}), fds, "sending a case");
  auto m = expect(wire::Type::case_ready, timeout_ms, "mapping the case's buffers");
  const auto& r = std::get<wire::CaseReady>(m);
  if (r.status != 0) throw Stop(Verdict::error, "contestant could not set up the case: " + r.message);
}

std::string Session::load(const std::string& so_path, int timeout_ms, const std::string& device) {
  send(wire::encode(wire::FromJudge{wire::Load{so_path, device}}), {}, "loading the submission");
  loaded_ = true;  // from here on, submission code (its constructors) runs in the contestant
  auto m = expect(wire::Type::loaded, timeout_ms, "loading the submission");
  const auto& r = std::get<wire::Loaded>(m);
  // 2: the submission never became callable (a Python syntax error or import failure). Device code
  // the driver refuses, or that lacks a kernel, is a build problem of the submission.
  if (r.status != 0)
    throw Stop(r.status == 2 || !device.empty() ? Verdict::compile_error : Verdict::crash, r.message);
  return r.message;
}

void Session::launch(const std::string& plan, int timeout_ms) {
  send(wire::encode(wire::FromJudge{wire::Launch{plan}}), {}, "sending the launch plan");
  auto m = expect(wire::Type::case_ready, timeout_ms, "setting up the case's launches");
  const auto& r = std::get<wire::CaseReady>(m);
  if (r.status != 0) throw Stop(Verdict::crash, "the harness could not set up the case's launches: " + r.message);
}

void Session::check_alive(const char* what) {
  if (!proc_.alive()) died(what);
}

int64_t Session::hand_outputs(uint64_t iteration, int output_fd, int timeout_ms) {
  const int64_t cpu0 = proc_.cpu_ns(), t0 = now_ns();
  send(wire::encode(wire::FromJudge{wire::Call{iteration, wire::CallKind::map_outputs}}), {output_fd},
       "handing over a call's outputs");
  auto m = expect(wire::Type::done, timeout_ms, "mapping a call's outputs");
  const auto& d = std::get<wire::Done>(m);
  if (d.iteration != iteration || d.rc != 0) {
    proc_.kill();
    throw Stop(loaded_ ? Verdict::rejected : Verdict::error,
               fmt::format("protocol: bad reply to the outputs of call {} (call {}, rc {})", iteration, d.iteration, d.rc));
  }
  const int64_t cpu1 = proc_.cpu_ns(), t1 = now_ns();
  return cpu0 < 0 || cpu1 < cpu0 ? 0 : std::min(cpu1 - cpu0, t1 - t0);
}

CallObservation Session::call(uint64_t iteration, wire::CallKind kind, int timeout_ms) {
  if (proc_.channel().pending(0)) {
    proc_.kill();
    throw Stop(Verdict::rejected, "protocol: the contestant sent a frame out of turn (forged or early reply)");
  }
  CallObservation o;
  o.cpu_before = proc_.cpu_ns();
  const int64_t delay0 = proc_.run_delay_ns(), own0 = own_run_delay_ns();
  o.t_send = now_ns();
  send(wire::encode(wire::FromJudge{wire::Call{iteration, kind}}), {}, "starting a call");
  auto m = expect(wire::Type::done, timeout_ms, fmt::format("running call {}", iteration).c_str());
  o.t_recv = now_ns();
  const int64_t delay1 = proc_.run_delay_ns(), own1 = own_run_delay_ns();
  o.cpu_after = proc_.cpu_ns();
  if (delay0 >= 0 && delay1 >= delay0) o.sched_delay += delay1 - delay0;
  if (own0 >= 0 && own1 >= own0) o.sched_delay += own1 - own0;
  o.done = std::get<wire::Done>(m);
  if (o.done.iteration != iteration) {
    proc_.kill();
    throw Stop(Verdict::rejected, fmt::format("protocol: reply for call {} while call {} was running (replayed or "
                                              "forged frame)", o.done.iteration, iteration));
  }
  if (o.done.rc == wire::kDeviceFault)
    throw Stop(Verdict::crash, fmt::format("the GPU reported CUDA error {}{} after the kernel (a fault in device code)",
                                           o.done.device_ns, cuda_error_hint(o.done.device_ns)));
  if (o.done.rc != 0)
    throw Stop(Verdict::crash, o.done.message.empty()
                                   ? fmt::format("the kernel returned error code {}", o.done.rc)
                                   : fmt::format("the kernel returned error code {}: {}", o.done.rc, o.done.message));
  return o;
}

ContestantEnd Session::shutdown() {
  try {
    proc_.channel().send(wire::encode(wire::FromJudge{wire::Shutdown{}}));
  } catch (const std::exception&) {
  }
  return proc_.finish(1000);
}

}  // namespace arbiter::judge
