#include "judge/judge_case.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "core/error.hpp"
#include "judge/generate.hpp"

namespace arbiter::judge {
namespace {
// guard: bytes left free before and after every tensor (outputs: canaries against writes out of
// bounds). Tensors stay 64-byte aligned.
std::size_t lay_out(const std::vector<problem::TensorSpec>& specs, const problem::Params& params,
                    std::vector<Layout>& out, std::size_t guard) {
  std::size_t off = guard;
  for (auto& s : specs) {
    Layout l;
    l.name = s.name;
    l.dtype = s.dtype;
    l.shape = s.eval_shape(params);
    l.bytes = s.bytes(params);
    l.count = l.bytes / dtype_size(s.dtype);
    l.offset = off;
    off += (l.bytes + 63) / 64 * 64 + guard;  // cache-line aligned tensors
    out.push_back(l);
  }
  return off;
}
}  // namespace

JudgeCase::JudgeCase(const problem::Problem& p, const problem::Case& c, const MemoryFactory& memory,
                     const std::vector<std::pair<std::string, std::size_t>>& scratch)
    : p_(p), case_(c) {
  const std::size_t in_size = lay_out(p.inputs, c.params, in_, 0);
  out_bytes_ = lay_out(p.outputs, c.params, out_, kGuardBytes);
  for (const auto& [name, bytes] : scratch) {
    scratch_.push_back({name, DType::u8, {static_cast<int64_t>(bytes)}, out_bytes_, bytes, bytes});
    out_bytes_ += (bytes + 63) / 64 * 64 + kGuardBytes;
  }
  mem_ = memory(in_size, out_bytes_);
  per_call_ = mem_->outputs_per_call();
  pristine_.assign(in_size, 0);
  expected_.assign(out_bytes_, 0);
  snapshot_.assign(out_bytes_, 0);
  poison_.assign(out_bytes_, 0);
  recheck_.assign(out_bytes_, 0);
  build_reference_args();
}

void JudgeCase::build_reference_args() {
  param_names_.clear();
  for (auto& [k, v] : case_.params) param_names_.push_back(k);
  params_.clear();
  std::size_t i = 0;
  for (auto& [k, v] : case_.params) params_.push_back({param_names_[i++].c_str(), v});
  auto make = [](std::vector<Layout>& ls, unsigned char* base, std::vector<arbiter_tensor>& ts) {
    ts.clear();
    for (auto& l : ls) {
      arbiter_tensor t{};
      t.data = base + l.offset;
      t.dtype = static_cast<int32_t>(l.dtype);
      t.ndim = static_cast<int32_t>(l.shape.size());
      for (std::size_t d = 0; d < l.shape.size(); ++d) t.shape[d] = l.shape[d];
      t.name = l.name.c_str();
      ts.push_back(t);
    }
  };
  make(in_, pristine_.data(), ref_in_);
  make(out_, expected_.data(), ref_out_);
}

wire::SetupCase JudgeCase::describe() const {
  wire::SetupCase s;
  for (auto& [k, v] : case_.params) s.params.push_back({k, v});
  auto add = [](const std::vector<Layout>& ls, std::vector<wire::TensorDesc>& out) {
    for (auto& l : ls) out.push_back({l.name, static_cast<int32_t>(l.dtype), l.shape, l.offset, l.bytes});
  };
  add(in_, s.inputs);
  add(out_, s.outputs);
  add(scratch_, s.outputs);  // after the outputs: the launch plan's ("out", n_outputs + i)
  s.input_size = mem_->input_size();
  s.output_size = per_call_ ? out_bytes_ : mem_->output_size();  // per call: the memfd's exact size
  s.memory = std::string(mem_->kind()) == "cuda" ? wire::MemoryKind::cuda : wire::MemoryKind::host;
  s.ipc_handles = mem_->peer_handles();
  return s;
}

void JudgeCase::generate(const Reference& ref, uint64_t run_seed, uint64_t iteration) {
  for (std::size_t i = 0; i < in_.size(); ++i) {
    const auto& spec = p_.inputs[i];
    fill(pristine_.data() + in_[i].offset, in_[i].dtype, in_[i].count, case_.distribution, spec.lo, spec.hi,
         iteration_seed(run_seed, case_.seed, iteration, i));
  }
  if (ref.has_generator()) {
    arbiter_args a{ref_in_.data(), ref_in_.size(), ref_out_.data(), ref_out_.size(), params_.data(), params_.size()};
    if (ref.generate(&a, iteration_seed(run_seed, case_.seed, iteration, 1000)) != 0)
      fail("the problem's arbiter_generate failed for case '{}'", case_.name);
  }
  mem_->write_inputs(pristine_.data(), pristine_.size());
}

JudgeCase::~JudgeCase() {
  if (call_fd_ >= 0) ::close(call_fd_);
}

void JudgeCase::poison(uint64_t iteration, uint64_t poison_seed) {
  build_poison(iteration, poison_seed);
  mem_->write_outputs(poison_.data(), poison_.size());
}

int JudgeCase::fresh_outputs(uint64_t iteration, uint64_t poison_seed) {
  build_poison(iteration, poison_seed);
  if (call_fd_ >= 0) ::close(call_fd_);
  sealed_ = false;
  call_fd_ = ::memfd_create("arbiter-outputs", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (call_fd_ < 0) fail("{}", errno_text("memfd_create outputs"));
  const std::size_t len = poison_.size();
  if (::ftruncate(call_fd_, static_cast<off_t>(len)) != 0) fail("{}", errno_text("ftruncate outputs"));
  void* p = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, call_fd_, 0);
  if (p == MAP_FAILED) fail("{}", errno_text("mmap outputs"));
  std::memcpy(p, poison_.data(), len);
  mem_->evict(p, len);
  ::munmap(p, len);  // the judge keeps no writable mapping: the seal at the reply needs none
  return call_fd_;
}

bool JudgeCase::seal_outputs(int patience_ms) {
  if (call_fd_ < 0) return false;
  for (int waited_ms = 0, step_ms = 5;; waited_ms += step_ms, step_ms = std::min(2 * step_ms, 200)) {
    if (::fcntl(call_fd_, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) == 0) break;
    if (errno != EBUSY) fail("{}", errno_text("sealing the call's outputs"));
    if (waited_ms >= patience_ms) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(step_ms));
  }
  sealed_ = true;
  return true;
}

