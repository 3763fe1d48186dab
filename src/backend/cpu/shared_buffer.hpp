#pragma once
// Judge-owned host memory shared with the contestant through a memfd. The judge maps it
// read-write; for inputs it then seals the memfd with F_SEAL_FUTURE_WRITE, so the contestant
// can only ever map it read-only (mprotect to PROT_WRITE fails too), while the judge's own
// mapping stays writable for the next iteration's fresh inputs.
#include <cstddef>
#include <string>

namespace arbiter::backend::cpu {

class SharedBuffer {
 public:
  SharedBuffer() = default;
  SharedBuffer(const std::string& name, std::size_t bytes, bool read_only_for_peer);
  SharedBuffer(SharedBuffer&& o) noexcept { *this = std::move(o); }
  SharedBuffer& operator=(SharedBuffer&& o) noexcept;
  ~SharedBuffer();

  unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;    // requested bytes
  std::size_t mapped_ = 0;  // mapping length (at least one page)
};

// The contestant's side: maps a received memfd; read_only for inputs.
void* map_peer_buffer(int fd, std::size_t bytes, bool read_only);

}  // namespace arbiter::backend::cpu
