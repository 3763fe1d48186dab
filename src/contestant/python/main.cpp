// arbiter-python-contestant: the sandboxed side of a Python evaluation. Order matters: the
// sandbox is entered first, then CPython starts, then (on the judge's Load) the submission is
// imported; the only clock reads around a call are in Interpreter::call().
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "contestant/cuda_harness.hpp"
#include "contestant/python/embedded_harness.hpp"
#include "contestant/python/interpreter.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "sandbox/contain.hpp"
#include "sandbox/fds.hpp"
#include "wire/channel.hpp"

namespace {
using namespace arbiter;

struct Args {
  int channel_fd = 3, violation_fd = 4;
  std::vector<std::string> ro, rw;
  long address_space_mb = 0, cpu_seconds = 600;
  bool cuda = false, seccomp_log_only = false;
  bool build = false;  // the compile warm-up (judge/python/warmup.hpp): processes allowed, nothing timed
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    const std::string k = argv[i];
    if (k == "--cuda") { a.cuda = true; continue; }
    if (k == "--seccomp-log-only") { a.seccomp_log_only = true; continue; }
    if (k == "--build") { a.build = true; continue; }
    if (i + 1 >= argc) break;
    const char* v = argv[++i];
    if (k == "--channel") a.channel_fd = std::atoi(v);
    else if (k == "--violation") a.violation_fd = std::atoi(v);
    else if (k == "--ro") a.ro.emplace_back(v);
    else if (k == "--rw") a.rw.emplace_back(v);
    else if (k == "--address-space-mb") a.address_space_mb = std::atol(v);
    else if (k == "--cpu-seconds") a.cpu_seconds = std::atol(v);
  }
  return a;
}

// Around custom_kernel on the CPU: the host clock.
class HostBracket final : public contestant::python::Interpreter::Bracket {
 public:
  explicit HostBracket(wire::Done& d) : d_(d) {}
  void start() override { d_.start_ns = now_ns(); }
  void stop() override { d_.end_ns = now_ns(); }

 private:
  wire::Done& d_;
};

// On the GPU: CUDA events on the legacy default stream (PyTorch's default stream), then the
// whole context synchronised (contestant/cuda_harness.hpp); calibration calls launch an empty kernel.
class DeviceBracket final : public contestant::python::Interpreter::Bracket {
 public:
  DeviceBracket(contestant::CudaHarness& h, wire::Done& d, bool empty) : h_(h), d_(d), empty_(empty) {}
  void start() override {
    h_.begin(d_);
    if (empty_) h_.launch_empty(d_);
  }
  void stop() override { h_.end(d_); }

 private:
  contestant::CudaHarness& h_;
  wire::Done& d_;
  bool empty_;
};

std::string status_json(const sandbox::Status& s, bool cuda, bool build) {
  nlohmann::json j = {{"seccomp", s.seccomp}, {"no_new_privs", s.no_new_privs}, {"landlock_abi", s.landlock_abi},
                      {"landlock_scoped", s.landlock_scoped}, {"rlimits", s.rlimits}, {"namespaces", s.namespaces},
                      {"cgroup", s.cgroup}, {"warnings", s.warnings}, {"profile", std::string(cuda ? "python+cuda" : "python") + (build ? "+build" : "")}};
  return j.dump();
}

// The judge names each data leaf by its path in the nested data object (docs/PYTHON.md):
// tensors "in:<path>" (input buffer) or "out:<path>" (an output slot inside data), scalars
// "i:", "f:" (IEEE bits) or "b:" params.
std::string describe(const wire::SetupCase& s) {
  nlohmann::json d = {{"input_size", s.input_size}, {"output_size", s.output_size}};
  d["memory"] = s.memory == wire::MemoryKind::cuda ? "cuda" : "cpu";
  d["inputs"] = nlohmann::json::array();
  d["outputs"] = nlohmann::json::array();
  d["scalars"] = nlohmann::json::array();
  auto leaf = [](const wire::TensorDesc& t, bool in_output, const std::string& path) {
    return nlohmann::json{{"path", path}, {"dtype", t.dtype}, {"shape", t.shape}, {"offset", t.offset},
                          {"bytes", t.bytes}, {"in_output", in_output}};
  };
  for (auto& t : s.inputs) {
    const bool out = t.name.rfind("out:", 0) == 0;
    d["inputs"].push_back(leaf(t, out, t.name.substr(t.name.find(':') + 1)));
  }
  for (auto& t : s.outputs) d["outputs"].push_back(leaf(t, true, t.name));
  for (auto& p : s.params) {
    const std::string path = p.name.substr(p.name.find(':') + 1);
    nlohmann::json v = p.value;
    if (p.name.rfind("f:", 0) == 0) {
      double x;
      std::memcpy(&x, &p.value, sizeof x);
      v = x;
    } else if (p.name.rfind("b:", 0) == 0) {
      v = p.value != 0;
    }
    d["scalars"].push_back({{"path", path}, {"value", v}});
  }
  return d.dump();
}

