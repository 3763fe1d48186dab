// Byte-level encoding of messages. The Reader never reads past the payload and bounds every
// count and string, so a hostile contestant cannot make the judge allocate or loop unboundedly.
#include <cstring>

#include "core/dtype.hpp"
#include "wire/messages.hpp"

namespace arbiter::wire {
namespace {

class Writer {
 public:
  template <typename T>
  void put(T v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    out_ += s;
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& s) : s_(s) {}
  template <typename T>
  T get() {
    if (s_.size() - i_ < sizeof(T)) throw DecodeError("payload ends early");
    T v;
    std::memcpy(&v, s_.data() + i_, sizeof v);
    i_ += sizeof v;
    return v;
  }
  std::string str(std::size_t max = kMaxString) {
    uint32_t n = get<uint32_t>();
    if (n > max) throw DecodeError("string longer than " + std::to_string(max) + " bytes");
    if (s_.size() - i_ < n) throw DecodeError("string runs past the payload");
    std::string v = s_.substr(i_, n);
    i_ += n;
    return v;
  }
  uint32_t count() {
    uint32_t n = get<uint32_t>();
    if (n > kMaxItems) throw DecodeError("list of " + std::to_string(n) + " items exceeds " + std::to_string(kMaxItems));
    return n;
  }
  void end() {
    if (i_ != s_.size()) throw DecodeError(std::to_string(s_.size() - i_) + " trailing bytes");
  }

 private:
  const std::string& s_;
  std::size_t i_ = 0;
};

void put_tensor(Writer& w, const TensorDesc& t) {
  w.str(t.name);
  w.put(t.dtype);
  w.put<uint32_t>(static_cast<uint32_t>(t.shape.size()));
  for (auto d : t.shape) w.put(d);
  w.put(t.offset);
  w.put(t.bytes);
}

TensorDesc get_tensor(Reader& r) {
  TensorDesc t;
  t.name = r.str();
  t.dtype = r.get<int32_t>();
  if (!dtype_valid(t.dtype)) throw DecodeError("unknown dtype " + std::to_string(t.dtype));
  uint32_t nd = r.get<uint32_t>();
  if (nd > 8) throw DecodeError("tensor with more than 8 dimensions");
  for (uint32_t i = 0; i < nd; ++i) {
    t.shape.push_back(r.get<int64_t>());
    if (t.shape.back() < 0) throw DecodeError("negative dimension");
  }
  t.offset = r.get<uint64_t>();
  t.bytes = r.get<uint64_t>();
  return t;
}

}  // namespace

Frame encode(const FromContestant& m) {
  Writer w;
  Type type = std::visit(
      [&](auto&& v) -> Type {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Hello>) { w.put(v.abi); w.put(v.pid); w.str(v.sandbox); return Type::hello; }
        if constexpr (std::is_same_v<T, Loaded>) { w.put(v.status); w.str(v.message); return Type::loaded; }
        if constexpr (std::is_same_v<T, CaseReady>) { w.put(v.status); w.str(v.message); return Type::case_ready; }
        if constexpr (std::is_same_v<T, Done>) {
          w.put(v.iteration); w.put(v.rc); w.put(v.start_ns); w.put(v.end_ns); w.put(v.device_ns); w.put(v.settle_ns);
          w.str(v.message);
          return Type::done;
        }
        if constexpr (std::is_same_v<T, ErrorMsg>) { w.str(v.message); return Type::error; }
      },
      m);
  return {type, w.take()};
}

Frame encode(const FromJudge& m) {
  Writer w;
  Type type = std::visit(
      [&](auto&& v) -> Type {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Load>) { w.str(v.path); w.str(v.device); return Type::load; }
        if constexpr (std::is_same_v<T, SetupCase>) {
          w.put<uint32_t>(static_cast<uint32_t>(v.params.size()));
          for (auto& p : v.params) { w.str(p.name); w.put(p.value); }
          w.put<uint32_t>(static_cast<uint32_t>(v.inputs.size()));
          for (auto& t : v.inputs) put_tensor(w, t);
          w.put<uint32_t>(static_cast<uint32_t>(v.outputs.size()));
          for (auto& t : v.outputs) put_tensor(w, t);
          w.put(v.input_size);
          w.put(v.output_size);
          w.put(static_cast<uint32_t>(v.memory));
          w.str(v.ipc_handles);
          return Type::setup_case;
        }
        if constexpr (std::is_same_v<T, Call>) { w.put(v.iteration); w.put(static_cast<uint32_t>(v.kind)); return Type::call; }
        if constexpr (std::is_same_v<T, Shutdown>) return Type::shutdown;
        if constexpr (std::is_same_v<T, Launch>) { w.str(v.plan); return Type::launch; }
      },
      m);
  return {type, w.take()};
}

