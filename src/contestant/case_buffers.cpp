#include "contestant/case_buffers.hpp"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include "backend/cpu/shared_buffer.hpp"
#include "contestant/late_write_guard.hpp"
#include "contestant/mapper.hpp"
#include "core/error.hpp"

namespace arbiter::contestant {
namespace {
std::size_t map_len(std::size_t n) { return n ? n : 4096; }
}  // namespace

void CaseBuffers::release() {
  if (in_) ::munmap(in_, map_len(in_len_));
  if (out_) ::munmap(out_, map_len(out_len_));
  in_ = out_ = nullptr;
  out_mapped_ = false;
  late_write_guard::disarm();
}

void CaseBuffers::setup(const wire::SetupCase& s, int input_fd, int output_fd) {
  release();
  in_len_ = s.input_size;
  out_len_ = s.output_size;
  per_call_ = output_fd < 0;
  mapper::run([&] { in_ = backend::cpu::map_peer_buffer(input_fd, in_len_, true); });
  ::close(input_fd);
  if (!per_call_) {
    mapper::run([&] { out_ = backend::cpu::map_peer_buffer(output_fd, out_len_, false); });
    out_mapped_ = true;
    ::close(output_fd);
  }
  describe(s, in_, in_len_, out_, out_len_);
}

void CaseBuffers::describe(const wire::SetupCase& s, void* in, std::size_t in_len, void* out_base, std::size_t out_len) {
  names_.clear();
  names_.reserve(s.params.size() + s.inputs.size() + s.outputs.size());  // stable c_str()s
  params_.clear();
  for (auto& p : s.params) {
    names_.push_back(p.name);
    params_.push_back({names_.back().c_str(), p.value});
  }
  auto make = [&](const std::vector<wire::TensorDesc>& ds, void* base, std::size_t len, std::vector<arbiter_tensor>& out) {
    out.clear();
    for (auto& d : ds) {
      if (d.offset > len || d.bytes > len - d.offset) fail("tensor {} lies outside its buffer", d.name);
      arbiter_tensor t{};
      t.data = base ? static_cast<unsigned char*>(base) + d.offset : nullptr;
      t.dtype = d.dtype;
      t.ndim = static_cast<int32_t>(d.shape.size());
      for (std::size_t i = 0; i < d.shape.size(); ++i) t.shape[i] = d.shape[i];
      names_.push_back(d.name);
      t.name = names_.back().c_str();
      out.push_back(t);
    }
  };
  make(s.inputs, in, in_len, inputs_);
  make(s.outputs, out_base, out_len, outputs_);
  out_offsets_.clear();
  for (auto& d : s.outputs) out_offsets_.push_back(d.offset);
  args_ = {inputs_.data(), inputs_.size(), outputs_.data(), outputs_.size(), params_.data(), params_.size()};
}

void CaseBuffers::point_outputs() {
  for (std::size_t i = 0; i < outputs_.size(); ++i)
    outputs_[i].data = out_ ? static_cast<unsigned char*>(out_) + out_offsets_[i] : nullptr;
}

void CaseBuffers::map_outputs(int fd) {
  const std::size_t len = map_len(out_len_);
  // Over our own reservation (MAP_FIXED replaces it), or anywhere the first time. Populated now,
  // so the call does not pay page faults a persistent mapping would not have.
  void* p = MAP_FAILED;
  int err = 0;  // errno is per thread: carried back from the mapper
  mapper::run([&] {
    p = ::mmap(out_, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE | (out_ ? MAP_FIXED : 0), fd, 0);
    err = errno;
  });
  ::close(fd);
  if (p == MAP_FAILED) fail("mmap the call's outputs: {}", std::strerror(err));
  out_ = p;
  out_mapped_ = true;
  point_outputs();
}

void CaseBuffers::unmap_outputs() {
  if (!out_mapped_ || !per_call_) return;
  const std::size_t len = map_len(out_len_);
  late_write_guard::arm(out_, len);  // before: a thread may fault the instant the pages go
  // Replacing the shared mapping drops the memfd (the judge's seal needs that) and keeps the
  // addresses reserved, so a late write always faults rather than landing in a later mapping.
  if (::mmap(out_, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
    ::munmap(out_, len);  // still gone, only not reserved
  out_mapped_ = false;
}

}  // namespace arbiter::contestant
