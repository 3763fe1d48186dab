#include "judge/judge_case.hpp"

#include <cstring>

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

JudgeCase::JudgeCase(const problem::Problem& p, const problem::Case& c, const MemoryFactory& memory)
    : p_(p), case_(c) {
  const std::size_t in_size = lay_out(p.inputs, c.params, in_, 0);
  out_bytes_ = lay_out(p.outputs, c.params, out_, kGuardBytes);
  mem_ = memory(in_size, out_bytes_);
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
  s.input_size = mem_->input_size();
  s.output_size = mem_->output_size();
  s.memory = std::string(mem_->kind()) == "cuda" ? wire::MemoryKind::cuda : wire::MemoryKind::host;
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

void JudgeCase::poison(uint64_t iteration, uint64_t poison_seed) {
  if (poison_.empty()) return;
  if (iteration % 2 == 0) {
    std::memset(poison_.data(), 0xff, poison_.size());  // NaN in every float dtype
  } else {
    fill(poison_.data(), DType::u8, poison_.size(), problem::Distribution::uniform, 0, 255,
         iteration_seed(poison_seed, case_.seed, iteration, 7));
  }
  // The guards hold one pattern for the whole case, secret like the poison.
  std::size_t from = 0;
  auto canary = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = a; i < b; ++i) poison_[i] = static_cast<unsigned char>((poison_seed >> ((i % 8) * 8)) ^ i);
  };
  for (auto& l : out_) {
    canary(from, l.offset);
    from = l.offset + l.bytes;
  }
  canary(from, poison_.size());
  mem_->write_outputs(poison_.data(), poison_.size());
}

void JudgeCase::snapshot() {
  if (!snapshot_.empty()) mem_->read_outputs(snapshot_.data(), snapshot_.size());
}

std::string JudgeCase::canary_damage() const {
  std::size_t from = 0;
  std::string before = "before";
  for (auto& l : out_) {
    for (std::size_t i = from; i < l.offset; ++i)
      if (snapshot_[i] != poison_[i])
        return fmt::format("the call wrote {} output '{}' (byte {} of the guard zone was changed)",
                           from == 0 ? "before" : "between the outputs, before", l.name, i);
    from = l.offset + l.bytes;
  }
  for (std::size_t i = from; i < snapshot_.size(); ++i)
    if (snapshot_[i] != poison_[i])
      return fmt::format("the call wrote past the end of output '{}' (byte {} after it was changed)",
                         out_.empty() ? "?" : out_.back().name, i - from);
  return {};
}

bool JudgeCase::outputs_changed_since_snapshot() {
  if (snapshot_.empty()) return false;
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