FromContestant decode_from_contestant(const Frame& f) {
  Reader r(f.payload);
  FromContestant out;
  switch (f.type) {
    case Type::hello: { Hello h; h.abi = r.get<uint32_t>(); h.pid = r.get<uint32_t>(); h.sandbox = r.str(); out = h; break; }
    case Type::loaded: { Loaded l; l.status = r.get<int32_t>(); l.message = r.str(); out = l; break; }
    case Type::case_ready: { CaseReady c; c.status = r.get<int32_t>(); c.message = r.str(); out = c; break; }
    case Type::done: {
      Done d;
      d.iteration = r.get<uint64_t>();
      d.rc = r.get<int32_t>();
      d.start_ns = r.get<int64_t>();
      d.end_ns = r.get<int64_t>();
      d.device_ns = r.get<int64_t>();
      d.settle_ns = r.get<int64_t>();
      d.message = r.str();
      out = d;
      break;
    }
    case Type::error: { ErrorMsg e; e.message = r.str(); out = e; break; }
    default: throw DecodeError("message type " + std::to_string(static_cast<unsigned>(f.type)) +
                               " is not one a contestant may send");
  }
  r.end();
  return out;
}

FromJudge decode_from_judge(const Frame& f) {
  Reader r(f.payload);
  FromJudge out;
  switch (f.type) {
    case Type::load: {
      Load l;
      l.path = r.str();
      l.device = r.str();
      out = l;
      break;
    }
    case Type::launch: { Launch l; l.plan = r.str(kMaxLaunchPlan); out = l; break; }
    case Type::setup_case: {
      SetupCase s;
      for (uint32_t i = 0, n = r.count(); i < n; ++i) {
        Param p;
        p.name = r.str();
        p.value = r.get<int64_t>();
        s.params.push_back(p);
      }
      for (uint32_t i = 0, n = r.count(); i < n; ++i) s.inputs.push_back(get_tensor(r));
      for (uint32_t i = 0, n = r.count(); i < n; ++i) s.outputs.push_back(get_tensor(r));
      s.input_size = r.get<uint64_t>();
      s.output_size = r.get<uint64_t>();
      const uint32_t mem = r.get<uint32_t>();
      if (mem > 1) throw DecodeError("unknown memory kind");
      s.memory = static_cast<MemoryKind>(mem);
      s.ipc_handles = r.str(2 * kIpcHandleBytes);
      if (!s.ipc_handles.empty() && (s.memory != MemoryKind::cuda || s.ipc_handles.size() != 2 * kIpcHandleBytes))
        throw DecodeError("IPC handles must be two of 64 bytes, with GPU memory");
      out = s;
      break;
    }
    case Type::call: {
      Call c;
      c.iteration = r.get<uint64_t>();
      uint32_t k = r.get<uint32_t>();
      if (k > 2) throw DecodeError("unknown call kind");
      c.kind = static_cast<CallKind>(k);
      out = c;
      break;
    }
    case Type::shutdown: out = Shutdown{}; break;
    default: throw DecodeError("message type " + std::to_string(static_cast<unsigned>(f.type)) + " is not a judge message");
  }
  r.end();
  return out;
}

uint32_t parse_header(const unsigned char* p, uint16_t& type) {
  uint32_t magic, len, reserved;
  uint16_t version;
  std::memcpy(&magic, p, 4);
  std::memcpy(&version, p + 4, 2);
  std::memcpy(&type, p + 6, 2);
  std::memcpy(&len, p + 8, 4);
  std::memcpy(&reserved, p + 12, 4);
  if (magic != kMagic) throw DecodeError("bad frame magic");
  if (version != kVersion) throw DecodeError("protocol version " + std::to_string(version) + ", expected " +
                                             std::to_string(kVersion));
  if (reserved != 0) throw DecodeError("reserved header field is not zero");
  if (len > kMaxPayload) throw DecodeError("frame of " + std::to_string(len) + " bytes exceeds the limit");
  return len;
}

std::string make_header(Type t, uint32_t len) {
  std::string h(kHeaderSize, '\0');
  uint32_t magic = kMagic, reserved = 0;
  uint16_t version = kVersion, type = static_cast<uint16_t>(t);
  std::memcpy(h.data(), &magic, 4);
  std::memcpy(h.data() + 4, &version, 2);
  std::memcpy(h.data() + 6, &type, 2);
  std::memcpy(h.data() + 8, &len, 4);
  std::memcpy(h.data() + 12, &reserved, 4);
  return h;
}

}  // namespace arbiter::wire
