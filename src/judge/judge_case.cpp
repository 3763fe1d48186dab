#include "judge/judge_case.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "judge/generate.hpp"

namespace arbiter::judge {
namespace {
std::size_t lay_out(const std::vector<problem::TensorSpec>& specs, const problem::Params& params,
                    std::vector<Layout>& out) {
  std::size_t off = 0;
  for (auto& s : specs) {
    Layout l;
    l.name = s.name;
    l.dtype = s.dtype;
    l.shape = s.eval_shape(params);
    l.bytes = s.bytes(params);
    l.count = l.bytes / dtype_size(s.dtype);
    l.offset = off;
    off += (l.bytes + 63) / 64 * 64;  // cache-line aligned tensors
    out.push_back(l);
  }
  return off;
}
}  // namespace

JudgeCase::JudgeCase(const problem::Problem& p, const problem::Case& c) : p_(p), case_(c) {
  const std::size_t in_size = lay_out(p.inputs, c.params, in_);
  const std::size_t out_size = lay_out(p.outputs, c.params, out_);
  in_shared_ = backend::cpu::SharedBuffer("arbiter-inputs", in_size, true);
  out_size_ = out_size;
  pristine_.assign(in_size, 0);
  expected_.assign(out_size, 0);
  snapshot_.assign(out_size, 0);
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
  s.input_size = in_shared_.size();
  s.output_size = out_size_;
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
  if (!pristine_.empty()) std::memcpy(in_shared_.data(), pristine_.data(), pristine_.size());
}

JudgeCase::~JudgeCase() {
  if (call_fd_ >= 0) ::close(call_fd_);
}

int JudgeCase::fresh_outputs(uint64_t iteration, uint64_t poison_seed, backend::cpu::CacheFlusher& f) {
  if (call_fd_ >= 0) ::close(call_fd_);
  sealed_ = false;
  call_fd_ = ::memfd_create("arbiter-outputs", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (call_fd_ < 0) fail("{}", errno_text("memfd_create outputs"));
  const std::size_t len = out_size_ ? out_size_ : 4096;
  if (::ftruncate(call_fd_, static_cast<off_t>(len)) != 0) fail("{}", errno_text("ftruncate outputs"));
  void* p = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED, call_fd_, 0);
  if (p == MAP_FAILED) fail("{}", errno_text("mmap outputs"));
  auto* out = static_cast<unsigned char*>(p);
  if (iteration % 2 == 0) {
    std::memset(out, 0xff, out_size_);  // NaN in every float dtype
  } else {
    fill(out, DType::u8, out_size_, problem::Distribution::uniform, 0, 255,
         iteration_seed(poison_seed, case_.seed, iteration, 7));
  }
  f.flush_range(out, out_size_);
  ::munmap(p, len);  // the judge keeps no writable mapping: the seal at the reply needs none
  return call_fd_;
}

bool JudgeCase::seal_outputs() {
  if (call_fd_ < 0) return false;
  if (::fcntl(call_fd_, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
    if (errno == EBUSY) return false;
    fail("{}", errno_text("sealing the call's outputs"));
  }
  sealed_ = true;
  return true;
}

void JudgeCase::evict(backend::cpu::CacheFlusher& f) const { f.flush_range(in_shared_.data(), in_shared_.size()); }

void JudgeCase::snapshot() {
  std::size_t got = 0;
  while (got < snapshot_.size()) {
    ssize_t n = ::pread(call_fd_, snapshot_.data() + got, snapshot_.size() - got, static_cast<off_t>(got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("{}", errno_text("reading the call's outputs"));
    got += static_cast<std::size_t>(n);
  }
}

bool JudgeCase::outputs_changed_since_snapshot() const {
  if (snapshot_.empty() || call_fd_ < 0 || sealed_) return false;  // sealed memory cannot change
  std::vector<unsigned char> now(snapshot_.size());
  return ::pread(call_fd_, now.data(), now.size(), 0) != static_cast<ssize_t>(now.size()) ||
         std::memcmp(now.data(), snapshot_.data(), now.size()) != 0;
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
