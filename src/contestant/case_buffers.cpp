#include "contestant/case_buffers.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include "backend/cpu/shared_buffer.hpp"
#include "core/error.hpp"

namespace arbiter::contestant {

void CaseBuffers::release() {
  if (in_) ::munmap(in_, in_len_ ? in_len_ : 4096);
  if (out_) ::munmap(out_, out_len_ ? out_len_ : 4096);
  in_ = out_ = nullptr;
}

void CaseBuffers::setup(const wire::SetupCase& s, int input_fd, int output_fd) {
  release();
  in_len_ = s.input_size;
  out_len_ = s.output_size;
  in_ = backend::cpu::map_peer_buffer(input_fd, in_len_, true);
  out_ = backend::cpu::map_peer_buffer(output_fd, out_len_, false);
  ::close(input_fd);
  ::close(output_fd);
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
      t.data = static_cast<unsigned char*>(base) + d.offset;
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
  args_ = {inputs_.data(), inputs_.size(), outputs_.data(), outputs_.size(), params_.data(), params_.size()};
}

}  // namespace arbiter::contestant