void send(wire::Channel& ch, const wire::FromContestant& m) { ch.send(wire::encode(m)); }

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--runtime-paths") == 0) {  // for the judge's mount tree; no sandbox
    contestant::python::Interpreter py;
    std::string err = py.run_module(contestant::python::kRuntimePathsSource, "_arbiter_runtime_paths");
    if (!err.empty()) std::fprintf(stderr, "%s\n", err.c_str());
    return err.empty() ? 0 : 1;
  }
  const Args a = parse(argc, argv);
  wire::Channel ch(a.channel_fd);
  sandbox::Policy policy;
  policy.read_only_paths = a.ro;
  policy.read_write_paths = a.rw;
  policy.keep_fds = {a.channel_fd};
  policy.violation_fd = a.violation_fd;
  policy.address_space_mb = a.address_space_mb;
  policy.cpu_seconds = a.cpu_seconds;
  policy.seccomp_log_only = a.seccomp_log_only;
  policy.profile = a.build ? sandbox::Profile::build : a.cuda ? sandbox::Profile::cuda : sandbox::Profile::python;
  policy.cuda = a.cuda;
  if (a.build) policy.max_open_files = 4096;  // ninja, the linker, Inductor's caches
  sandbox::Status status;
  std::unique_ptr<contestant::CudaHarness> cuda;
  try {
    // As in the native contestant: the driver opens its device nodes and maps its rings before
    // the sandbox closes, and keeps those descriptors; PyTorch's runtime later shares this context.
    if (a.cuda) {
      const std::vector<int> before = sandbox::fds::open_now();
      cuda = std::make_unique<contestant::CudaHarness>();
      for (int fd : sandbox::fds::open_now())
        if (!std::binary_search(before.begin(), before.end(), fd)) policy.keep_fds.push_back(fd);
    }
  } catch (const std::exception& e) {
    send(ch, wire::ErrorMsg{std::string("cuda: ") + e.what()});
    return 2;
  }
  try {
    status = sandbox::enter(policy);
  } catch (const std::exception& e) {
    send(ch, wire::ErrorMsg{std::string("sandbox: ") + e.what()});
    return 2;
  }
  send(ch, wire::Hello{1, static_cast<uint32_t>(::getpid()), status_json(status, cuda != nullptr, a.build)});

  contestant::python::Interpreter py;
  if (std::string err = py.start_harness(contestant::python::kHarnessSource); !err.empty()) {
    send(ch, wire::ErrorMsg{err.substr(0, wire::kMaxString - 1)});
    return 2;
  }
  bool have_case = false, have_kernel = false;
  bool case_on_gpu = false;  // a CPU case on a GPU host is still timed by the host clock
  for (;;) {
    auto r = ch.recv(-1, true);
    if (r.status != wire::Channel::Status::ok) return r.status == wire::Channel::Status::closed ? 0 : 2;
    wire::FromJudge msg;
    try {
      msg = wire::decode_from_judge(r.frame);
    } catch (const wire::DecodeError& e) {
      send(ch, wire::ErrorMsg{std::string("bad judge frame: ") + e.what()});
      return 2;
    }
    if (auto* load = std::get_if<wire::Load>(&msg)) {
      const std::string dir = load->path.substr(0, load->path.rfind('/'));
      std::string err = py.load(load->path, dir);
      have_kernel = err.empty();
      // 2: the submission did not import (or has no custom_kernel): the judge's compile_error.
      send(ch, wire::Loaded{have_kernel ? 0 : 2, err.substr(0, wire::kMaxString - 1)});
    } else if (auto* setup = std::get_if<wire::SetupCase>(&msg)) {
      wire::CaseReady ready;
      std::string err;
      if (setup->memory == wire::MemoryKind::cuda) {
        try {
          if (!cuda) fail("the judge sent GPU buffers to a contestant started without --cuda");
          void *in = nullptr, *out = nullptr;
          // Inputs writable: cuBLAS under PyTorch faults on operands in a read-only mapping
          // (measured on the H200); a rewritten input gains nothing, the oracle checks against
          // its own pristine copy, and every call gets fresh inputs.
          std::vector<int> fds;
          fds.swap(r.fds);  // import closes them
          cuda->import(*setup, fds, &in, &out, false);
          err = py.setup(describe(*setup), static_cast<int64_t>(reinterpret_cast<uintptr_t>(in)),
                         static_cast<int64_t>(reinterpret_cast<uintptr_t>(out)));
        } catch (const std::exception& e) {
          err = e.what();
        }
      } else if (r.fds.size() != 2) {
        err = "expected two buffers with the case";
      } else {
        err = py.setup(describe(*setup), r.fds[0], r.fds[1]);
      }
      if (!err.empty()) ready = {1, err.substr(0, wire::kMaxString - 1)};
      else have_case = true;
      case_on_gpu = err.empty() && setup->memory == wire::MemoryKind::cuda;
      for (int fd : r.fds) ::close(fd);  // Python's mmap keeps its own duplicates
      send(ch, ready);
    } else if (auto* call = std::get_if<wire::Call>(&msg)) {
      const bool empty = call->kind == wire::CallKind::empty;
      if (!have_case || (!empty && !have_kernel)) {
        send(ch, wire::ErrorMsg{"call before a case or a kernel was set up"});
        continue;
      }
      wire::Done done;
      done.iteration = call->iteration;
      std::string err;
      if (case_on_gpu) {
        DeviceBracket b(*cuda, done, empty);
        err = py.call(empty, b);
      } else {
        HostBracket b(done);
        err = py.call(empty, b);
      }
      if (!err.empty() && done.rc == 0) {
        done.rc = 1;
        done.message = err.substr(0, wire::kMaxString - 1);
      }
      send(ch, done);
    } else if (std::holds_alternative<wire::Launch>(msg)) {
      send(ch, wire::ErrorMsg{"the Python contestant runs host-level submissions only (no launch plans)"});
    } else {
      std::fflush(nullptr);
      ::_exit(0);  // shutdown; skip finalisation (submission threads may still run)
    }
  }
}
