#pragma once
// The judge↔contestant protocol (docs/WIRE.md is the field-by-field spec). Every frame is
//   u32 magic "ARBW" | u16 version | u16 type | u32 payload length | u32 reserved (0) | payload
// little-endian, payload at most kMaxPayload bytes. Everything the judge decodes is hostile.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace arbiter::wire {

inline constexpr uint32_t kMagic = 0x57425241;  // "ARBW"
inline constexpr uint16_t kVersion = 2;
inline constexpr std::size_t kHeaderSize = 16;
inline constexpr uint32_t kMaxPayload = 64 * 1024;
inline constexpr std::size_t kMaxString = 4096;
inline constexpr std::size_t kMaxLaunchPlan = 60 * 1024;  // a Launch frame's plan
inline constexpr uint32_t kMaxItems = 64;

enum class Type : uint16_t {
  // contestant → judge
  hello = 1, loaded = 2, case_ready = 3, done = 4, error = 5,
  // judge → contestant
  load = 101, setup_case = 102, call = 103, shutdown = 104, launch = 105,
};

struct Hello { uint32_t abi = 0; uint32_t pid = 0; std::string sandbox; };  // sandbox: JSON of what got switched on
struct Loaded { int32_t status = 0; std::string message; };
struct CaseReady { int32_t status = 0; std::string message; };
// device_ns: the CUDA events' time of the call (-1 on the CPU backend); settle_ns: GPU time from
// the end event to an event recorded once the whole device was synchronised (work the call left
// on other streams lengthens it). rc kDeviceFault: the device reported an error at that sync.
struct Done {
  uint64_t iteration = 0;
  int32_t rc = 0;
  int64_t start_ns = 0, end_ns = 0, device_ns = -1, settle_ns = -1;
  std::string message;  // why rc is not 0, when the harness knows (a Python error's text)
};
inline constexpr int32_t kDeviceFault = -0x4000'0000;
struct ErrorMsg { std::string message; };

// device: empty for a host-level submission (a shared object exporting arbiter_kernel); else the
// device trust level's spec (JSON {"kernels": [...], "knobs": [...]}) and path is device code the
// driver loads. The Loaded reply's message then holds the knobs the submission set (JSON).
struct Load { std::string path; std::string device; };
struct TensorDesc {
  std::string name;
  int32_t dtype = 0;
  std::vector<int64_t> shape;
  uint64_t offset = 0;  // byte offset inside its shared buffer
  uint64_t bytes = 0;
};
struct Param { std::string name; int64_t value = 0; };
// Where the two buffers passed with a case live: host memfds, or GPU allocations exported as
// POSIX descriptors by the judge (cuMemExportToShareableHandle) or as legacy IPC handles.
enum class MemoryKind : uint32_t { host = 0, cuda = 1 };
struct SetupCase {
  std::vector<Param> params;
  std::vector<TensorDesc> inputs, outputs;
  uint64_t input_size = 0, output_size = 0;  // sizes of the two buffers passed as fds
  MemoryKind memory = MemoryKind::host;
  // cuda only: empty (the allocations come as two descriptors with the frame), or the two legacy
  // IPC handles, input then output, and no descriptors.
  std::string ipc_handles;
};
inline constexpr std::size_t kIpcHandleBytes = 64;
// map_outputs: no kernel runs; the frame carries the next call's output memfd for the harness to
// map, outside the timed round trip of the call itself.
enum class CallKind : uint32_t { empty = 0, kernel = 1, map_outputs = 2 };
struct Call { uint64_t iteration = 0; CallKind kind = CallKind::kernel; };
struct Shutdown {};
// The device trust level: the current case's launches (JSON, judge/launch_plan.hpp), answered by
// CaseReady. Kernel calls of the case then make exactly these launches.
struct Launch { std::string plan; };

using FromContestant = std::variant<Hello, Loaded, CaseReady, Done, ErrorMsg>;
using FromJudge = std::variant<Load, SetupCase, Call, Shutdown, Launch>;

struct Frame {
  Type type{};
  std::string payload;
};

// Encoding (payload only; the channel adds the header).
Frame encode(const FromContestant& m);
Frame encode(const FromJudge& m);

// Strict decoding: throws wire::DecodeError with the reason on any malformed input.
struct DecodeError : std::runtime_error { using std::runtime_error::runtime_error; };
FromContestant decode_from_contestant(const Frame& f);
FromJudge decode_from_judge(const Frame& f);

// Header parsing for a buffer that starts at a frame boundary: returns the payload length,
// or throws DecodeError if the header is invalid. `type` receives the raw type.
uint32_t parse_header(const unsigned char* p, uint16_t& type);
std::string make_header(Type t, uint32_t len);

}  // namespace arbiter::wire