void JudgeCase::build_poison(uint64_t iteration, uint64_t poison_seed) {
  if (iteration % 2 == 0) {
    std::memset(poison_.data(), 0xff, poison_.size());  // NaN in every float dtype
  } else {
    fill_bytes(poison_.data(), poison_.size(), iteration_seed(poison_seed, case_.seed, iteration, 7));
  }
  // The guards hold one pattern for the whole case, secret like the poison.
  std::size_t from = 0;
  auto canary = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i) poison_[i] = static_cast<unsigned char>((poison_seed >> ((i % 8) * 8)) ^ i);
  };
  for (const auto* list : {&out_, &scratch_})
    for (auto& l : *list) {
      canary(from, l.offset);
      from = l.offset + l.bytes;
    }
  canary(from, poison_.size());
}

void JudgeCase::snapshot() {
  if (!per_call_) {
    mem_->read_outputs(snapshot_.data(), snapshot_.size());
    return;
  }
  std::size_t got = 0;
  while (got < snapshot_.size()) {
    ssize_t n = ::pread(call_fd_, snapshot_.data() + got, snapshot_.size() - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("{}", errno_text("reading the call's outputs"));
    got += static_cast<std::size_t>(n);
  }
}

std::string JudgeCase::canary_damage() const {
  std::vector<std::pair<const Layout*, const char*>> regions;
  for (auto& l : out_) regions.emplace_back(&l, "output");
  for (auto& l : scratch_) regions.emplace_back(&l, "scratch buffer");
  std::size_t from = 0;
  for (auto [l, kind] : regions) {
    for (std::size_t i = from; i < l->offset; ++i)
      if (snapshot_[i] != poison_[i])
        return fmt::format("the call wrote {} {} '{}' (byte {} of the guard zone was changed)",
                           from == 0 ? "before" : "between the buffers, before", kind, l->name, i);
    from = l->offset + l->bytes;
  }
  for (std::size_t i = from; i < snapshot_.size(); ++i)
    if (snapshot_[i] != poison_[i])
      return fmt::format("the call wrote past the end of {} '{}' (byte {} after it was changed)",
                         regions.empty() ? "output" : regions.back().second,
                         regions.empty() ? "?" : regions.back().first->name, i - from);
  return {};
}

bool JudgeCase::outputs_changed_since_snapshot() {
  if (per_call_) {
    if (call_fd_ < 0 || sealed_) return false;  // sealed memory cannot change
    return ::pread(call_fd_, recheck_.data(), recheck_.size(), 0) != static_cast<ssize_t>(recheck_.size()) ||
           std::memcmp(recheck_.data(), snapshot_.data(), recheck_.size()) != 0;
  }
  mem_->read_outputs(recheck_.data(), recheck_.size());
  return std::memcmp(snapshot_.data(), recheck_.data(), snapshot_.size()) != 0;
}

CheckResult JudgeCase::check(const Reference& ref) {
  arbiter_args a{ref_in_.data(), ref_in_.size(), ref_out_.data(), ref_out_.size(), params_.data(), params_.size()};
  if (ref.run(&a) != 0) fail("the problem's reference failed on case '{}'", case_.name);
  for (auto& l : out_) {
    CheckResult r = check_tensor(l.name, l.dtype, snapshot_.data() + l.offset, expected_.data() + l.offset, l.count,
                                 p_.check);
    if (!r.ok) return r;
  }
  return {};
}

}  // namespace arbiter::judge
