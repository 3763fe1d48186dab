#include "judge/python/py_case.hpp"

#include <atomic>
#include <cstdio>
#include <cstring>
#include <random>

#include "core/dtype.hpp"
#include "core/error.hpp"

namespace arbiter::judge::python {
namespace {

// torch.promote_types(from, to) == to within one kind (floating or integer): every value of
// `from` is exactly a value of `to`.
bool widens_exactly(int from, int to) {
  using D = DType;
  const auto f = static_cast<D>(from), t = static_cast<D>(to);
  if (from == to) return false;  // not narrower: the harness never marks it
  switch (t) {
    case D::f64: return f == D::f32 || f == D::f16 || f == D::bf16;
    case D::f32: return f == D::f16 || f == D::bf16;
    case D::i64: return f == D::i32 || f == D::u8;
    case D::i32: return f == D::u8;
    default: return false;
  }
}

}  // namespace

// The oracle maps both allocations into its own CUDA context; from then on inputs, poison, the
// snapshot and the check stay on the device. Where it cannot (an old driver, no libcuda for its
// Python), every byte goes through host memory as before: slower, the same verdicts.
void PyCase::attach() {
  if (dev_->input_fd() < 0) return;  // legacy IPC handles: the oracle's Python opens no such handle
  try {
    oracle_.request({{"op", "attach"}, {"input_size", dev_->input_size()}, {"output_size", dev_->output_size()},
                     {"header", kHeaderBytes}, {"out_size", out_size_}},
                    0, {dev_->input_fd(), dev_->output_fd()});
    direct_ = true;
  } catch (const std::exception& e) {
    static std::atomic<bool> said{false};  // the same-run baseline's case may get here at once
    if (!said.exchange(true)) std::fprintf(stderr, "note: the oracle cannot map the judge's GPU allocations; tensors go through "
                                    "host memory (slower): %s\n", e.what());
  }
}

void PyCase::generate(int64_t seed) {
  const bool first = layout_.is_null();
  nlohmann::json req = {{"op", "generate"}, {"case", nlohmann::json::parse(case_.json())}, {"seed", seed}};
  if (first) {
    req["layout"] = true;
    req["defer_cuda"] = true;  // GPU inputs: asked for again once the case's memory is mapped
  }
  if (direct_) req["direct"] = true;
  OracleReply r = oracle_.request(req);
  if (direct_) {
    if (r.head["inputs"] != layout_["inputs"])
      fail("generate_input returned differently shaped data for another seed of case '{}'", case_.spec());
    return;
  }
  if (first) {
    layout_ = r.head;
    std::size_t out_size = 0;
    for (auto& o : layout_["outputs"]) out_size = o["offset"].get<std::size_t>() + (o["bytes"].get<std::size_t>() + 63) / 64 * 64;
    out_size_ = kHeaderBytes + out_size;
    const std::size_t in_size = layout_["input_size"].get<std::size_t>();
    if (layout_.value("device", std::string("cpu")) == "cuda") {
      if (!gpu_)
        fail("the reference of case '{}' keeps its tensors on a CUDA device, and this run has no GPU (none on this host, "
             "or none of the problem's files names CUDA)", case_.spec());
      dev_ = gpu_->case_memory(std::max<std::size_t>(in_size, 1), out_size_);
      attach();
      if (!direct_) staging_.assign(out_size_, 0);
    } else {
      in_ = backend::cpu::SharedBuffer("arbiter-py-inputs", in_size, true);
      out_ = backend::cpu::SharedBuffer("arbiter-py-outputs", out_size_, false);
    }
    snapshot_.assign(direct_ ? kHeaderBytes : out_size_, 0);  // direct: the oracle holds the outputs
    if (dev_ && r.head.value("deferred", false)) {
      generate(seed);  // now into the mapped allocation (or through host memory where unmapped)
      return;
    }
  } else if (r.head["inputs"] != layout_["inputs"]) {
    fail("generate_input returned differently shaped data for another seed of case '{}'", case_.spec());
  }
  const std::size_t expected = layout_["input_size"].get<std::size_t>();
  if (r.shared_bytes != expected) fail("oracle sent {} input bytes, expected {}", r.shared_bytes, expected);
  if (!expected) return;
  if (dev_) dev_->write_inputs(r.shared, expected);
  else std::memcpy(in_.data(), r.shared, expected);
}

unsigned char* PyCase::out_host() { return dev_ ? staging_.data() : out_.data(); }

void PyCase::flush_caches(backend::cpu::CacheFlusher& cpu) {
  if (dev_) dev_->flush_caches();
  else cpu.flush();
}

std::size_t PyCase::moved_bytes() const {
  std::size_t n = 0;
  for (auto& l : layout_["inputs"])
    if (!layout_["slots"].contains(l["path"].get<std::string>())) n += l["bytes"].get<std::size_t>();
  for (auto& l : layout_["outputs"]) n += l["bytes"].get<std::size_t>();
  return n;
}

wire::SetupCase PyCase::describe() const {
  wire::SetupCase s;
  const auto& slots = layout_["slots"];
  for (auto& l : layout_["inputs"]) {
    const std::string path = l["path"];
    wire::TensorDesc t{"in:" + path, l["dtype"].get<int32_t>(), l["shape"].get<std::vector<int64_t>>(),
                       l["offset"].get<uint64_t>(), l["bytes"].get<uint64_t>()};
    if (slots.contains(path)) {  // an output buffer inside data: the contestant may write it
      t.name = "out:" + path;
      t.offset = kHeaderBytes + slots[path].get<uint64_t>();
    }
    s.inputs.push_back(t);
  }
  for (auto& l : layout_["outputs"])
    s.outputs.push_back({l["path"].get<std::string>(), l["dtype"].get<int32_t>(),
                         l["shape"].get<std::vector<int64_t>>(), kHeaderBytes + l["offset"].get<uint64_t>(),
                         l["bytes"].get<uint64_t>()});
  for (auto& sc : layout_["scalars"]) {
    const std::string path = sc["path"];
    const auto& v = sc["value"];
    if (v.is_boolean()) s.params.push_back({"b:" + path, v.get<bool>() ? 1 : 0});
    else if (v.is_number_integer()) s.params.push_back({"i:" + path, v.get<int64_t>()});
    else if (v.is_number_float()) {
      const double d = v.get<double>();
      int64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      s.params.push_back({"f:" + path, bits});
    } else {
      s.params.push_back({"n:" + path, 0});
    }
  }
  if (dev_) {  // the allocations as exported (rounded up to the device's granularity)
    s.memory = wire::MemoryKind::cuda;
    s.ipc_handles = dev_->peer_handles();
    s.input_size = dev_->input_size();
    s.output_size = dev_->output_size();
  } else {
    s.input_size = in_.size();
    s.output_size = out_.size();
  }
  return s;
}

void PyCase::poison(uint64_t iteration, uint64_t poison_seed) {
  if (direct_) {
    oracle_.request({{"op", "poison"}, {"iteration", iteration}, {"seed", poison_seed ^ (iteration * 0x9E3779B97F4A7C15ULL)}});
    return;
  }
  unsigned char* p = out_host();
  std::memset(p, 0xff, kHeaderBytes);  // an untouched header reads as an unknown status
  if (iteration % 2 == 0) {
    std::memset(p + kHeaderBytes, 0xff, output_bytes());  // NaN in every float dtype
  } else {
    std::mt19937_64 rng(poison_seed ^ (iteration * 0x9E3779B97F4A7C15ULL));
    for (std::size_t i = kHeaderBytes; i < out_size_; i += 8) {
      const uint64_t v = rng();
      std::memcpy(p + i, &v, std::min<std::size_t>(8, out_size_ - i));
    }
  }
  if (dev_) dev_->write_outputs(p, out_size_);
}

void PyCase::snapshot() {
  if (direct_) {  // the oracle keeps the copy on the device; the header comes back for status()
    OracleReply r = oracle_.request({{"op", "snapshot"}});
    if (r.shared_bytes != kHeaderBytes) fail("the oracle's snapshot sent {} header bytes", r.shared_bytes);
    std::memcpy(snapshot_.data(), r.shared, kHeaderBytes);
    return;
  }
  if (dev_) dev_->read_outputs(snapshot_.data(), snapshot_.size());
  else std::memcpy(snapshot_.data(), out_.data(), snapshot_.size());
}

bool PyCase::outputs_changed_since_snapshot() {
  if (direct_) return oracle_.request({{"op", "changed"}}).head.value("changed", true);
  const unsigned char* live = out_.data();
  if (dev_) {  // read the allocation again in the judge's context
    reread_.resize(out_size_);
    dev_->read_outputs(reread_.data(), reread_.size());
    live = reread_.data();
  }
  return std::memcmp(snapshot_.data() + kHeaderBytes, live + kHeaderBytes, output_bytes()) != 0;
}

CallStatus PyCase::status(std::string& message) const {
  uint32_t st, len;
  std::memcpy(&st, snapshot_.data(), 4);
  std::memcpy(&len, snapshot_.data() + 4, 4);
  message.assign(reinterpret_cast<const char*>(snapshot_.data()) + 8, std::min<std::size_t>(len, kHeaderBytes - 8));
  if (st > 3) {
    message = "the harness wrote no status for this call: the contestant's harness was tampered with";
    return CallStatus::not_a_tensor;
  }
  if (st == 0 && narrow().is_discarded()) {
    message = "the harness wrote an impossible output dtype for this call: the contestant's harness was tampered with";
    return CallStatus::not_a_tensor;
  }
  return static_cast<CallStatus>(st);
}

// From the header: {"output index": dtype code} of results left in a narrower dtype that widens
// exactly to the reference's (what harness.py's _widens_exactly allows); discarded if any is not.
nlohmann::json PyCase::narrow() const {
  nlohmann::json out = nlohmann::json::object();
  const auto it = layout_.find("outputs");
  const std::size_t n = it != layout_.end() && it->is_array() ? it->size() : 0;
  const unsigned char* codes = snapshot_.data() + kHeaderBytes - kNarrowBytes;
  for (std::size_t i = 0; i < kNarrowBytes; ++i) {
    if (!codes[i]) continue;
    if (i >= n || !widens_exactly(codes[i], (*it)[i].value("dtype", 0)))
      return nlohmann::json(nlohmann::json::value_t::discarded);
    out[std::to_string(i)] = codes[i];
  }
  return out;
}

bool PyCase::check(std::string& message) {
  nlohmann::json req = {{"op", "check"}};
  if (nlohmann::json n = narrow(); !n.empty()) req["narrow"] = std::move(n);
  if (!outputs_sent_) {
    req["outputs"] = layout_["outputs"];
    outputs_sent_ = true;
  }
  OracleReply r;
  if (direct_) {
    req["direct"] = true;
    r = oracle_.request(req);
  } else {
    if (output_bytes()) std::memcpy(oracle_.exchange(output_bytes()), snapshot_.data() + kHeaderBytes, output_bytes());
    r = oracle_.request(req, output_bytes());
  }
  message = r.head.value("message", std::string());
  return r.head.value("pass", false);
}

}  // namespace arbiter::judge::python
